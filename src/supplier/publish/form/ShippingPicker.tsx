import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import type { Shipping } from '@/domain/shipping'
import { route } from '@/domain/routes'
import { templateSummary } from '@/supplier/shipping/fees'
import { FieldError } from '@/components/FormMessages'

function createTemplate() {
  void Taro.navigateTo({ url: route('supplier/shipping/edit/index') })
}

/** 物流运费 (R7): the product's shipping template, chosen from a sheet; with none yet, the way to create one. */
export default function ShippingPicker({
  templates,
  value,
  error,
  onChange,
}: {
  templates: Shipping[]
  value: string
  error?: string
  onChange: (templateId: string) => void
}) {
  const [picking, setPicking] = useState(false)
  const template = templates.find((t) => t._id === value)
  return (
    <>
      <View className='wg-card form-card'>
        <Text className='wg-card-title'>物流运费</Text>
        {templates.length === 0 ? (
          <View className={`form-line shipping-empty${error ? ' field-invalid' : ''}`} onClick={createTemplate}>
            <Text className='form-line-label'>运费模板</Text>
            <Text className='form-line-value shipping-create-link'>还没有运费模板，去创建</Text>
            <View className='chevron' />
          </View>
        ) : (
          <View className={`form-line field-shipping${error ? ' field-invalid' : ''}`} onClick={() => setPicking(true)}>
            <Text className='form-line-label'>运费模板</Text>
            <View className='form-line-value'>
              <Text className={`shipping-value${template ? '' : ' placeholder'}`}>{template ? template.name : '请选择运费模板'}</Text>
              {template ? <Text className='shipping-summary'>{templateSummary(template)}</Text> : null}
            </View>
            <View className='chevron' />
          </View>
        )}
        <FieldError message={error} name='shipping' />
      </View>

      <Popup
        className='shipping-popup'
        visible={picking}
        position='bottom'
        round
        closeable
        title='选择运费模板'
        onClose={() => setPicking(false)}
      >
        <View className='shipping-options'>
          {templates.map((t) => (
            <View
              key={t._id}
              className={`shipping-option${t._id === value ? ' shipping-option-active' : ''}`}
              onClick={() => {
                onChange(t._id)
                setPicking(false)
              }}
            >
              <Text className='shipping-option-name'>{t.name}</Text>
              <Text className='shipping-option-summary'>{templateSummary(t)}</Text>
            </View>
          ))}
          <View
            className='shipping-option shipping-option-new'
            onClick={() => {
              setPicking(false)
              createTemplate()
            }}
          >
            <Text className='shipping-option-name'>＋ 新建运费模板</Text>
          </View>
        </View>
      </Popup>
    </>
  )
}

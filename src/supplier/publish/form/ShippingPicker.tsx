import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import type { Shipping } from '@/domain/shipping'
import { route } from '@/domain/routes'
import { templateSummary } from '@/supplier/shipping/fees'
import FieldRow from '@/components/FieldRow'

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
        {/* With no template yet the line is the way to create one. */}
        <FieldRow
          name='shipping'
          label='运费模板'
          error={error}
          className={templates.length === 0 ? 'shipping-empty' : undefined}
          onClick={templates.length === 0 ? createTemplate : () => setPicking(true)}
        >
          {templates.length === 0 ? (
            <Text className='form-line-value shipping-create-link'>还没有运费模板，去创建</Text>
          ) : (
            <View className='form-line-value'>
              <Text className={`shipping-value${template ? '' : ' placeholder'}`}>{template ? template.name : '请选择运费模板'}</Text>
              {template ? <Text className='shipping-summary'>{templateSummary(template)}</Text> : null}
            </View>
          )}
          <View className='chevron' />
        </FieldRow>
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

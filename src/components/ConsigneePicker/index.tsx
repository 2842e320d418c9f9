import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Popup, TextArea } from '@nutui/nutui-react-taro'
import { checkWith } from '@/domain/errors'
import { ConsigneeSchema, consigneeAddress, maskPhone, type Consignee } from '@/domain/order'
import FieldRow, { linesOf } from '@/components/FieldRow'
import TextRow from '@/components/FieldRow/TextRow'
import { FieldError } from '@/components/FormMessages'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import RegionField from './RegionField'
import './index.scss'

/** WeChat's address book (weapp): the agent's own address or its customer's. */
async function chooseWechatAddress(): Promise<Consignee | null> {
  try {
    const a = await Taro.chooseAddress()
    const parsed = ConsigneeSchema.safeParse({
      name: a.userName,
      phone: a.telNumber,
      province: a.provinceName,
      city: a.cityName,
      district: a.countyName,
      address: a.detailInfo,
    })
    if (!parsed.success) {
      void Taro.showToast({ title: parsed.error.issues[0]?.message ?? '地址不完整，请重新选择', icon: 'none' })
      return null
    }
    return parsed.data
  } catch {
    return null
  }
}

const emptyDraft = { name: '', phone: '', province: '', city: '', district: '', address: '' }

/**
 * A new consignee: name, phone, province / city / district (each build's own picker: RegionField)
 * and the street address. Checked with the order's own schema before it is used.
 */
function ConsigneeForm({ onDone }: { onDone: (consignee: Consignee) => void }) {
  const [draft, setDraft] = useState(emptyDraft)
  // Nothing is sent here: the order takes the address, so the form's send is the address itself.
  const { errors, submit } = useFormSubmit({
    check: () => checkWith(ConsigneeSchema, draft),
    send: (consignee: Consignee) => Promise.resolve(consignee),
    done: onDone,
  })
  const change = (field: keyof typeof emptyDraft, value: string) => setDraft((d) => ({ ...d, [field]: value }))
  const line = linesOf(draft, errors, change)
  return (
    <View className='consignee-form'>
      <TextRow {...line('name')} label='收货人' inputClass='field-input consignee-name' placeholder='姓名' />
      <TextRow {...line('phone')} label='手机号' inputClass='field-input consignee-phone' type='tel' placeholder='11 位手机号' />
      <RegionField region={[draft.province, draft.city, draft.district]} onPick={(picked) => setDraft((d) => ({ ...d, ...picked }))} />
      <FieldError name='province' message={errors.province ?? errors.city} />
      <FieldRow name='address' label='详细地址' error={errors.address} className='field-multiline'>
        <TextArea
          className='field-input consignee-address'
          value={draft.address}
          placeholder='街道、楼栋、门牌号'
          maxLength={100}
          onChange={(v) => change('address', v)}
        />
      </FieldRow>
      <Button className='consignee-save' type='primary' block onClick={() => void submit()}>
        使用这个地址
      </Button>
    </View>
  )
}

/**
 * Where the order goes (一件代发: the agent's own address or its customer's): the recent addresses
 * the server remembers, WeChat's address book in the mini-program, or a new address.
 */
export default function ConsigneePicker({
  visible,
  recent,
  onClose,
  onPick,
  onForget,
}: {
  visible: boolean
  /** The address book (`order.addresses`), most recently used first. */
  recent: Array<{ id: string; consignee: Consignee }>
  onClose: () => void
  onPick: (consignee: Consignee) => void
  /** Removes an address from the book. */
  onForget: (id: string) => void
}) {
  const [adding, setAdding] = useState(false)
  const close = () => {
    setAdding(false)
    onClose()
  }
  const pick = (consignee: Consignee) => {
    setAdding(false)
    onPick(consignee)
  }
  return (
    <Popup
      className='consignee-picker'
      visible={visible}
      position='bottom'
      round
      closeable
      title={adding ? '新建收货地址' : '选择收货地址'}
      onClose={close}
    >
      <View className='consignee-picker-body'>
        {adding ? (
          <ConsigneeForm onDone={pick} />
        ) : (
          <>
            {recent.map(({ id, consignee: c }) => (
              <View key={id} className='consignee-option' onClick={() => pick(c)}>
                <View className='consignee-option-main'>
                  <Text className='consignee-option-who'>
                    {c.name} {maskPhone(c.phone)}
                  </Text>
                  <Text className='consignee-option-address'>{consigneeAddress(c)}</Text>
                </View>
                <Text
                  className='consignee-forget'
                  onClick={(e) => {
                    e.stopPropagation()
                    onForget(id)
                  }}
                >
                  删除
                </Text>
              </View>
            ))}
            {recent.length === 0 ? <Text className='consignee-none'>还没有收货地址，代发给客户时填写客户的地址</Text> : null}
            <View className='consignee-actions'>
              {process.env.TARO_ENV === 'weapp' ? (
                <Button
                  className='consignee-wechat'
                  type='primary'
                  onClick={() =>
                    void chooseWechatAddress().then((c) => {
                      if (c) pick(c)
                    })
                  }
                >
                  使用微信收货地址
                </Button>
              ) : null}
              <Button className='consignee-new' fill='outline' onClick={() => setAdding(true)}>
                新建收货地址
              </Button>
            </View>
          </>
        )}
      </View>
    </Popup>
  )
}

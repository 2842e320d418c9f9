import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { AgreeAftersaleInput, type Aftersale, type ReturnAddress } from '@/domain/aftersale-schemas'
import type { ActionArgs } from '@/domain/api'
import { checkWith } from '@/domain/errors'
import { callCloud } from '@/api/cloud'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import TextRow from '@/components/FieldRow/TextRow'
import { linesOf } from '@/components/FieldRow'

const empty: ReturnAddress = { name: '', phone: '', region: '', detail: '' }
type Key = keyof ReturnAddress

/** The return address of 店铺资料, when the profile has one (read structurally: the field is 店铺资料's). */
function savedAddress(supplier: object | null): ReturnAddress | null {
  const saved = (supplier as { returnAddress?: ReturnAddress } | null)?.returnAddress
  return saved ? { ...empty, ...saved } : null
}

/** 同意退货: where the agent sends the goods back, prefilled from 店铺资料 and editable for this case. */
export default function AgreeReturnPopup({
  item,
  visible,
  onClose,
  onDone,
}: {
  item: Aftersale
  visible: boolean
  onClose: () => void
  onDone: (next: Aftersale) => void
}) {
  const [address, setAddress] = useState<ReturnAddress>(empty)
  useEffect(() => {
    if (!visible) return
    let live = true
    callCloud('supplier', 'me', {})
      .then(({ supplier }) => {
        const saved = savedAddress(supplier)
        if (live && saved) setAddress((prev) => (prev.name || prev.detail ? prev : saved))
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [visible])
  const { errors, formError, saving, submit, clear } = useFormSubmit({
    check: () =>
      checkWith(AgreeAftersaleInput, { id: item._id, returnAddress: address }, (path) =>
        path[0] === 'returnAddress' ? String(path[1] ?? '') : String(path[0] ?? ''),
      ),
    send: (input: ActionArgs<'aftersale', 'agree'>) => callCloud('aftersale', 'agree', input),
    toast: '已同意退货',
    done: onDone,
    fieldOf: (path) => (path[0] === 'returnAddress' ? String(path[1] ?? '') : String(path[0] ?? '')),
  })
  const line = linesOf<Key>(address, errors, (key, value) => {
    setAddress((prev) => ({ ...prev, [key]: value }))
    clear(key)
  })

  return (
    <Popup className='case-popup' visible={visible} position='bottom' round closeable title='同意退货' onClose={onClose}>
      <View className='case-popup-body agree-return'>
        <TextRow {...line('name')} label='收货人' inputClass='case-input' placeholder='退货收件人' />
        <TextRow {...line('phone')} label='联系电话' inputClass='case-input' type='tel' placeholder='手机号' />
        <TextRow {...line('region')} label='所在地区' inputClass='case-input' placeholder='省 市 区' />
        <TextRow
          {...line('detail')}
          label='详细地址'
          error={errors.detail ?? formError}
          inputClass='case-input'
          placeholder='街道、门牌号'
        />
        <Button className='case-popup-confirm agree-return-confirm' type='primary' block loading={saving} onClick={() => void submit()}>
          同意并发送退货地址
        </Button>
      </View>
    </Popup>
  )
}

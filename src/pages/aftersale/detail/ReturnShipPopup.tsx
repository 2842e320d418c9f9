import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button, Input, Popup } from '@nutui/nutui-react-taro'
import { CARRIERS } from '@/domain/order'
import { ReturnShipInput, type Aftersale } from '@/domain/aftersale-schemas'
import type { ActionArgs } from '@/domain/api'
import { checkWith } from '@/domain/errors'
import { callCloud } from '@/api/cloud'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import FieldRow from '@/components/FieldRow'
import ChipChoice from '@/components/ChipChoice'

const carriers = CARRIERS.map((name) => ({ value: name, label: name }))

/** 填写退货物流: the carrier (picked as the supplier's 发货 picks it) and the tracking number of the goods sent back. */
export default function ReturnShipPopup({
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
  const [carrier, setCarrier] = useState<(typeof CARRIERS)[number]>(CARRIERS[0])
  const [trackingNo, setTrackingNo] = useState('')
  const { errors, formError, saving, submit } = useFormSubmit({
    check: () => checkWith(ReturnShipInput, { id: item._id, carrier, trackingNo }, (path) => String(path[0] ?? '')),
    send: (input: ActionArgs<'aftersale', 'returnShip'>) => callCloud('aftersale', 'returnShip', input),
    toast: '已提交退货物流',
    done: onDone,
  })
  return (
    <Popup className='case-popup' visible={visible} position='bottom' round closeable title='填写退货物流' onClose={onClose}>
      <View className='case-popup-body'>
        <FieldRow name='carrier' label='快递公司' error={errors.carrier}>
          <ChipChoice name='case-chip' chips={carriers} value={carrier} onChange={setCarrier} />
        </FieldRow>
        <FieldRow name='trackingNo' label='快递单号' error={errors.trackingNo ?? formError}>
          <Input
            className='case-input return-no-input'
            value={trackingNo}
            placeholder='填写退货快递单号'
            clearable
            onChange={(v) => setTrackingNo(v.trim())}
          />
        </FieldRow>
        <Button className='case-popup-confirm return-ship-confirm' type='primary' block loading={saving} onClick={() => void submit()}>
          提交
        </Button>
      </View>
    </Popup>
  )
}

import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input, Popup } from '@nutui/nutui-react-taro'
import { CARRIERS, TrackingNoSchema, type Order } from '@/domain/order'
import { checkWith } from '@/domain/errors'
import { callCloud } from '@/api/cloud'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import FieldRow from '@/components/FieldRow'
import ChipChoice from '@/components/ChipChoice'

const carriers = CARRIERS.map((name) => ({ value: name, label: name }))

/** 发货 (R17): a carrier from the common ones and the tracking number (scan it in the mini-program). */
export default function ShipPopup({
  order,
  onClose,
  onShipped,
}: {
  order: Order | null
  onClose: () => void
  onShipped: (order: Order) => void
}) {
  const [carrier, setCarrier] = useState<(typeof CARRIERS)[number]>(CARRIERS[0])
  const [trackingNo, setTrackingNo] = useState('')
  const { errors, formError, saving, submit, report } = useFormSubmit({
    check: () => {
      const checked = checkWith(TrackingNoSchema, trackingNo, () => 'trackingNo')
      if (!checked.ok || !order) return { ok: false, errors: checked.ok ? {} : checked.errors }
      return { ok: true, input: { id: order._id, carrier, trackingNo: checked.input } }
    },
    send: (input: { id: string; carrier: (typeof CARRIERS)[number]; trackingNo: string }) => callCloud('order', 'ship', input),
    toast: '已发货',
    done: onShipped,
  })
  // Each order opened starts with an empty tracking number.
  const [shipping, setShipping] = useState(order?._id)
  if (shipping !== order?._id) {
    setShipping(order?._id)
    setTrackingNo('')
    report({})
  }

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: false, scanType: ['barCode'] })
      setTrackingNo(result)
    } catch {
      // Closed the scanner.
    }
  }

  return (
    <Popup className='ship-popup' visible={order !== null} position='bottom' round closeable title='发货' onClose={onClose}>
      <View className='ship-body'>
        <FieldRow name='carrier' label='快递公司'>
          <ChipChoice name='ship-carrier' chips={carriers} value={carrier} onChange={setCarrier} />
        </FieldRow>
        <FieldRow name='trackingNo' label='快递单号' error={errors.trackingNo ?? formError}>
          <View className='ship-no'>
            <Input
              className='ship-no-input'
              value={trackingNo}
              placeholder='填写或扫描快递单号'
              clearable
              onChange={(v) => setTrackingNo(v.trim())}
            />
            {process.env.TARO_ENV === 'weapp' ? (
              <Text className='ship-scan' onClick={() => void scan()}>
                扫一扫
              </Text>
            ) : null}
          </View>
        </FieldRow>
        <Button className='ship-confirm' type='primary' block loading={saving} onClick={() => void submit()}>
          确认发货
        </Button>
      </View>
    </Popup>
  )
}

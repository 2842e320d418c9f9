import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input, Popup } from '@nutui/nutui-react-taro'
import { CARRIERS, TrackingNoSchema, type Order } from '@/domain/order'
import { callCloud, toAppError } from '@/api/cloud'
import { FieldError } from '@/components/FormMessages'

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
  const [error, setError] = useState('')
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    setTrackingNo('')
    setError('')
  }, [order?._id])

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: false, scanType: ['barCode'] })
      setTrackingNo(result)
    } catch {
      // Closed the scanner.
    }
  }

  const ship = async () => {
    if (!order) return
    const parsed = TrackingNoSchema.safeParse(trackingNo)
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写快递单号')
      return
    }
    setSaving(true)
    try {
      const shipped = await callCloud('order', 'ship', { id: order._id, carrier, trackingNo: parsed.data })
      void Taro.showToast({ title: '已发货', icon: 'success' })
      onShipped(shipped)
    } catch (e) {
      setError(toAppError(e).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Popup className='ship-popup' visible={order !== null} position='bottom' round closeable title='发货' onClose={onClose}>
      <View className='ship-body'>
        <Text className='ship-label'>快递公司</Text>
        <View className='ship-carriers'>
          {CARRIERS.map((name) => (
            <View key={name} className={`ship-carrier${name === carrier ? ' ship-carrier-active' : ''}`} onClick={() => setCarrier(name)}>
              {name}
            </View>
          ))}
        </View>
        <Text className='ship-label'>快递单号</Text>
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
        <FieldError name='trackingNo' message={error} />
        <Button className='ship-confirm' type='primary' block loading={saving} onClick={() => void ship()}>
          确认发货
        </Button>
      </View>
    </Popup>
  )
}

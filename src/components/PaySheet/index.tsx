import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import type { Payment } from '@/domain/order'
import { formatFen } from '@/domain/money'
import { callCloud } from '@/api/cloud'
import { toastError } from '@/components/FormMessages/toast'
import { askForOrderMessages, payLocally, preloadOrderMessages, requestWechatPayment } from '@/api/pay'
import './index.scss'

interface Pending {
  payment: Payment
  orderNo: string
  total: number
  resolve: (paid: boolean) => void
}

/**
 * Paying an order: `order.pay` makes the payment; WeChat's payment sheet takes it in the
 * mini-program, the 模拟支付 sheet (the local cloud's stand-in for WeChat Pay) in the H5 build. The
 * agent is asked for the order messages (发货, 即将取消) on the same tap. Resolves true once the
 * server has seen the payment (the order reads 待发货).
 */
export function usePayment() {
  useEffect(preloadOrderMessages, [])
  const [pending, setPending] = useState<Pending | null>(null)
  const [paying, setPaying] = useState(false)
  const current = useRef<Pending | null>(null)

  const waitForPaid = async (id: string): Promise<boolean> => {
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const order = await callCloud('order', 'get', { id })
      if (order.status !== 'pending_payment') return order.status === 'paid'
      await new Promise((done) => setTimeout(done, 500 + attempt * 250))
    }
    return false
  }

  /** `ask`: false when the tap that led here already asked for the messages (确认订单's 提交订单). */
  const pay = useCallback(async (id: string, ask = true): Promise<boolean> => {
    if (ask) void askForOrderMessages('agent')
    const { payment, orderNo, total } = await callCloud('order', 'pay', { id })
    if (process.env.TARO_ENV === 'weapp') {
      if (!(await requestWechatPayment(payment))) return false
      return waitForPaid(id)
    }
    const confirmed = await new Promise<boolean>((resolve) => {
      const next = { payment, orderNo, total, resolve }
      current.current = next
      setPending(next)
    })
    if (!confirmed) return false
    return waitForPaid(id)
  }, [])

  const close = (paid: boolean) => {
    current.current?.resolve(paid)
    current.current = null
    setPending(null)
  }

  const confirm = async () => {
    const open = current.current
    if (!open) return
    setPaying(true)
    try {
      await payLocally(open.payment)
      close(true)
    } catch (error) {
      close(false)
      toastError(error)
    } finally {
      setPaying(false)
    }
  }

  const sheet = (
    <Popup className='pay-sheet' visible={pending !== null} position='bottom' round closeable onClose={() => close(false)}>
      <View className='pay-sheet-body'>
        <Text className='pay-sheet-title'>模拟支付</Text>
        <Text className='pay-sheet-amount'>{pending ? formatFen(pending.total) : ''}</Text>
        <Text className='pay-sheet-order'>订单号 {pending?.orderNo ?? ''}</Text>
        <Text className='pay-sheet-note'>本地演示环境代替微信支付，不会真实扣款。确认后由支付回调把订单标记为已付款。</Text>
        <Button className='pay-sheet-confirm' type='primary' block loading={paying} onClick={() => void confirm()}>
          确认支付
        </Button>
      </View>
    </Popup>
  )

  return { pay, sheet }
}

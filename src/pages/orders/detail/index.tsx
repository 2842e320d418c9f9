import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { Order } from '@/domain/order'
import { isOpenCase } from '@/domain/aftersale'
import { caseOpening } from '@/domain/aftersale-refunds'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import { confirmWithWeChat } from '@/api/confirm-receipt'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import OrderDetail from '@/components/OrderDetail'
import { useConfirm } from '@/components/ConfirmDialog'
import { usePayment } from '@/components/PaySheet'
import { NoticeView, SkeletonCards } from '@/components/StatusView'
import { useLoader } from '@/hooks/useLoader'
import { toastError } from '@/components/FormMessages/toast'
import './index.scss'

/**
 * 申请退款 (paid) or 申请售后 (shipped, or ≤ 7 days after completion) while something is left to
 * refund and no case is open (R19): an open case is reached by 查看售后 on the order instead.
 */
function canApply(order: Order): boolean {
  if (order.aftersale && isOpenCase(order.aftersale.status)) return false
  return caseOpening({ ...order, refundedFen: order.refundedFen ?? 0 }, 'refund_only', Date.now()).ok
}

/** 订单详情 for the agent (R17): status, logistics, consignee, goods; 取消 / 去支付 / 确认收货. */
export default function AgentOrderPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const { state, reload, setState } = useLoader(() => callCloud('order', 'get', { id }), { when: Boolean(id), key: id, onShow: true })
  const [working, setWorking] = useState(false)
  const { confirm, dialog } = useConfirm()
  const { pay, sheet } = usePayment()

  const act = async (work: () => Promise<Order | null>, done: string) => {
    setWorking(true)
    try {
      const next = await work()
      if (next) {
        setState({ status: 'ready', data: next })
        void Taro.showToast({ title: done, icon: 'success' })
      }
    } catch (e) {
      toastError(e)
      void reload()
    } finally {
      setWorking(false)
    }
  }

  const cancel = (order: Order) =>
    act(async () => {
      const ok = await confirm({
        title: '取消订单',
        content: '取消后库存退回供应商，确定取消这个订单？',
        confirmText: '取消订单',
        danger: true,
      })
      return ok ? callCloud('order', 'cancel', { id: order._id }) : null
    }, '订单已取消')
  const payNow = (order: Order) =>
    act(async () => ((await pay(order._id)) ? callCloud('order', 'get', { id: order._id }) : null), '支付成功')
  const receive = (order: Order) =>
    act(async () => {
      // Paid by WeChat Pay and its shipment reported (R20): WeChat's own confirm-receipt; where it
      // cannot open or fails, the app's own confirm below.
      if (order.wechatConfirm) {
        const outcome = await confirmWithWeChat(order.wechatConfirm.transactionId)
        if (outcome === 'success') return callCloud('order', 'confirm', { id: order._id })
        if (outcome === 'cancel') return null
      }
      const ok = await confirm({ title: '确认收货', content: '请确认已收到全部商品，确认后订单完成。', confirmText: '确认收货' })
      return ok ? callCloud('order', 'confirm', { id: order._id }) : null
    }, '已确认收货')

  if (!id || (state.status === 'error' && state.error.code === 'NOT_FOUND')) {
    return (
      <PageShell className='order-page'>
        <NoticeView
          image='parcel'
          title='订单不存在'
          description='订单可能不属于当前账号'
          actionText='我的订单'
          onAction={() => void Taro.redirectTo({ url: route('pages/orders/index') })}
        />
      </PageShell>
    )
  }

  return (
    <PageShell className='order-page'>
      <LoadGate state={state} onRetry={() => void reload()} loading={<SkeletonCards count={3} rows={3} />}>
        {(order) => (
          <OrderDetail
            order={order}
            now={Date.now()}
            viewer='agent'
            actions={
              order.status === 'pending_payment' ? (
                <>
                  <Button className='order-cancel' fill='outline' disabled={working} onClick={() => void cancel(order)}>
                    取消订单
                  </Button>
                  <Button className='order-pay' type='primary' loading={working} onClick={() => void payNow(order)}>
                    去支付
                  </Button>
                </>
              ) : canApply(order) || order.status === 'shipped' ? (
                <>
                  {canApply(order) ? (
                    <Button
                      className='order-aftersale'
                      fill='outline'
                      onClick={() => void Taro.navigateTo({ url: route('pages/aftersale/apply/index', { orderId: order._id }) })}
                    >
                      {order.status === 'paid' ? '申请退款' : '申请售后'}
                    </Button>
                  ) : null}
                  {order.status === 'shipped' ? (
                    <Button className='order-confirm' type='primary' loading={working} onClick={() => void receive(order)}>
                      确认收货
                    </Button>
                  ) : null}
                </>
              ) : undefined
            }
          />
        )}
      </LoadGate>
      {dialog}
      {sheet}
    </PageShell>
  )
}

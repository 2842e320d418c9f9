import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { callCloud } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import OrderDetail from '@/components/OrderDetail'
import { useConfirm } from '@/components/ConfirmDialog'
import { NoticeView, SkeletonCards } from '@/components/StatusView'
import { useLoader } from '@/hooks/useLoader'
import { route } from '@/domain/routes'
import { toastError } from '@/components/FormMessages/toast'
import type { RefundView } from '@/domain/aftersale-schemas'
import ShipPopup from '../ShipPopup'
import CannotShipPopup from '../CannotShipPopup'
import '../index.scss'

/** A WeChat Pay shipment WeChat has not heard of yet (R20): the payment is not settled until it has. */
const reportNotes = {
  pending: '未上报：发货信息还没有同步到微信，货款暂不结算；系统每 10 分钟自动重试',
  manual: '未上报：「其他」快递需在小程序后台「发货信息管理」手动录入发货信息',
} as const

/** 订单详情 for the supplier: the consignee to ship to (copyable), the goods; 发货 and cancelling an unpaid order. */
export default function SoldOrderPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const { state, reload, setState } = useLoader(() => callCloud('order', 'get', { id }), { when: Boolean(id), key: id })
  const [shipping, setShipping] = useState(false)
  const [refunding, setRefunding] = useState(false)
  const [refund, setRefund] = useState<RefundView>()
  const [working, setWorking] = useState(false)
  const { confirm, dialog } = useConfirm()

  const cancel = async () => {
    const ok = await confirm({
      title: '取消订单',
      content: '取消后库存退回，代理将看到订单已被取消。',
      confirmText: '取消订单',
      danger: true,
    })
    if (!ok) return
    setWorking(true)
    try {
      setState({ status: 'ready', data: await callCloud('order', 'cancel', { id }) })
      void Taro.showToast({ title: '订单已取消', icon: 'none' })
    } catch (e) {
      toastError(e)
      void reload()
    } finally {
      setWorking(false)
    }
  }

  if (!id || (state.status === 'error' && state.error.code === 'NOT_FOUND')) {
    return (
      <PageShell className='sold-order-page'>
        <NoticeView
          image='parcel'
          title='订单不存在'
          description='订单可能不属于你的店铺'
          actionText='返回订单列表'
          onAction={() => void Taro.redirectTo({ url: route('supplier/orders/index') })}
        />
      </PageShell>
    )
  }

  return (
    <PageShell className='sold-order-page'>
      <LoadGate state={state} onRetry={() => void reload()} loading={<SkeletonCards count={3} rows={3} />}>
        {(order) => (
          <>
            <OrderDetail
              order={order}
              now={Date.now()}
              viewer='supplier'
              refund={refund}
              actions={
                order.status === 'paid' ? (
                  <>
                    <Button className='order-cannot-ship' fill='outline' onClick={() => setRefunding(true)}>
                      无法发货，退款
                    </Button>
                    <Button className='order-ship' type='primary' onClick={() => setShipping(true)}>
                      发货
                    </Button>
                  </>
                ) : refund?.status === 'failed' ? (
                  <Button className='order-refund-retry' type='primary' onClick={() => setRefunding(true)}>
                    重新退款
                  </Button>
                ) : order.status === 'pending_payment' ? (
                  <Button className='order-cancel' fill='outline' loading={working} onClick={() => void cancel()}>
                    取消订单
                  </Button>
                ) : undefined
              }
            />
            {order.shippingReport && order.shippingReport.status !== 'reported' ? (
              <Text className={`order-report order-report-${order.shippingReport.status}`}>{reportNotes[order.shippingReport.status]}</Text>
            ) : null}
            <CannotShipPopup
              order={refunding ? order : null}
              confirm={confirm}
              onClose={() => setRefunding(false)}
              onRefunded={(next, made) => {
                setRefunding(false)
                setRefund(made)
                setState({ status: 'ready', data: next })
                void Taro.showToast({ title: made.status === 'failed' ? '退款失败' : '已申请退款', icon: 'none' })
              }}
            />
            <ShipPopup
              order={shipping ? order : null}
              onClose={() => setShipping(false)}
              onShipped={(next) => {
                setShipping(false)
                setState({ status: 'ready', data: next })
              }}
            />
          </>
        )}
      </LoadGate>
      {dialog}
    </PageShell>
  )
}

import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { orderStatusText, type Order } from '@/domain/order'
import { route } from '@/domain/routes'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import OrderCard from '@/components/OrderCard'
import { usePayment } from '@/components/PaySheet'
import { EmptyView, SkeletonCards } from '@/components/StatusView'
import { useOrderList, type OrderTab } from '@/hooks/useOrderList'
import OrderStatusTabs from '@/components/OrderStatusTabs'
import { toastError } from '@/components/FormMessages/toast'
import './index.scss'

const tabs: OrderTab[] = ['', 'pending_payment', 'paid', 'shipped', 'completed', 'cancelled']

export function openAgentOrder(id: string): void {
  void Taro.navigateTo({ url: route('pages/orders/detail/index', { id }) })
}

/** 我的订单 (R17): the agent's own orders by status with counts; pay or open one. */
export default function MyOrdersPage() {
  const { params } = useRouter()
  // 全部订单 opens it without a status: 全部. Matched against the tabs, as '' (全部) is one of them.
  const initial = tabs.find((tab) => tab === params.status) ?? ''
  const { list, tab, counts, switchTab, changed } = useOrderList('mine', initial)
  const { pay, sheet } = usePayment()

  const payNow = async (order: Order) => {
    try {
      if (await pay(order._id)) void Taro.showToast({ title: '支付成功', icon: 'success' })
    } catch (e) {
      toastError(e)
    } finally {
      changed()
    }
  }

  return (
    <PageShell className='orders-page'>
      <View className='orders-aftersale' onClick={() => void Taro.navigateTo({ url: route('pages/aftersale/index') })}>
        <Text className='orders-aftersale-label'>我的售后</Text>
        {counts && 'aftersaleOpen' in counts && counts.aftersaleOpen > 0 ? (
          <Text className='orders-aftersale-badge'>{counts.aftersaleOpen}</Text>
        ) : null}
        <Text className='orders-aftersale-more'>退款 / 售后</Text>
      </View>
      <OrderStatusTabs tabs={tabs} value={tab} counts={counts} onChange={switchTab} />
      <LoadGate
        state={list.state}
        onRetry={() => void list.reload()}
        loading={<SkeletonCards count={3} rows={3} />}
        empty={
          <EmptyView
            className='orders-empty'
            image='parcel'
            title={tab ? `没有${orderStatusText[tab]}的订单` : '还没有订单'}
            description='在商品页选好规格，加入进货单后下单'
          >
            <Button className='orders-go-shop' type='primary' onClick={() => void Taro.switchTab({ url: route('pages/feed/index') })}>
              去逛逛
            </Button>
          </EmptyView>
        }
        more={list}
      >
        {(items) =>
          items.map((order) => (
            <OrderCard
              key={order._id}
              order={order}
              onOpen={() => openAgentOrder(order._id)}
              actions={
                order.status === 'pending_payment' ? (
                  <Button className='order-pay' size='small' type='primary' onClick={() => void payNow(order)}>
                    去支付
                  </Button>
                ) : order.status === 'shipped' ? (
                  <Button className='order-open' size='small' fill='outline' onClick={() => openAgentOrder(order._id)}>
                    查看物流
                  </Button>
                ) : undefined
              }
            />
          ))
        }
      </LoadGate>
      {sheet}
    </PageShell>
  )
}

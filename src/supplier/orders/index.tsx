import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button, SearchBar } from '@nutui/nutui-react-taro'
import { orderStatusText, type Order } from '@/domain/order'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import OrderCard from '@/components/OrderCard'
import { useConfirm } from '@/components/ConfirmDialog'
import { EmptyView, NotSupplierView, SkeletonCards } from '@/components/StatusView'
import { useOrderList, type OrderTab } from '@/hooks/useOrderList'
import OrderStatusTabs from '@/components/OrderStatusTabs'
import { toastError } from '@/components/FormMessages/toast'
import { useAftersaleCounts } from '@/components/Aftersale/useCounts'
import { newCountLabel } from '@/domain/feed-rules'
import ExportPopup from './ExportPopup'
import ShipPopup from './ShipPopup'
import './index.scss'

const tabs: OrderTab[] = ['paid', 'pending_payment', 'shipped', 'completed', 'cancelled', '']

export function openSoldOrder(id: string): void {
  void Taro.navigateTo({ url: route('supplier/orders/detail/index', { id }) })
}

/**
 * 已卖出的商品 (微供订单管理, R17): the supplier's orders tagged 「微供」 by status with counts (待发货
 * first, where the work is), search by order number, consignee name or phone; 发货, cancel an unpaid
 * order, 导出订单.
 */
export default function SoldOrdersPage() {
  const { params } = useRouter()
  // 订单管理 opens it without a status: 待发货. Matched against the tabs, as '' (全部) is one of them.
  const initial = tabs.find((tab) => tab === params.status) ?? 'paid'
  const { list, tab, counts, switchTab, search, changed, query } = useOrderList('sold', initial)
  const [text, setText] = useState('')
  const [shipping, setShipping] = useState<Order | null>(null)
  const [exporting, setExporting] = useState(false)
  const { confirm, dialog } = useConfirm()
  const cases = useAftersaleCounts()

  if (list.state.status === 'error' && list.state.error.code === 'FAILED_PRECONDITION') {
    return (
      <PageShell className='sold-page'>
        <NotSupplierView description='注册供应商账号后，才能管理订单' />
      </PageShell>
    )
  }

  const cancel = async (order: Order) => {
    const ok = await confirm({
      title: '取消订单',
      content: `取消后库存退回，代理将看到订单已被取消。确定取消订单 ${order.orderNo}？`,
      confirmText: '取消订单',
      danger: true,
    })
    if (!ok) return
    try {
      await callCloud('order', 'cancel', { id: order._id })
      void Taro.showToast({ title: '订单已取消', icon: 'none' })
    } catch (e) {
      toastError(e)
    }
    changed()
  }

  const searching = query() !== ''
  return (
    <PageShell className='sold-page'>
      <View className='sold-toolbar'>
        <SearchBar
          className='sold-search'
          value={text}
          placeholder='订单号 / 收货人 / 手机号'
          onChange={setText}
          onSearch={(v) => search(v)}
          onClear={() => search('')}
        />
        <Button
          className='sold-aftersale'
          size='small'
          fill='outline'
          onClick={() => void Taro.navigateTo({ url: route('supplier/aftersale/index') })}
        >
          售后{cases?.supplierTodo ? ` ${newCountLabel(cases.supplierTodo)}` : ''}
        </Button>
        <Button className='sold-export' size='small' fill='outline' onClick={() => setExporting(true)}>
          导出订单
        </Button>
      </View>
      <OrderStatusTabs tabs={tabs} value={tab} counts={counts} onChange={switchTab} />
      <LoadGate
        state={list.state}
        onRetry={() => void list.reload()}
        loading={<SkeletonCards count={3} rows={3} />}
        empty={
          <EmptyView
            className='sold-empty'
            image='parcel'
            title={searching ? '没有找到订单' : tab ? `没有${orderStatusText[tab]}的订单` : '还没有订单'}
            description={searching ? '按完整的订单号、收货人姓名或手机号查找' : '代理下单付款后会出现在这里，并通知你发货'}
          />
        }
        more={list}
      >
        {(items) =>
          items.map((order) => (
            <OrderCard
              key={order._id}
              order={order}
              showTag
              showConsignee
              onOpen={() => openSoldOrder(order._id)}
              actions={
                order.status === 'paid' ? (
                  <Button className='order-ship' size='small' type='primary' onClick={() => setShipping(order)}>
                    发货
                  </Button>
                ) : order.status === 'pending_payment' ? (
                  <Button className='order-cancel' size='small' fill='outline' onClick={() => void cancel(order)}>
                    取消订单
                  </Button>
                ) : undefined
              }
            />
          ))
        }
      </LoadGate>
      <ShipPopup
        order={shipping}
        onClose={() => setShipping(null)}
        onShipped={() => {
          setShipping(null)
          changed()
        }}
      />
      <ExportPopup visible={exporting} onClose={() => setExporting(false)} />
      {dialog}
    </PageShell>
  )
}

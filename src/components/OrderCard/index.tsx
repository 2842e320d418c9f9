import type { ReactNode } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { formatFen } from '@/domain/money'
import { orderStatusText, type Order } from '@/domain/order'
import { formatShanghai } from '@/domain/time'
import './index.scss'

export function statusClass(order: Pick<Order, 'status'>): string {
  return `order-status order-status-${order.status}`
}

/** The goods of an order as it was bought (its snapshot), one row per spec. */
export function OrderItems({ order }: { order: Order }) {
  return (
    <View className='order-items'>
      {order.items.map((item) => (
        <View key={`${item.productId}/${item.specId}`} className='order-item'>
          {item.snapshot.image ? (
            <Image className='order-item-image' src={item.snapshot.image} mode='aspectFill' />
          ) : (
            <View className='order-item-image order-item-noimage' />
          )}
          <View className='order-item-main'>
            <Text className='order-item-title'>{item.snapshot.description}</Text>
            <Text className='order-item-spec'>{item.snapshot.specName}</Text>
          </View>
          <View className='order-item-side'>
            <Text className='order-item-price'>{formatFen(item.unitPrice)}</Text>
            <Text className='order-item-qty'>×{item.qty}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}

/**
 * One order in a list: who (the supplier for the agent, the agent for the supplier), the 「微供」 tag,
 * its status, the goods, the total and the actions of that status.
 */
export default function OrderCard({
  order,
  onOpen,
  actions,
  showTag = false,
  showConsignee = false,
}: {
  order: Order
  onOpen: () => void
  actions?: ReactNode
  /** The 「微供」 tag (the supplier's lists, R17). */
  showTag?: boolean
  /** Who and where it ships to (the supplier's lists: what 发货 needs at a glance). */
  showConsignee?: boolean
}) {
  const pieces = order.items.reduce((sum, item) => sum + item.qty, 0)
  return (
    <View className='wg-card order-card' data-order-no={order.orderNo} onClick={onOpen}>
      <View className='order-card-head'>
        {showTag ? <Text className='order-tag'>{order.tag}</Text> : null}
        <Text className='order-card-who'>
          {order.counterpart.remark ? `${order.counterpart.remark}（${order.counterpart.name}）` : order.counterpart.name}
        </Text>
        <Text className={statusClass(order)}>{orderStatusText[order.status]}</Text>
      </View>
      <OrderItems order={order} />
      {showConsignee ? (
        <Text className='order-card-consignee'>
          收货人 {order.consignee.name} · {order.consignee.province} {order.consignee.city}
        </Text>
      ) : null}
      <View className='order-card-sum'>
        <Text className='order-card-time'>{formatShanghai(order.createdAt, 'MM-DD HH:mm')}</Text>
        <Text className='order-card-total'>
          共 {pieces} 件 实付 <Text className='order-card-money'>{formatFen(order.total)}</Text>
        </Text>
      </View>
      {actions ? (
        <View className='order-card-actions' onClick={(e) => e.stopPropagation()}>
          {actions}
        </View>
      ) : null}
    </View>
  )
}

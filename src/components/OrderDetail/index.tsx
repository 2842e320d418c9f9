import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatFen } from '@/domain/money'
import type { RefundView } from '@/domain/aftersale-schemas'
import { consigneeAddress, orderStatusText, type Order } from '@/domain/order'
import { DAY_MS, MINUTE_MS, formatShanghai } from '@/domain/time'
import { OrderItems, statusClass } from '@/components/OrderCard'
import AftersaleCard from './AftersaleCard'
import './index.scss'

/** What the status means now: how long is left to pay, when it completes itself, who cancelled. */
function statusHint(order: Order, now: number): string {
  switch (order.status) {
    case 'pending_payment': {
      const left = Math.max(0, (order.payDeadline ?? now) - now)
      return left > 0 ? `请在 ${Math.ceil(left / MINUTE_MS)} 分钟内付款，超时订单自动取消` : '即将自动取消'
    }
    case 'paid':
      return '已付款，等待供应商发货'
    case 'shipped': {
      const left = Math.max(0, (order.autoCompleteAt ?? now) - now)
      return `已发货，${Math.max(1, Math.ceil(left / DAY_MS))} 天后自动确认收货`
    }
    case 'completed':
      return '交易完成'
    case 'cancelled':
      if (order.cancelReason) return `供应商无法发货（${order.cancelReason}），已全额退款`
      return order.cancelledBy === 'timer'
        ? '超时未付款，订单已自动取消'
        : order.cancelledBy === 'supplier'
          ? '供应商已取消订单'
          : '订单已取消'
  }
}

function copy(text: string) {
  // Refused only when the privacy guide was declined, which the consent popup has explained.
  Taro.setClipboardData({ data: text }).catch(() => undefined)
}

/** The refund of an order cancelled with one (R19): 退款中 until WeChat Pay confirms it, or why it refused. */
function RefundCard({ order, refund }: { order: Order; refund?: RefundView }) {
  const refunded = order.refundedFen ?? 0
  const amount = refund?.amountFen ?? order.total - refunded
  const status =
    refund?.status === 'failed' ? 'failed' : refunded >= order.total || refund?.status === 'succeeded' ? 'succeeded' : 'processing'
  return (
    <View className={`wg-card order-refund order-refund-${status}`}>
      <Text className='wg-card-title'>退款信息</Text>
      <View className='order-info-row'>
        <Text className='order-info-label'>退款状态</Text>
        <Text className='order-refund-status'>{refundStatusText[status]}</Text>
      </View>
      <View className='order-info-row'>
        <Text className='order-info-label'>退款金额</Text>
        <Text className='order-refund-amount'>{formatFen(status === 'succeeded' ? Math.max(refunded, amount) : amount)}</Text>
      </View>
      <View className='order-info-row'>
        <Text className='order-info-label'>退款原因</Text>
        <Text>{order.cancelReason ?? refund?.reason}</Text>
      </View>
      {status === 'failed' && refund?.failReason ? <Text className='order-refund-fail'>{refund.failReason}</Text> : null}
    </View>
  )
}

const refundStatusText = { processing: '退款中', succeeded: '退款成功', failed: '退款失败' } as const

/** An order in full, from its snapshot (R10: complete after the product changed or went away). */
export default function OrderDetail({
  order,
  now,
  viewer,
  actions,
  refund,
}: {
  order: Order
  now: number
  viewer: 'agent' | 'supplier'
  actions?: ReactNode
  /** The refund just asked for, as `order.refund` answered it (its refusal's reason is only there). */
  refund?: RefundView
}) {
  const { consignee } = order
  return (
    <View className='order-detail'>
      <View className={`order-detail-status order-detail-status-${order.status}`}>
        <Text className={`order-detail-status-text ${statusClass(order)}`}>{orderStatusText[order.status]}</Text>
        <Text className='order-detail-status-hint'>{statusHint(order, now)}</Text>
      </View>

      {order.logistics ? (
        <View className='wg-card order-logistics'>
          <Text className='wg-card-title'>物流信息</Text>
          <View className='order-logistics-row'>
            <Text className='order-logistics-carrier'>{order.logistics.carrier}</Text>
            <Text className='order-logistics-no' userSelect>
              {order.logistics.trackingNo}
            </Text>
            <Text className='order-copy' onClick={() => copy(order.logistics?.trackingNo ?? '')}>
              复制
            </Text>
          </View>
          <Text className='order-logistics-time'>发货时间 {formatShanghai(order.logistics.shippedAt)}</Text>
        </View>
      ) : null}

      {order.cancelReason || refund ? <RefundCard order={order} refund={refund} /> : null}

      <AftersaleCard order={order} viewer={viewer} />

      <View className='wg-card order-consignee'>
        <Text className='wg-card-title'>收货信息</Text>
        <View className='order-consignee-who'>
          <Text className='order-consignee-name'>{consignee.name}</Text>
          <Text className='order-consignee-phone'>{consignee.phone}</Text>
        </View>
        <Text className='order-consignee-address' userSelect>
          {consigneeAddress(consignee)}
        </Text>
        {viewer === 'supplier' ? (
          <Text
            className='order-copy order-copy-address'
            onClick={() => copy(`${consignee.name} ${consignee.phone} ${consigneeAddress(consignee)}`)}
          >
            复制收货信息
          </Text>
        ) : null}
      </View>

      <View className='wg-card order-goods'>
        <View className='order-goods-head'>
          <Text className='order-tag'>{order.tag}</Text>
          <Text className='order-goods-who'>
            {order.counterpart.remark ? `${order.counterpart.remark}（${order.counterpart.name}）` : order.counterpart.name}
          </Text>
        </View>
        <OrderItems order={order} />
        <View className='order-money'>
          <View className='order-money-row'>
            <Text>商品金额</Text>
            <Text>{formatFen(order.goodsTotal)}</Text>
          </View>
          <View className='order-money-row'>
            <Text>运费</Text>
            <Text>{order.shippingFee === 0 ? '包邮' : formatFen(order.shippingFee)}</Text>
          </View>
          <View className='order-money-row order-money-total'>
            <Text>{order.status === 'pending_payment' || order.status === 'cancelled' ? '应付' : '实付'}</Text>
            <Text className='order-money-value'>{formatFen(order.total)}</Text>
          </View>
        </View>
      </View>

      <View className='wg-card order-info'>
        <View className='order-info-row'>
          <Text className='order-info-label'>订单号</Text>
          <Text className='order-no' userSelect>
            {order.orderNo}
          </Text>
          <Text className='order-copy' onClick={() => copy(order.orderNo)}>
            复制
          </Text>
        </View>
        <View className='order-info-row'>
          <Text className='order-info-label'>下单时间</Text>
          <Text>{formatShanghai(order.createdAt, 'YYYY-MM-DD HH:mm:ss')}</Text>
        </View>
        {order.paidAt ? (
          <View className='order-info-row'>
            <Text className='order-info-label'>付款时间</Text>
            <Text>{formatShanghai(order.paidAt, 'YYYY-MM-DD HH:mm:ss')}</Text>
          </View>
        ) : null}
        {order.completedAt ? (
          <View className='order-info-row'>
            <Text className='order-info-label'>完成时间</Text>
            <Text>{formatShanghai(order.completedAt, 'YYYY-MM-DD HH:mm:ss')}</Text>
          </View>
        ) : null}
        {order.cancelledAt ? (
          <View className='order-info-row'>
            <Text className='order-info-label'>取消时间</Text>
            <Text>{formatShanghai(order.cancelledAt, 'YYYY-MM-DD HH:mm:ss')}</Text>
          </View>
        ) : null}
      </View>

      {actions ? <View className='order-detail-bar'>{actions}</View> : null}
    </View>
  )
}

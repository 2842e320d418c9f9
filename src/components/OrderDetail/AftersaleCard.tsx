import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { aftersaleStatusText, isOpenCase } from '@/domain/aftersale'
import { formatFen } from '@/domain/money'
import type { Order } from '@/domain/order'
import { route } from '@/domain/routes'

const casePage = {
  agent: 'pages/aftersale/detail/index',
  supplier: 'supplier/aftersale/detail/index',
} as const

/**
 * The order's latest after-sales case (R19), from the order itself: where an open case stands, or
 * how the last one ended (退款成功 with what came back), and 查看售后 opening the case for this side.
 */
export default function AftersaleCard({ order, viewer }: { order: Order; viewer: 'agent' | 'supplier' }) {
  const { aftersale } = order
  if (!aftersale) return null
  const open = isOpenCase(aftersale.status)
  const refunded = order.refundedFen ?? 0
  return (
    <View className={`wg-card order-case order-case-${aftersale.status}`}>
      <Text className='wg-card-title'>{open ? '售后进行中' : '售后'}</Text>
      <View className='order-info-row'>
        <Text className='order-info-label'>售后状态</Text>
        <Text className='order-case-status'>{aftersaleStatusText[aftersale.status]}</Text>
        <Text className='order-case-open' onClick={() => void Taro.navigateTo({ url: route(casePage[viewer], { id: aftersale.caseId }) })}>
          查看售后
        </Text>
      </View>
      {refunded > 0 ? (
        <View className='order-info-row'>
          <Text className='order-info-label'>已退款</Text>
          <Text className='order-case-amount'>{formatFen(refunded)}</Text>
        </View>
      ) : null}
    </View>
  )
}

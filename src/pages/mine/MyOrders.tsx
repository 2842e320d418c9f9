import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { OrderCounts, OrderStatus } from '@/domain/order'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import { cartCount, setCartOwner } from '@/cart'

const shortcuts: Array<{ status: OrderStatus; label: string }> = [
  { status: 'pending_payment', label: '待付款' },
  { status: 'paid', label: '待发货' },
  { status: 'shipped', label: '已发货' },
  { status: 'completed', label: '已完成' },
]

/**
 * 我的订单 on 我的 (R17): a shortcut per status with its count, 全部订单, and the 进货单. Loaded on each
 * show of the page (`shows` counts them) and for a new user: mounted before the page's first show,
 * a load on mount and one on show would ask twice.
 */
export default function MyOrders({ userId, shows }: { userId: string; shows: number }) {
  const [counts, setCounts] = useState<OrderCounts | null>(null)
  const [inCart, setInCart] = useState(0)
  const load = useCallback(() => {
    setCartOwner(userId)
    setInCart(cartCount())
    callCloud('order', 'countsMine', {})
      .then(setCounts)
      .catch(() => undefined)
  }, [userId])
  useEffect(() => {
    if (shows > 0) load()
  }, [load, shows])
  const go = (url: string) => void Taro.navigateTo({ url })

  return (
    <View className='wg-card my-orders'>
      <View className='my-orders-head' onClick={() => go(route('pages/orders/index'))}>
        <Text className='my-orders-title'>我的订单</Text>
        <Text className='my-orders-all'>全部订单</Text>
        <View className='chevron' />
      </View>
      <View className='my-orders-shortcuts'>
        {shortcuts.map(({ status, label }) => (
          <View
            key={status}
            className={`my-orders-shortcut my-orders-${status}`}
            onClick={() => go(route('pages/orders/index', { status }))}
          >
            <Text className='my-orders-count'>{counts ? counts[status] : '-'}</Text>
            <Text className='my-orders-label'>{label}</Text>
          </View>
        ))}
        <View className='my-orders-shortcut my-orders-cart' onClick={() => go(route('pages/cart/index'))}>
          <Text className='my-orders-count'>{inCart}</Text>
          <Text className='my-orders-label'>进货单</Text>
        </View>
      </View>
    </View>
  )
}

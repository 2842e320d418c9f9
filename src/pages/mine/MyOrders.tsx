import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { MyOrderCounts, OrderStatus } from '@/domain/order'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import { cartCount, setCartOwner } from '@/cart'
import { useAutoLoad } from '@/hooks/useLoader'

const shortcuts: Array<{ status: OrderStatus; label: string }> = [
  { status: 'pending_payment', label: '待付款' },
  { status: 'paid', label: '待发货' },
  { status: 'shipped', label: '已发货' },
  { status: 'completed', label: '已完成' },
]

/**
 * 我的订单 on 我的 (R17): a shortcut per status with its count, 退款/售后 with the open cases (R19),
 * 全部订单, and the 进货单. Loaded once
 * when it opens (the page's first show counts as that opening), again on each later show and for a
 * new user.
 */
export default function MyOrders({ userId }: { userId: string }) {
  const [counts, setCounts] = useState<MyOrderCounts | null>(null)
  const [inCart, setInCart] = useState(0)
  const load = useCallback(() => {
    setCartOwner(userId)
    setInCart(cartCount())
    callCloud('order', 'countsMine', {})
      .then(setCounts)
      .catch(() => undefined)
  }, [userId])
  useAutoLoad(load, { key: userId, onShow: true })
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
        <View className='my-orders-shortcut my-orders-aftersale' onClick={() => go(route('pages/aftersale/index'))}>
          <Text className='my-orders-count'>{counts ? counts.aftersaleOpen : '-'}</Text>
          <Text className='my-orders-label'>退款/售后</Text>
        </View>
        <View className='my-orders-shortcut my-orders-cart' onClick={() => go(route('pages/cart/index'))}>
          <Text className='my-orders-count'>{inCart}</Text>
          <Text className='my-orders-label'>进货单</Text>
        </View>
      </View>
    </View>
  )
}

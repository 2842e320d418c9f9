import { View } from '@tarojs/components'
import { Tabs } from '@nutui/nutui-react-taro'
import { orderStatusText, type OrderCounts } from '@/domain/order'
import type { OrderTab } from '@/hooks/useOrderList'
import './index.scss'

/** 「待发货 3」: a tab with its count (none for 全部, 已完成, 已取消 or a zero). */
export function tabTitle(tab: OrderTab, counts: OrderCounts | null): string {
  if (!tab) return '全部'
  const n = counts?.[tab] ?? 0
  return n > 0 && tab !== 'completed' && tab !== 'cancelled' ? `${orderStatusText[tab]} ${n}` : orderStatusText[tab]
}

interface Props {
  /** The tabs in the order this side reads them (agents start at 全部, suppliers at 待发货). */
  tabs: OrderTab[]
  value: OrderTab
  counts: OrderCounts | null
  onChange: (tab: OrderTab) => void
}

/** The sticky status tabs of the agent's and the supplier's order lists. */
export default function OrderStatusTabs({ tabs, value, counts, onChange }: Props) {
  return (
    <View className='order-status-tabs'>
      <Tabs value={value} onChange={(next) => onChange(next as OrderTab)} activeType='line' duration={0}>
        {tabs.map((tab) => (
          <Tabs.TabPane key={tab || 'all'} title={tabTitle(tab, counts)} value={tab} />
        ))}
      </Tabs>
    </View>
  )
}

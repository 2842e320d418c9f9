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

// NutUI's Tabs take a falsy pane value for the pane's index, so 全部 ('') never matched the value
// and a tap on it answered its index: 全部 goes to and from Tabs as 'all'.
const ALL = 'all'

/** The sticky status tabs of the agent's and the supplier's order lists. */
export default function OrderStatusTabs({ tabs, value, counts, onChange }: Props) {
  return (
    <View className='order-status-tabs'>
      <Tabs value={value || ALL} onChange={(next) => onChange(next === ALL ? '' : (next as OrderTab))} activeType='line' duration={0}>
        {tabs.map((tab) => (
          <Tabs.TabPane key={tab || ALL} title={tabTitle(tab, counts)} value={tab || ALL} />
        ))}
      </Tabs>
    </View>
  )
}

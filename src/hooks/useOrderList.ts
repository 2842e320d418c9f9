import { useCallback, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { MyOrderCounts, Order, OrderCounts, OrderStatus } from '@/domain/order'
import { callCloud } from '@/api/cloud'
import { useAutoLoad } from './useLoader'
import { usePagedList } from './usePagedList'

/** '' is 全部. */
export type OrderTab = OrderStatus | ''

/**
 * An order list with tabs by status and their counts: the agent's own orders (`mine`) or the
 * supplier's sold ones (`sold`, searchable). Coming back to the page refreshes both in place.
 */
export function useOrderList(side: 'mine' | 'sold', initial: OrderTab) {
  const [tab, setTab] = useState<OrderTab>(initial)
  // `mine` counts carry the open after-sales cases too (MyOrderCounts).
  const [counts, setCounts] = useState<OrderCounts | MyOrderCounts | null>(null)
  const tabRef = useRef(tab)
  const queryRef = useRef('')
  const list = usePagedList<Order>(
    (cursor) => {
      const status = tabRef.current || undefined
      const page = { ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) }
      return side === 'mine'
        ? callCloud('order', 'listMine', page)
        : callCloud('order', 'listSold', { ...page, ...(queryRef.current ? { q: queryRef.current } : {}) })
    },
    (o) => o._id,
  )
  const { reload, loadMore } = list

  const loadCounts = useCallback(async () => {
    try {
      setCounts(await callCloud('order', side === 'mine' ? 'countsMine' : 'countsSold', {}))
    } catch {
      // The list shows the error; the tabs just go without numbers.
    }
  }, [side])

  const refresh = useCallback((quiet: boolean) => Promise.all([reload(quiet), loadCounts()]), [reload, loadCounts])

  useAutoLoad(refresh, { onShow: true })
  usePullDownRefresh(() => {
    void refresh(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void loadMore())

  const switchTab = (next: OrderTab) => {
    if (next === tab) return
    tabRef.current = next
    setTab(next)
    void reload()
  }
  const search = (q: string) => {
    queryRef.current = q.trim()
    void reload()
  }
  /** An order changed on this page (cancelled, shipped…): reload quietly so it moves to its tab. */
  const changed = () => void refresh(true)

  return { list, tab, counts, switchTab, search, changed, query: () => queryRef.current }
}

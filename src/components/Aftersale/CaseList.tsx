import { useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Tabs } from '@nutui/nutui-react-taro'
import type { AftersaleSummary } from '@/domain/aftersale-schemas'
import type { Page } from '@/domain/pagination'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { EmptyView, SkeletonCards } from '@/components/StatusView'
import { usePagedList } from '@/hooks/usePagedList'
import CaseCard from './CaseCard'
import './index.scss'

export interface CaseTab<F extends string> {
  value: F
  title: string
  empty: string
}

/**
 * A list of cases under tabs (我的售后, 售后, 平台介入): newest first, cursor-paged, refreshed in place on
 * every return to the page (a case opened may have moved).
 */
export default function CaseList<F extends string>({
  className,
  tabs,
  initial,
  when = true,
  fetchPage,
  open,
}: {
  className: string
  tabs: ReadonlyArray<CaseTab<F>>
  initial: F
  when?: boolean
  fetchPage: (filter: F, cursor?: string) => Promise<Page<AftersaleSummary>>
  open: (id: string) => void
}) {
  const [filter, setFilter] = useState<F>(initial)
  // The tab being loaded, set before its first page is asked for (answers for a tab left are dropped).
  const filterRef = useRef(filter)
  const list = usePagedList(
    (cursor) => fetchPage(filterRef.current, cursor),
    (c) => c._id,
    { when, onShow: true },
  )
  const { reload, loadMore } = list
  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void loadMore())

  const switchTab = (value: F) => {
    filterRef.current = value
    setFilter(value)
    void reload()
  }
  const current = tabs.find((t) => t.value === filter) ?? tabs[0]

  return (
    <PageShell className={`case-list-page ${className}`}>
      <View className='case-tabs'>
        <Tabs value={filter} onChange={(value) => switchTab(value as F)} activeType='line' duration={0}>
          {tabs.map((tab) => (
            <Tabs.TabPane key={tab.value} title={tab.title} value={tab.value} />
          ))}
        </Tabs>
      </View>
      <LoadGate
        state={list.state}
        onRetry={() => void reload()}
        loading={<SkeletonCards count={3} rows={3} />}
        empty={<EmptyView className='case-empty' title={current?.empty ?? ''} />}
        more={list}
      >
        {(items) => items.map((item) => <CaseCard key={item._id} item={item} onOpen={() => open(item._id)} />)}
      </LoadGate>
    </PageShell>
  )
}

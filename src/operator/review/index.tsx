import { useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Tabs } from '@nutui/nutui-react-taro'
import type { ActionInput } from '@/domain/api'
import type { Supplier, SupplierReview } from '@/domain/supplier'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { EmptyView, NoticeView, SkeletonCards } from '@/components/StatusView'
import { usePagedList } from '@/hooks/usePagedList'
import { useSession } from '@/session'
import ReviewCard from './ReviewCard'
import './index.scss'

type Filter = NonNullable<ActionInput<'supplier', 'listForReview'>['filter']>

const tabs: Array<{ value: Filter; title: string; empty: string }> = [
  { value: 'pending', title: '待审核', empty: '没有待审核的供应商' },
  { value: 'eligible', title: '已通过', empty: '还没有审核通过的供应商' },
  { value: 'all', title: '全部', empty: '还没有供应商注册' },
]

function backToMine() {
  void Taro.switchTab({ url: route('pages/mine/index') })
}

/** 平台审核 (operators only; the server refuses everyone else): set the R2 thresholds of suppliers. */
export default function OperatorReviewPage() {
  const session = useSession()
  const isOperator = session.state.status === 'ready' && session.state.data.isOperator
  const [filter, setFilter] = useState<Filter>('pending')
  // The tab being loaded: set before its first page is asked for, so answers for a tab the operator
  // has already left are dropped (usePagedList keeps only the latest load).
  const filterRef = useRef(filter)
  const list = usePagedList<SupplierReview>(
    (cursor) => callCloud('supplier', 'listForReview', { filter: filterRef.current, ...(cursor ? { cursor } : {}) }),
    (s) => s._id,
    // First load once the session says we are an operator (it may arrive after the page shows);
    // coming back to the page refreshes the list in place.
    { when: isOperator, onShow: true },
  )
  const { reload, loadMore } = list

  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void loadMore())

  // The session decides first: a forbidden notice must not flash while it is still loading.
  const forbidden =
    session.state.status === 'ready' && (!isOperator || (list.state.status === 'error' && list.state.error.code === 'FORBIDDEN'))
  if (forbidden) {
    return (
      <PageShell className='review-page'>
        <NoticeView
          className='review-forbidden'
          title='仅平台运营人员可访问'
          description='供应商资质审核由平台运营人员处理。如需开通诚信通会员或基础买家保障，请联系平台。'
          actionText='返回我的'
          onAction={backToMine}
        />
      </PageShell>
    )
  }

  const switchTab = (value: Filter) => {
    filterRef.current = value
    setFilter(value)
    void reload()
  }

  const updated = (next: Supplier) => {
    list.setItems((prev) => prev.map((s) => (s._id === next._id ? { ...s, ...next } : s)))
  }

  const current = tabs.find((t) => t.value === filter) ?? tabs[0]

  return (
    <PageShell className='review-page'>
      <LoadGate state={session.state} onRetry={() => void session.refresh()}>
        {() => (
          <>
            <View className='review-tabs'>
              <Tabs value={filter} onChange={(value) => switchTab(value as Filter)} activeType='line' duration={0}>
                {tabs.map((tab) => (
                  <Tabs.TabPane key={tab.value} title={tab.title} value={tab.value} />
                ))}
              </Tabs>
            </View>

            <View className='review-list'>
              <LoadGate
                state={list.state}
                onRetry={() => void reload()}
                loading={
                  <View className='review-skeletons'>
                    <SkeletonCards count={3} rows={4} />
                  </View>
                }
                empty={<EmptyView className='review-empty' title={current.empty} />}
                more={list}
              >
                {(suppliers) => suppliers.map((supplier) => <ReviewCard key={supplier._id} supplier={supplier} onUpdated={updated} />)}
              </LoadGate>
            </View>
          </>
        )}
      </LoadGate>
    </PageShell>
  )
}

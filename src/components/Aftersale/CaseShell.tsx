import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import type { Aftersale } from '@/domain/aftersale-schemas'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { NoticeView, SkeletonCards } from '@/components/StatusView'
import type { LoadState } from '@/hooks/useLoader'
import CaseView from './CaseView'

/** A case page of any side: 售后不存在 for a case the caller may not see, else the case, its actions and the page's sheets. */
export default function CaseShell({
  id,
  state,
  reload,
  viewer,
  listUrl,
  actions,
  sheets,
}: {
  id: string
  state: LoadState<Aftersale>
  reload: () => unknown
  viewer: 'agent' | 'supplier' | 'operator'
  /** Where 售后不存在 leads back to. */
  listUrl: string
  actions: (item: Aftersale) => ReactNode
  sheets?: (item: Aftersale) => ReactNode
}) {
  if (!id || (state.status === 'error' && state.error.code === 'NOT_FOUND')) {
    return (
      <PageShell className='case-page'>
        <NoticeView
          image='parcel'
          title='售后不存在'
          description='售后可能不属于当前账号'
          actionText='返回售后列表'
          onAction={() => void Taro.redirectTo({ url: listUrl })}
        />
      </PageShell>
    )
  }
  return (
    <PageShell className='case-page'>
      <LoadGate state={state} onRetry={() => void reload()} loading={<SkeletonCards count={3} rows={3} />}>
        {(item) => (
          <>
            <CaseView item={item} viewer={viewer} now={Date.now()} actions={actions(item)} />
            {sheets?.(item)}
          </>
        )}
      </LoadGate>
    </PageShell>
  )
}

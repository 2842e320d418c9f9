import type { ReactNode } from 'react'
import type { LoadState } from '@/hooks/useLoader'
import { ErrorView, ListFooter, LoadingView } from '@/components/StatusView'

/** The 加载更多 side of a paged list: `usePagedList`'s answer fits as it is. */
export interface MoreItems {
  loadingMore: boolean
  hasMore: boolean
  loadMore: () => Promise<void>
}

function isEmptyList(data: unknown): boolean {
  return Array.isArray(data) && data.length === 0
}

/**
 * The one loading / error / empty gate in front of a page's data (SPEC §6): the page's skeleton (or
 * a spinner) while loading, what went wrong in plain Chinese with 重试, the page's empty state
 * (saying what to do next) when there is nothing, else the data — and, for a paged list, its footer.
 * A page that answers some error codes its own way (e.g. 你还不是供应商) checks them before the gate.
 */
export default function LoadGate<T>({
  state,
  onRetry,
  loading,
  empty,
  isEmpty = isEmptyList,
  more,
  children,
}: {
  state: LoadState<T>
  onRetry: () => void
  /** Shown while loading; a spinner unless the page has a skeleton of its own. */
  loading?: ReactNode
  /** Shown instead of the data when `isEmpty` (by default: an empty list). */
  empty?: ReactNode
  isEmpty?: (data: T) => boolean
  more?: MoreItems
  children: (data: T) => ReactNode
}) {
  if (state.status === 'loading') return <>{loading ?? <LoadingView />}</>
  if (state.status === 'error') return <ErrorView message={state.error.message} onRetry={onRetry} />
  if (empty !== undefined && isEmpty(state.data)) return <>{empty}</>
  return (
    <>
      {children(state.data)}
      {more ? <ListFooter loading={more.loadingMore} hasMore={more.hasMore} onMore={() => void more.loadMore()} /> : null}
    </>
  )
}

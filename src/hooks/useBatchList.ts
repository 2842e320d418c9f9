import { useCallback } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { Page } from '@/domain/pagination'
import { useAutoLoad } from './useLoader'
import { usePagedList } from './usePagedList'
import { useSelection } from './useSelection'

/**
 * A supplier's work list with batch selection (商品管理, 管理动态): a cursor-paged list whose first
 * page loads on open, refreshes in place when the page shows again (back from editing or
 * publishing), on pull-down, and pages on at the bottom; the selection keeps only what is still
 * listed after each refresh and starts empty for another `view` (tab).
 */
export function useBatchList<T>(fetchPage: (cursor?: string) => Promise<Page<T>>, keyOf: (item: T) => string, view?: string) {
  const list = usePagedList<T>(fetchPage, keyOf)
  const { items, reload, loadMore } = list
  const selection = useSelection(items, keyOf, view)
  const { retain } = selection

  /** The first page again; `quiet` keeps the list on screen while it loads. */
  const loadFirst = useCallback(
    async (quiet = false) => {
      const listed = await reload(quiet)
      if (listed) retain(listed)
    },
    [reload, retain],
  )

  useAutoLoad(loadFirst, { onShow: true })
  usePullDownRefresh(() => {
    void loadFirst(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void loadMore())

  return { list, selection, loadFirst }
}

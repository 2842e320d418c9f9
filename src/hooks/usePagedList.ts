import { useCallback, useMemo, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { AppError } from '@/domain/app-error'
import type { Page } from '@/domain/pagination'
import { toAppError } from '@/api/cloud'
import { useAutoLoad, type AutoLoad, type LoadState } from './useLoader'

type PagedStatus = { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: AppError }

/**
 * A cursor-paginated list (SPEC §4: `items` + `nextCursor`, never skip): the first page, more on
 * reaching the bottom, and quiet reloads that keep what is on screen. Answers to a load that a
 * later one replaced (a new filter, a search, a refresh) are dropped. A page whose filter changes
 * keeps it where `fetchPage` reads it (state, or a ref set before calling `reload`). `auto` loads the
 * first page by itself (see `AutoLoad`); a reload on show is quiet.
 */
export function usePagedList<T>(fetchPage: (cursor?: string) => Promise<Page<T>>, keyOf: (item: T) => string, auto?: AutoLoad) {
  const [items, setItems] = useState<T[]>([])
  const [nextCursor, setNextCursor] = useState<string | null>(null)
  const [status, setStatus] = useState<PagedStatus>({ status: 'loading' })
  const [loadingMore, setLoadingMore] = useState(false)
  const latest = useRef(fetchPage)
  latest.current = fetchPage
  const keyRef = useRef(keyOf)
  keyRef.current = keyOf
  const generation = useRef(0)
  const busy = useRef(false)

  /** The first page again; `quiet` keeps the current items on screen until it arrives. */
  const reload = useCallback(async (quiet = false): Promise<T[] | null> => {
    const mine = ++generation.current
    busy.current = false
    setLoadingMore(false)
    if (!quiet) {
      setStatus({ status: 'loading' })
      setItems([])
      setNextCursor(null)
    }
    try {
      const page = await latest.current()
      if (mine !== generation.current) return null
      setItems(page.items)
      setNextCursor(page.nextCursor)
      setStatus({ status: 'ready' })
      return page.items
    } catch (e) {
      if (mine === generation.current) setStatus({ status: 'error', error: toAppError(e) })
      return null
    }
  }, [])
  useAutoLoad(reload, auto)

  const cursorRef = useRef(nextCursor)
  cursorRef.current = nextCursor
  const statusRef = useRef(status)
  statusRef.current = status

  const loadMore = useCallback(async () => {
    const cursor = cursorRef.current
    if (!cursor || busy.current || statusRef.current.status !== 'ready') return
    const mine = generation.current
    busy.current = true
    setLoadingMore(true)
    try {
      const page = await latest.current(cursor)
      if (mine !== generation.current) return
      setItems((prev) => {
        const seen = new Set(prev.map((item) => keyRef.current(item)))
        return [...prev, ...page.items.filter((item) => !seen.has(keyRef.current(item)))]
      })
      setNextCursor(page.nextCursor)
    } catch (e) {
      if (mine === generation.current) void Taro.showToast({ title: toAppError(e).message, icon: 'none' })
    } finally {
      if (mine === generation.current) {
        busy.current = false
        setLoadingMore(false)
      }
    }
  }, [])

  /** The list as one state, like `useLoader`'s, for the page's gate: when ready, its data is the items. */
  const state = useMemo<LoadState<T[]>>(() => (status.status === 'ready' ? { status: 'ready', data: items } : status), [status, items])

  return { items, setItems, nextCursor, hasMore: nextCursor !== null, state, loadingMore, reload, loadMore }
}

import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { AgentProduct } from '@/domain/feed'
import type { MySupplier } from '@/domain/network'
import { callCloud } from '@/api/cloud'
import { usePagedList } from '@/hooks/usePagedList'
import { useLoader } from '@/hooks/useLoader'
import { useSession } from '@/session'
import { postsSeen, productsSeen } from './seen'

/**
 * 首页's data: the session, the bound suppliers and the one chosen, the product list, and what is new
 * since the last visit (「N 件新品」, 「N 条新动态」). A new user starts over on 全部; coming back to the
 * tab picks up new suppliers and new items; pulling down reloads everything.
 */
export function useFeed() {
  const { state: session, refresh: relogin } = useSession()
  const userId = session.status === 'ready' ? session.data.user._id : null
  const suppliers = useLoader(() => callCloud('network', 'mySuppliers', {}))
  const [filter, setFilter] = useState('')
  const feed = usePagedList<AgentProduct>(
    (cursor) => callCloud('feed', 'products', { ...(filter ? { supplierId: filter } : {}), ...(cursor ? { cursor } : {}) }),
    (p) => p._id,
  )
  const [newCount, setNewCount] = useState(0)
  const [newPosts, setNewPosts] = useState(0)
  // Changes when 动态 should load its first page again (pull to refresh, its banner).
  const [postsReload, setPostsReload] = useState(0)
  const filterRef = useRef(filter)
  filterRef.current = filter
  const shownOnce = useRef(false)

  // A first visit has nothing to compare with: everything on screen is new anyway. A marker is a
  // nicety; the lists report their own errors.
  const checkNewPosts = async (who: string) => {
    const since = postsSeen.read(who)
    if (since === null) return
    try {
      setNewPosts((await callCloud('feed', 'newPostCount', { since })).count)
    } catch {
      // Without the count the marker does not show.
    }
  }

  const checkNew = async (who: string) => {
    const since = productsSeen.read(who)
    if (since === null) return
    try {
      setNewCount((await callCloud('feed', 'newCount', { since })).count)
    } catch {
      // Without the count the banner does not show.
    }
  }

  const loadFeed = async (who: string, quiet = false) => {
    const items = await feed.reload(quiet)
    if (items && filterRef.current === '')
      productsSeen.mark(
        who,
        items.map((p) => p.publishedAt),
      )
  }

  // A new user (or persona): everything from the start, on 全部.
  useEffect(() => {
    if (!userId) return
    setNewCount(0)
    setNewPosts(0)
    void checkNew(userId)
    void checkNewPosts(userId)
    void suppliers.reload()
    if (filterRef.current !== '') setFilter('')
    else void loadFeed(userId)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId])

  // Another supplier chosen: its products from the top.
  const firstFilter = useRef(true)
  useEffect(() => {
    if (firstFilter.current) {
      firstFilter.current = false
      return
    }
    if (userId) void loadFeed(userId)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filter])

  // Back on the tab (e.g. after binding a new supplier): new suppliers and new products since.
  useDidShow(() => {
    if (!shownOnce.current) {
      shownOnce.current = true
      return
    }
    if (!userId) return
    const before = suppliers.state.status === 'ready' ? suppliers.state.data.items.map((s) => s.supplier._id).join() : ''
    void (async () => {
      let latest: MySupplier[]
      try {
        latest = (await callCloud('network', 'mySuppliers', {})).items
      } catch {
        return
      }
      suppliers.setState({ status: 'ready', data: { items: latest } })
      const after = latest.map((s) => s.supplier._id).join()
      void checkNewPosts(userId)
      if (after === before) {
        void checkNew(userId)
      } else if (filterRef.current !== '' && !latest.some((s) => s.supplier._id === filterRef.current)) {
        setFilter('')
      } else {
        void loadFeed(userId, true)
      }
    })()
  })

  const refresh = async () => {
    if (!userId) return
    setNewCount(0)
    setPostsReload((n) => n + 1)
    await Promise.all([suppliers.reload(), loadFeed(userId, true)])
  }

  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh())
  })

  return {
    session,
    relogin,
    userId,
    suppliers,
    filter,
    setFilter,
    feed,
    loadFeed,
    refresh,
    newCount,
    newPosts,
    /** 动态 has shown the newest posts. */
    onPostsSeen: () => setNewPosts(0),
    postsReload,
    reloadPosts: () => setPostsReload((n) => n + 1),
    noSuppliers: session.status === 'ready' && suppliers.state.status === 'ready' && suppliers.state.data.items.length === 0,
  }
}

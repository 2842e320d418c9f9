import { useRef, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { AgentProduct } from '@/domain/feed'
import type { MySupplier } from '@/domain/network'
import { callCloud } from '@/api/cloud'
import { usePagedList } from '@/hooks/usePagedList'
import { useAutoLoad, useLoader } from '@/hooks/useLoader'
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
  const filterRef = useRef(filter)
  filterRef.current = filter
  const feed = usePagedList<AgentProduct>(
    (cursor) =>
      callCloud('feed', 'products', { ...(filterRef.current ? { supplierId: filterRef.current } : {}), ...(cursor ? { cursor } : {}) }),
    (p) => p._id,
  )
  const [newCount, setNewCount] = useState(0)
  const [newPosts, setNewPosts] = useState(0)
  // Changes when 动态 should load its first page again (pull to refresh, its banner).
  const [postsReload, setPostsReload] = useState(0)

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

  /** Another supplier chosen (or 全部 again): its products from the top. */
  const choose = (next: string) => {
    if (next === filterRef.current) return
    // The list reads the filter from the ref, so this load already asks for it.
    filterRef.current = next
    setFilter(next)
    return userId ? loadFeed(userId) : undefined
  }

  // A new user (or persona): everything from the start, on 全部.
  const start = (who: string) => {
    setNewCount(0)
    setNewPosts(0)
    return Promise.all([checkNew(who), checkNewPosts(who), suppliers.reload(), filterRef.current === '' ? loadFeed(who) : choose('')])
  }

  // Back on the tab (e.g. after binding a new supplier): new suppliers and new products since.
  const back = async (who: string) => {
    const before = suppliers.state.status === 'ready' ? suppliers.state.data.items.map((s) => s.supplier._id).join() : ''
    let latest: MySupplier[]
    try {
      latest = (await callCloud('network', 'mySuppliers', {})).items
    } catch {
      return
    }
    suppliers.setState({ status: 'ready', data: { items: latest } })
    const after = latest.map((s) => s.supplier._id).join()
    void checkNewPosts(who)
    if (after === before) {
      void checkNew(who)
    } else if (filterRef.current !== '' && !latest.some((s) => s.supplier._id === filterRef.current)) {
      void choose('')
    } else {
      void loadFeed(who, true)
    }
  }

  useAutoLoad((quiet) => userId && (quiet ? back(userId) : start(userId)), { when: userId !== null, key: userId ?? '', onShow: true })

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
    setFilter: choose,
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

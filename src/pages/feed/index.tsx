import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'
import type { AgentProduct } from '@/domain/feed'
import { newCountLabel } from '@/domain/feed-rules'
import type { MySupplier } from '@/domain/network'
import { callCloud } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import ProductCard from '@/components/ProductCard'
import LoadGate from '@/components/LoadGate'
import { EmptyView } from '@/components/StatusView'
import SupplierAvatar from '@/components/SupplierAvatar'
import { useForward } from '@/components/ForwardSheet'
import { useShareOfPosts } from '@/components/PostCard'
import { useLoader } from '@/hooks/useLoader'
import { useSession } from '@/session'
import PostsFeed, { readPostsSeen } from './PostsFeed'
import './index.scss'

/**
 * 「N 件新品」: the publish time of the newest product this user has seen in the feed, per user
 * (H5 personas share one storage). Kept in server time — the product's own `publishedAt` — so a
 * phone with a wrong clock still counts right.
 */
const seenKey = (userId: string) => `wegong.feed.seen.${userId}`

function readSeen(userId: string): number | null {
  try {
    const value: unknown = Taro.getStorageSync(seenKey(userId))
    return typeof value === 'number' && Number.isFinite(value) ? value : null
  } catch {
    return null
  }
}

function markSeen(userId: string, items: AgentProduct[]): void {
  const newest = items.reduce((max, p) => Math.max(max, p.publishedAt), readSeen(userId) ?? 0)
  try {
    Taro.setStorageSync(seenKey(userId), newest)
  } catch {
    // Without storage the badge simply does not show.
  }
}

function FeedSkeleton() {
  return (
    <View className='feed-skeletons'>
      {[0, 1, 2].map((i) => (
        <View key={i} className='feed-skeleton'>
          <View className='feed-skeleton-avatar' />
          <View className='feed-skeleton-lines'>
            <Skeleton rows={3} animated />
          </View>
        </View>
      ))}
    </View>
  )
}

function NoSuppliers() {
  return (
    <EmptyView
      className='feed-empty'
      image='parcel'
      title='还没有合作的供应商'
      description='扫描供应商的微供码，成为TA的微商代理后就能看到商品'
    >
      <View className='feed-steps'>
        <View className='feed-step'>
          <Text className='feed-step-no'>1</Text>
          <Text className='feed-step-text'>向供应商索取TA的微供码</Text>
        </View>
        <View className='feed-step'>
          <Text className='feed-step-no'>2</Text>
          <Text className='feed-step-text'>用微信扫一扫，确认成为微商代理</Text>
        </View>
        <View className='feed-step'>
          <Text className='feed-step-no'>3</Text>
          <Text className='feed-step-text'>在这里浏览商品，一键转发到朋友圈</Text>
        </View>
      </View>
    </EmptyView>
  )
}

function SupplierFilter({
  suppliers,
  value,
  onChange,
}: {
  suppliers: MySupplier[]
  value: string
  onChange: (supplierId: string) => void
}) {
  return (
    <View className='feed-filters'>
      <ScrollView className='feed-filter-scroll' scrollX enhanced showScrollbar={false}>
        <View className='feed-filter-track'>
          <View className={`feed-filter feed-filter-all${value === '' ? ' feed-filter-active' : ''}`} onClick={() => onChange('')}>
            <Text className='feed-filter-name'>全部</Text>
          </View>
          {suppliers.map(({ supplier }) => (
            <View
              key={supplier._id}
              className={`feed-filter${value === supplier._id ? ' feed-filter-active' : ''}`}
              data-supplier-id={supplier._id}
              onClick={() => onChange(supplier._id)}
            >
              <SupplierAvatar className='feed-filter-avatar' url={supplier.avatarUrl} name={supplier.name} size={40} />
              <Text className='feed-filter-name'>{supplier.name}</Text>
            </View>
          ))}
        </View>
      </ScrollView>
    </View>
  )
}

/**
 * 首页: the products of every supplier the agent is bound to, newest first, read like Moments
 * (SPEC §6, R9): one filter per supplier, 「N 件新品」 since the last visit, pull to refresh and
 * endless scrolling. With no supplier yet it says how to get one.
 */
export default function FeedPage() {
  const { state: session, refresh: relogin } = useSession()
  const userId = session.status === 'ready' ? session.data.user._id : null
  const suppliers = useLoader(() => callCloud('network', 'mySuppliers', {}))
  const [filter, setFilter] = useState('')
  const feed = usePagedList<AgentProduct>(
    (cursor) => callCloud('feed', 'products', { ...(filter ? { supplierId: filter } : {}), ...(cursor ? { cursor } : {}) }),
    (p) => p._id,
  )
  const [newCount, setNewCount] = useState(0)
  // 商品 / 动态 (R14): both across all bound suppliers, or the one chosen above.
  const [tab, setTab] = useState<'products' | 'posts'>('products')
  const [newPosts, setNewPosts] = useState(0)
  const [postsReload, setPostsReload] = useState(0)
  const { forward, sheet } = useForward()
  useShareOfPosts('给你分享一件好物')
  const filterRef = useRef(filter)
  filterRef.current = filter
  const shownOnce = useRef(false)

  const checkNewPosts = async (who: string) => {
    const since = readPostsSeen(who)
    if (since === null) return
    try {
      setNewPosts((await callCloud('feed', 'newPostCount', { since })).count)
    } catch {
      // A marker is a nicety.
    }
  }

  const checkNew = async (who: string) => {
    const since = readSeen(who)
    // A first visit has nothing to compare with: everything on screen is new anyway.
    if (since === null) return
    try {
      const { count } = await callCloud('feed', 'newCount', { since })
      setNewCount(count)
    } catch {
      // A badge is a nicety; the feed itself reports its own errors.
    }
  }

  const loadFeed = async (who: string, quiet = false) => {
    const items = await feed.reload(quiet)
    if (items && filterRef.current === '') markSeen(who, items)
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
  useReachBottom(() => {
    if (tab === 'products') void feed.loadMore()
  })

  const noSuppliers = session.status === 'ready' && suppliers.state.status === 'ready' && suppliers.state.data.items.length === 0
  const now = Date.now()

  return (
    <PageShell className={noSuppliers ? 'feed-page feed-page-empty' : 'feed-page'}>
      <LoadGate state={session} onRetry={() => void relogin()}>
        {() => (
          <LoadGate
            state={suppliers.state}
            onRetry={() => void refresh()}
            loading={<FeedSkeleton />}
            isEmpty={(data) => data.items.length === 0}
            empty={<NoSuppliers />}
          >
            {({ items: mine }) => {
              const current = mine.find((s) => s.supplier._id === filter)
              return (
                <>
                  <SupplierFilter suppliers={mine} value={filter} onChange={setFilter} />
                  <View className='feed-tabs'>
                    <View
                      className={`feed-tab feed-tab-products${tab === 'products' ? ' feed-tab-active' : ''}`}
                      onClick={() => setTab('products')}
                    >
                      <Text>商品</Text>
                    </View>
                    <View className={`feed-tab feed-tab-posts${tab === 'posts' ? ' feed-tab-active' : ''}`} onClick={() => setTab('posts')}>
                      <Text>动态</Text>
                      {newPosts > 0 && tab !== 'posts' ? <Text className='feed-tab-badge'>{newCountLabel(newPosts)}</Text> : null}
                    </View>
                  </View>
                  {tab === 'posts' ? (
                    <>
                      {newPosts > 0 ? (
                        <View className='feed-new-banner feed-new-posts' onClick={() => setPostsReload((n) => n + 1)}>
                          <Text className='feed-new-dot' />
                          <Text className='feed-new-count'>{newCountLabel(newPosts)} 条新动态</Text>
                          <Text className='feed-new-hint'>自上次浏览后发布 · 点击刷新</Text>
                        </View>
                      ) : null}
                      <PostsFeed
                        userId={userId ?? ''}
                        supplierId={filter}
                        reloadKey={postsReload}
                        onForward={(post) => forward({ postId: post._id })}
                        onSeen={() => setNewPosts(0)}
                        emptyTitle={current ? `「${current.supplier.name}」还没有发布动态` : '供应商还没有发布动态'}
                      />
                    </>
                  ) : null}
                  {tab === 'products' && newCount > 0 ? (
                    <View
                      className='feed-new-banner'
                      onClick={() => {
                        void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
                        void refresh()
                      }}
                    >
                      <Text className='feed-new-dot' />
                      <Text className='feed-new-count'>{newCountLabel(newCount)} 件新品</Text>
                      <Text className='feed-new-hint'>自上次浏览后上新 · 点击刷新</Text>
                    </View>
                  ) : null}
                  {tab === 'products' ? (
                    <LoadGate
                      state={feed.state}
                      onRetry={() => void loadFeed(userId ?? '')}
                      loading={<FeedSkeleton />}
                      empty={
                        <EmptyView
                          className='feed-no-products'
                          title={current ? `「${current.supplier.name}」暂无在售商品` : '供应商还没有在售商品'}
                          description='供应商上新后会出现在这里，下拉可以刷新'
                        />
                      }
                      more={feed}
                    >
                      {(products) => (
                        <View className='feed-list'>
                          {products.map((product) => (
                            <ProductCard key={product._id} product={product} now={now} onForward={(p) => forward({ productId: p._id })} />
                          ))}
                        </View>
                      )}
                    </LoadGate>
                  ) : null}
                </>
              )
            }}
          </LoadGate>
        )}
      </LoadGate>
      {sheet}
    </PageShell>
  )
}

import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { AgentProduct } from '@/domain/feed'
import type { MySupplier, SupplierCard } from '@/domain/network'
import { formatShanghai } from '@/domain/time'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import ProductCard from '@/components/ProductCard'
import LoadGate from '@/components/LoadGate'
import { EmptyView, NoticeView, SkeletonCards } from '@/components/StatusView'
import SupplierAvatar from '@/components/SupplierAvatar'
import { useLoader, type LoadState } from '@/hooks/useLoader'
import { useSession } from '@/session'
import { useForward } from '@/components/ForwardSheet'
import { useShareOfPosts } from '@/components/PostCard'
import PostsFeed from '@/pages/feed/PostsFeed'
import './index.scss'

function goHome() {
  void Taro.switchTab({ url: route('pages/feed/index') })
}

function ShopHeader({ card, mine }: { card: SupplierCard; mine: MySupplier | undefined }) {
  return (
    <View className='shop-header'>
      <View className='shop-header-main'>
        <SupplierAvatar className='shop-avatar' url={card.avatarUrl} name={card.name} size={120} />
        <View className='shop-who'>
          <Text className='shop-name'>{card.name}</Text>
          <View className='shop-tags'>
            <Text className='shop-category'>主营 {card.mainCategory}</Text>
            {mine ? <Text className='shop-tier'>我的等级：{mine.tierName}</Text> : null}
          </View>
        </View>
      </View>
      {mine ? (
        <View className='shop-stats'>
          <View className='shop-stat'>
            <Text className='shop-stat-value shop-on-sale'>{mine.onSaleProducts}</Text>
            <Text className='shop-stat-label'>在售商品</Text>
          </View>
          <View className='shop-stat'>
            <Text className='shop-stat-value'>{formatShanghai(mine.boundAt, 'YYYY-MM-DD')}</Text>
            <Text className='shop-stat-label'>成为代理</Text>
          </View>
        </View>
      ) : null}
    </View>
  )
}

/**
 * A supplier's home as its agent sees it: who it is, the agent's tier, and its products at the
 * agent's own price (R9, R11). Posts (R14) join this page later.
 */
export default function ShopPage() {
  const { params } = useRouter()
  const supplierId = params.id ? decodeURIComponent(params.id) : ''
  const { state: session, refresh } = useSession()
  const ready = session.status === 'ready'
  // 商品 / 动态 of this supplier (R14).
  const [tab, setTab] = useState<'products' | 'posts'>('products')
  const [postsReload, setPostsReload] = useState(0)
  const { forward, sheet } = useForward()
  useShareOfPosts('给你分享一件好物')
  const auto = { when: ready && Boolean(supplierId), key: supplierId }
  const suppliers = useLoader(() => callCloud('network', 'mySuppliers', {}), auto)
  const products = usePagedList<AgentProduct>(
    (cursor) => callCloud('feed', 'products', { supplierId, ...(cursor ? { cursor } : {}) }),
    (p) => p._id,
    auto,
  )

  const mine = suppliers.state.status === 'ready' ? suppliers.state.data.items.find((s) => s.supplier._id === supplierId) : undefined
  const card = mine?.supplier ?? products.items[0]?.supplier
  const title = card?.name

  useEffect(() => {
    if (title) void Taro.setNavigationBarTitle({ title })
  }, [title])

  usePullDownRefresh(() => {
    setPostsReload((n) => n + 1)
    void Promise.all([suppliers.reload(), products.reload(true)]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (tab === 'products') void products.loadMore()
  })

  if (!supplierId) {
    return (
      <PageShell className='shop-page'>
        <NoticeView className='shop-missing' image='error' title='没有找到该供应商' actionText='返回首页' onAction={goHome} />
      </PageShell>
    )
  }
  if (products.state.status === 'error' && products.state.error.code === 'NOT_FOUND') {
    return (
      <PageShell className='shop-page'>
        <NoticeView
          className='shop-hidden'
          title='暂时无法查看'
          description={products.state.error.message}
          actionText='返回首页'
          onAction={goHome}
        />
      </PageShell>
    )
  }

  // Without the agent's binding the header comes from the first product: wait for it rather than show a bare list.
  const suppliersOrCard: LoadState<unknown> = products.state.status === 'loading' && !card ? { status: 'loading' } : suppliers.state
  const now = Date.now()
  return (
    <PageShell className='shop-page'>
      <LoadGate state={session} onRetry={() => void refresh()}>
        {() => (
          <LoadGate
            state={suppliersOrCard}
            onRetry={() => {
              void suppliers.reload()
              void products.reload()
            }}
          >
            {() => (
              <>
                {card ? <ShopHeader card={card} mine={mine} /> : null}
                <View className='shop-tabs'>
                  <View
                    className={`shop-tab shop-tab-products${tab === 'products' ? ' shop-tab-active' : ''}`}
                    onClick={() => setTab('products')}
                  >
                    <Text>全部商品</Text>
                  </View>
                  <View className={`shop-tab shop-tab-posts${tab === 'posts' ? ' shop-tab-active' : ''}`} onClick={() => setTab('posts')}>
                    <Text>动态</Text>
                  </View>
                  {mine ? (
                    <Text
                      className='shop-markup'
                      onClick={() => void Taro.navigateTo({ url: route('pages/markup/index', { supplierId }) })}
                    >
                      加价设置
                    </Text>
                  ) : null}
                </View>
                {tab === 'posts' && session.status === 'ready' ? (
                  <PostsFeed
                    userId={session.data.user._id}
                    supplierId={supplierId}
                    reloadKey={postsReload}
                    linkSupplier={false}
                    onForward={(post) => forward({ postId: post._id })}
                    emptyTitle='该供应商还没有发布动态'
                  />
                ) : null}
                {tab === 'products' ? (
                  <LoadGate
                    state={products.state}
                    onRetry={() => void products.reload()}
                    loading={<SkeletonCards rows={4} />}
                    empty={
                      <EmptyView className='shop-empty' title='暂无在售商品' description='供应商上新后会出现在这里，也会出现在你的首页' />
                    }
                    more={products}
                  >
                    {(items) => (
                      <View className='shop-products'>
                        {items.map((product) => (
                          <ProductCard
                            key={product._id}
                            product={product}
                            now={now}
                            linkSupplier={false}
                            onForward={mine ? (p) => forward({ productId: p._id }) : undefined}
                          />
                        ))}
                      </View>
                    )}
                  </LoadGate>
                ) : null}
              </>
            )}
          </LoadGate>
        )}
      </LoadGate>
      {sheet}
    </PageShell>
  )
}

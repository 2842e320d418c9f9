import { useState } from 'react'
import Taro, { useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { route } from '@/domain/routes'
import PageShell from '@/components/PageShell'
import ProductCard from '@/components/ProductCard'
import LoadGate from '@/components/LoadGate'
import { EmptyView } from '@/components/StatusView'
import { useForward } from '@/components/ForwardSheet'
import { useShareOfPosts } from '@/components/PostCard'
import PostsFeed from './PostsFeed'
import { FeedSkeleton, FeedTabs, NewBanner, NoSuppliers, SupplierFilter, type FeedTab } from './parts'
import { useFeed } from './useFeed'
import './index.scss'

/**
 * 首页: the products of every supplier the agent is bound to, newest first, read like Moments
 * (SPEC §6, R9): one filter per supplier, 「N 件新品」 since the last visit, pull to refresh and
 * endless scrolling. With no supplier yet it says how to get one.
 */
export default function FeedPage() {
  const { session, relogin, userId, suppliers, filter, setFilter, feed, loadFeed, refresh, ...news } = useFeed()
  // 商品 / 动态 (R14): both across all bound suppliers, or the one chosen above.
  const [tab, setTab] = useState<FeedTab>('products')
  const { forward, sheet } = useForward()
  useShareOfPosts('给你分享一件好物')
  useReachBottom(() => {
    if (tab === 'products') void feed.loadMore()
  })

  const now = Date.now()

  return (
    <PageShell className={news.noSuppliers ? 'feed-page feed-page-empty' : 'feed-page'}>
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
                  {/* The search page is a subpackage: the feed carries only this entry. */}
                  <View className='feed-search' onClick={() => void Taro.navigateTo({ url: route('pages/search/index') })}>
                    搜索商品
                  </View>
                  <SupplierFilter suppliers={mine} value={filter} onChange={setFilter} />
                  <FeedTabs value={tab} newPosts={news.newPosts} onChange={setTab} />
                  {tab === 'posts' ? (
                    <>
                      <NewBanner
                        className='feed-new-posts'
                        count={news.newPosts}
                        what='条新动态'
                        hint='自上次浏览后发布 · 点击刷新'
                        onClick={news.reloadPosts}
                      />
                      <PostsFeed
                        userId={userId ?? ''}
                        supplierId={filter}
                        reloadKey={news.postsReload}
                        onForward={(post) => forward({ postId: post._id })}
                        onSeen={news.onPostsSeen}
                        emptyTitle={current ? `「${current.supplier.name}」还没有发布动态` : '供应商还没有发布动态'}
                      />
                    </>
                  ) : null}
                  {tab === 'products' ? (
                    <>
                      <NewBanner
                        count={news.newCount}
                        what='件新品'
                        hint='自上次浏览后上新 · 点击刷新'
                        onClick={() => {
                          void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
                          void refresh()
                        }}
                      />
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
                            <Text className='feed-pick' onClick={() => void Taro.navigateTo({ url: route('pages/pick/index') })}>
                              多选转发
                            </Text>
                            {products.map((product) => (
                              <ProductCard key={product._id} product={product} now={now} onForward={(p) => forward({ productId: p._id })} />
                            ))}
                          </View>
                        )}
                      </LoadGate>
                    </>
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

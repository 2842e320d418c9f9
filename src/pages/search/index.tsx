import { useState } from 'react'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { SearchBar } from '@nutui/nutui-react-taro'
import type { AgentProduct } from '@/domain/feed'
import { NEW_WINDOWS, PRICE_CHIPS, rememberQuery, newWindowLabel, type NewWindow, type SearchSort } from '@/domain/search-rules'
import { route } from '@/domain/routes'
import { openCategoryNames } from '@/domain/categories'
import { callCloud } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import ProductCard from '@/components/ProductCard'
import LoadGate from '@/components/LoadGate'
import ChipChoice from '@/components/ChipChoice'
import { EmptyView, SkeletonCards } from '@/components/StatusView'
import { useForward } from '@/components/ForwardSheet'
import { useShareOfPosts } from '@/components/PostCard'
import AddToStorefront from '@/components/AddToStorefront'
import { usePagedList } from '@/hooks/usePagedList'
import { useLoader } from '@/hooks/useLoader'
import { useSession } from '@/session'
import PostResults from './PostResults'
import './index.scss'

const HISTORY_KEY = 'wegong:search-history'
type PriceChip = (typeof PRICE_CHIPS)[number]['value']
/** The platform's open categories (R3): a product is published under one of them. */
const CATEGORY_CHIPS = [{ value: 'all', label: '全部类目' }, ...openCategoryNames().map((name) => ({ value: name, label: name }))]
type Tab = 'products' | 'posts'

function readHistory(): string[] {
  const stored: unknown = Taro.getStorageSync(HISTORY_KEY)
  return Array.isArray(stored) ? stored.filter((h): h is string => typeof h === 'string') : []
}

/**
 * 搜索 (docs/decisions/search.md): words and filters over the agent's whole feed — every bound
 * supplier, on sale, at its own price — with the box's history, 新上架 / 价格 / 供应商 chips, sorting
 * by newest or by my price, and results as feed cards with 一键转发, 下单 and 加入小店; 多选转发 opens
 * the pick page on the same search. The 动态 tab searches the posts by the same words, supplier and
 * 新上架 (posts have no price).
 */
export default function SearchPage() {
  const { params } = useRouter()
  // Opened by 我的小店's 添加商品: 加入小店 returns there.
  const storefront = params.mode === 'storefront'
  const { state: session } = useSession()
  const ready = session.status === 'ready'
  const [text, setText] = useState('')
  const [query, setQuery] = useState('')
  const [history, setHistory] = useState(readHistory)
  const [supplierId, setSupplierId] = useState(params.supplierId ? decodeURIComponent(params.supplierId) : 'all')
  const [category, setCategory] = useState('all')
  const [newWithin, setNewWithin] = useState<NewWindow | 'any'>('any')
  const [price, setPrice] = useState<PriceChip>('any')
  const [sort, setSort] = useState<SearchSort>('newest')
  const [tab, setTab] = useState<Tab>('products')
  const { forward, sheet } = useForward()
  useShareOfPosts('给你分享一件好物')
  const suppliers = useLoader(() => callCloud('network', 'mySuppliers', {}), { when: ready })
  const range = PRICE_CHIPS.find((chip) => chip.value === price)
  const filters = {
    ...(query ? { q: query } : {}),
    ...(supplierId !== 'all' ? { supplierId } : {}),
    ...(category !== 'all' ? { category } : {}),
    ...(newWithin !== 'any' ? { newWithin } : {}),
    ...(range && 'minPrice' in range ? { minPrice: range.minPrice } : {}),
    ...(range && 'maxPrice' in range ? { maxPrice: range.maxPrice } : {}),
    sort,
  }
  const results = usePagedList<AgentProduct>(
    (cursor) => callCloud('feed', 'search', { ...filters, ...(cursor ? { cursor } : {}) }),
    (p) => p._id,
    { when: ready && tab === 'products', key: JSON.stringify(filters) },
  )
  useReachBottom(() => {
    if (tab === 'products') void results.loadMore()
  })
  const postFilters = {
    ...(query ? { q: query } : {}),
    ...(supplierId !== 'all' ? { supplierId } : {}),
    ...(newWithin !== 'any' ? { newWithin } : {}),
  }

  const search = (value: string) => {
    const q = value.trim()
    setText(q)
    setQuery(q)
    const next = rememberQuery(history, q)
    setHistory(next)
    Taro.setStorageSync(HISTORY_KEY, next)
  }
  const clearHistory = () => {
    setHistory([])
    Taro.removeStorageSync(HISTORY_KEY)
  }
  const supplierChips = [
    { value: 'all', label: '全部供应商' },
    ...(suppliers.state.status === 'ready'
      ? suppliers.state.data.items.map((s) => ({ value: s.supplier._id, label: s.supplier.name }))
      : []),
  ]
  const now = Date.now()
  return (
    <PageShell className='search-page'>
      <SearchBar
        className='search-box'
        value={text}
        placeholder='搜索商品描述、规格，如 碎花连衣裙'
        autoFocus
        onChange={setText}
        onSearch={search}
        onClear={() => search('')}
      />
      {query === '' && history.length > 0 ? (
        <View className='search-history'>
          <View className='search-history-head'>
            <Text>搜索历史</Text>
            <Text className='search-history-clear' onClick={clearHistory}>
              清空
            </Text>
          </View>
          <View className='search-history-items'>
            {history.map((h) => (
              <Text key={h} className='search-history-item' onClick={() => search(h)}>
                {h}
              </Text>
            ))}
          </View>
        </View>
      ) : null}
      <View className='search-tabs'>
        {(['products', 'posts'] as const).map((value) => (
          <View
            key={value}
            className={`search-tab search-tab-${value}${tab === value ? ' search-tab-active' : ''}`}
            onClick={() => setTab(value)}
          >
            <Text>{value === 'products' ? '商品' : '动态'}</Text>
          </View>
        ))}
      </View>
      <View className='search-filters'>
        <ChipChoice name='search-chip' chips={supplierChips} value={supplierId} onChange={setSupplierId} />
        <ChipChoice
          name='search-chip'
          chips={[{ value: 'any' as const, label: '全部时间' }, ...NEW_WINDOWS.map((w) => ({ value: w, label: newWindowLabel[w] }))]}
          value={newWithin}
          onChange={setNewWithin}
        />
        {tab === 'products' ? (
          <>
            <ChipChoice name='search-chip' chips={CATEGORY_CHIPS} value={category} onChange={setCategory} />
            <ChipChoice name='search-chip' chips={PRICE_CHIPS} value={price} onChange={setPrice} />
            <ChipChoice
              name='search-sort'
              chips={[
                { value: 'newest' as const, label: '最新' },
                { value: 'price' as const, label: '价格从低到高' },
              ]}
              value={sort}
              onChange={setSort}
            />
          </>
        ) : null}
      </View>
      {tab === 'posts' ? <PostResults when={ready} filters={postFilters} onForward={(post) => forward({ postId: post._id })} /> : null}
      {tab === 'products' ? (
        <LoadGate
          state={results.state}
          onRetry={() => void results.reload()}
          loading={<SkeletonCards rows={4} />}
          empty={
            <EmptyView
              className='search-empty'
              title={query ? `没有找到「${query}」` : '没有符合条件的商品'}
              description='换个词试试，或放宽筛选条件'
            />
          }
          more={results}
        >
          {(items) => (
            <View className='search-results'>
              <Text
                className='search-pick'
                onClick={() =>
                  void Taro.navigateTo({ url: route('pages/pick/index', { ...filters, ...(storefront ? { mode: 'storefront' } : {}) }) })
                }
              >
                {storefront ? '多选加入小店' : '多选转发'}
              </Text>
              {items.map((product) => (
                <View key={product._id} className='search-result'>
                  <ProductCard product={product} now={now} onForward={(p) => forward({ productId: p._id })} />
                  <AddToStorefront className='search-add-store' productIds={[product._id]} back={storefront} />
                </View>
              ))}
            </View>
          )}
        </LoadGate>
      ) : null}
      {sheet}
    </PageShell>
  )
}

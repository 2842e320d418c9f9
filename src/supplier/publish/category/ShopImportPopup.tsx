import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { Button, Input, Popup } from '@nutui/nutui-react-taro'
import type { ShopItem } from '@/domain/catalog'
import { formatFen } from '@/domain/money'
import { formatShanghai } from '@/domain/time'
import { callCloud, toAppError } from '@/api/cloud'
import { EmptyView, ErrorView, ListFooter, LoadingView } from '@/components/StatusView'

type ListState = { status: 'loading' } | { status: 'ready' } | { status: 'error'; message: string }

function priceText(item: ShopItem): string {
  if (item.specs.length === 0) return ''
  const prices = item.specs.map((s) => s.price)
  const min = Math.min(...prices)
  const max = Math.max(...prices)
  return min === max ? formatFen(min) : `${formatFen(min)}–${formatFen(max)}`
}

/** 导入已发布商品 (R15): the supplier's shop catalogue, searchable, one item to prefill the form. */
export default function ShopImportPopup({ visible, onClose, onChoose }: { visible: boolean; onClose: () => void; onChoose: (item: ShopItem) => void }) {
  const [query, setQuery] = useState('')
  const [items, setItems] = useState<ShopItem[]>([])
  const [nextCursor, setNextCursor] = useState<string | null>(null)
  const [list, setList] = useState<ListState>({ status: 'loading' })
  const [loadingMore, setLoadingMore] = useState(false)
  const generation = useRef(0)
  const searched = useRef('')

  const loadFirst = useCallback(async (q: string) => {
    const mine = ++generation.current
    searched.current = q
    setList({ status: 'loading' })
    try {
      const page = await callCloud('catalog', 'listShop', q ? { q } : {})
      if (mine !== generation.current) return
      setItems(page.items)
      setNextCursor(page.nextCursor)
      setList({ status: 'ready' })
    } catch (e) {
      if (mine === generation.current) setList({ status: 'error', message: toAppError(e).message })
    }
  }, [])

  useEffect(() => {
    if (visible) void loadFirst(searched.current)
  }, [visible, loadFirst])

  const loadMore = async () => {
    if (!nextCursor || loadingMore) return
    const mine = generation.current
    setLoadingMore(true)
    try {
      const q = searched.current
      const page = await callCloud('catalog', 'listShop', q ? { q, cursor: nextCursor } : { cursor: nextCursor })
      if (mine !== generation.current) return
      setItems((prev) => {
        const seen = new Set(prev.map((i) => i._id))
        return [...prev, ...page.items.filter((i) => !seen.has(i._id))]
      })
      setNextCursor(page.nextCursor)
    } catch (e) {
      void Taro.showToast({ title: toAppError(e).message, icon: 'none' })
    } finally {
      setLoadingMore(false)
    }
  }

  return (
    <Popup className='shop-import-popup' visible={visible} position='bottom' round closeable title='导入已发布商品' onClose={onClose}>
      <View className='shop-search'>
        <Input className='shop-search-input' value={query} placeholder='搜索商品标题或编号' clearable onChange={setQuery} onConfirm={() => void loadFirst(query.trim())} />
        <Button className='shop-search-button' size='small' type='primary' onClick={() => void loadFirst(query.trim())}>
          搜索
        </Button>
      </View>
      <ScrollView className='shop-list' scrollY lowerThreshold={80} onScrollToLower={() => void loadMore()}>
        {list.status === 'loading' ? (
          <LoadingView />
        ) : list.status === 'error' ? (
          <ErrorView message={list.message} onRetry={() => void loadFirst(searched.current)} />
        ) : items.length === 0 ? (
          <EmptyView className='shop-empty' title={searched.current ? '没有找到相关商品' : '还没有店铺商品'} description={searched.current ? '换个关键词试试' : '先导入店铺的商品表格（CSV 或 JSON），再从这里选择'}>
            {searched.current ? null : (
              <Button
                className='shop-go-import'
                type='primary'
                fill='outline'
                onClick={() => {
                  onClose()
                  void Taro.navigateTo({ url: '/supplier/import/index' })
                }}
              >
                去导入商品
              </Button>
            )}
          </EmptyView>
        ) : (
          items.map((item) => (
            <View key={item._id} className='shop-item' onClick={() => onChoose(item)}>
              <View className='shop-item-main'>
                <Text className='shop-item-title'>{item.title}</Text>
                <Text className='shop-item-meta'>
                  编号 {item.externalId} · {item.specs.length} 个规格 · {formatShanghai(item.importedAt, 'MM-DD')} 导入
                </Text>
              </View>
              <View className='shop-item-side'>
                <Text className='shop-item-price'>{priceText(item)}</Text>
                <Text className='shop-item-choose'>选择</Text>
              </View>
            </View>
          ))
        )}
        {list.status === 'ready' ? <ListFooter loading={loadingMore} hasMore={nextCursor !== null} onMore={() => void loadMore()} empty={items.length === 0} /> : null}
      </ScrollView>
    </Popup>
  )
}

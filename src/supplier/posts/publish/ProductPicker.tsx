import { useMemo, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Button, Checkbox, Popup, SearchBar } from '@nutui/nutui-react-taro'
import { formatFen } from '@/domain/money'
import { POST_PRODUCTS_MAX } from '@/domain/post'
import type { ProductSummary } from '@/domain/product'
import { callCloud } from '@/api/cloud'
import LoadGate from '@/components/LoadGate'
import { EmptyView } from '@/components/StatusView'
import { usePagedList } from '@/hooks/usePagedList'
import type { DraftProduct } from './draft'

/**
 * 选择导购商品 (R14): the supplier's own on-sale products with thumbnails, searchable by their text
 * among the pages loaded (100 at a time, more on 加载更多), 1–9 of them ticked.
 */
export default function ProductPicker({
  visible,
  chosen,
  onClose,
  onConfirm,
}: {
  visible: boolean
  chosen: DraftProduct[]
  onClose: () => void
  onConfirm: (products: DraftProduct[]) => void
}) {
  const [query, setQuery] = useState('')
  const [ticked, setTicked] = useState<DraftProduct[]>(chosen)
  // Each opening starts from what the post holds and lists the products afresh.
  const [open, setOpen] = useState(visible)
  if (open !== visible) {
    setOpen(visible)
    if (visible) setTicked(chosen)
  }
  const list = usePagedList<ProductSummary>(
    (cursor) => callCloud('product', 'listMine', { status: 'on_sale', limit: 100, ...(cursor ? { cursor } : {}) }),
    (p) => p._id,
    { when: visible },
  )

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase()
    return q ? list.items.filter((p) => p.description.toLowerCase().includes(q) || p.category.includes(q)) : list.items
  }, [list.items, query])

  const toggle = (product: ProductSummary) => {
    setTicked((prev) => {
      if (prev.some((p) => p._id === product._id)) return prev.filter((p) => p._id !== product._id)
      if (prev.length >= POST_PRODUCTS_MAX) return prev
      return [...prev, { _id: product._id, description: product.description, thumbnail: product.thumbnail }]
    })
  }

  return (
    <Popup className='product-picker' visible={visible} position='bottom' round closeable title='选择导购商品' onClose={onClose}>
      <View className='picker-body'>
        <SearchBar className='picker-search' value={query} placeholder='搜索商品描述' onChange={setQuery} />
        <View className='picker-list'>
          <LoadGate
            state={list.state}
            onRetry={() => void list.reload()}
            empty={<EmptyView title='没有销售中的商品' description='动态需要关联销售中的商品，请先发布商品' />}
            more={list}
          >
            {() =>
              shown.length === 0 ? (
                <Text className='picker-none'>没有找到「{query}」相关的商品</Text>
              ) : (
                shown.map((product) => {
                  const checked = ticked.some((p) => p._id === product._id)
                  return (
                    <View
                      key={product._id}
                      className={`picker-item${checked ? ' picker-item-checked' : ''}`}
                      data-product-id={product._id}
                      onClick={() => toggle(product)}
                    >
                      <Checkbox checked={checked} />
                      {product.thumbnail ? (
                        <Image className='picker-thumb' src={product.thumbnail} mode='aspectFill' />
                      ) : (
                        <View className='picker-thumb' />
                      )}
                      <View className='picker-info'>
                        <Text className='picker-text'>{product.description}</Text>
                        <Text className='picker-price'>
                          {formatFen(product.minPrice)}
                          {product.maxPrice !== product.minPrice ? ` 起` : ''} · 剩 {product.daysLeft} 天
                        </Text>
                      </View>
                    </View>
                  )
                })
              )
            }
          </LoadGate>
        </View>
        <View className='picker-foot'>
          <Text className='picker-count'>
            已选 {ticked.length}/{POST_PRODUCTS_MAX}
          </Text>
          <Button className='picker-confirm' type='primary' onClick={() => onConfirm(ticked)}>
            确定
          </Button>
        </View>
      </View>
    </Popup>
  )
}

import Taro from '@tarojs/taro'
import type { ITouchEvent } from '@tarojs/components'
import { Text, View } from '@tarojs/components'
import type { AgentProduct } from '@/domain/feed'
import { formatFenRange } from '@/domain/money'
import { relativeTime } from '@/domain/time'
import { route } from '@/domain/routes'
import SupplierAvatar from '@/components/SupplierAvatar'
import FoldText from './FoldText'
import ImageGrid from './ImageGrid'
import { priceRange, productImages } from './price'
import './index.scss'

export { priceRange, productImages } from './price'
export { default as FoldText } from './FoldText'
export { default as ImageGrid, previewImages } from './ImageGrid'

export function openProduct(id: string): void {
  void Taro.navigateTo({ url: route('pages/product/index', { id }) })
}

export function openShop(supplierId: string): void {
  void Taro.navigateTo({ url: route('pages/shop/index', { id: supplierId }) })
}

/** The agent's own price as a chip (R11: never another tier's). */
export function PriceChip({ product }: { product: Pick<AgentProduct, 'specs'> }) {
  const price = priceRange(product.specs)
  if (!price) return null
  return (
    <View className='price-chip'>
      <Text className='price-chip-label'>拿货价</Text>
      <Text className='price-chip-value'>{price}</Text>
    </View>
  )
}

/**
 * One product in the agent's feed, as Moments shows a post (SPEC §6): the supplier's avatar and
 * name, the text folded after six lines, a 3×3 picture grid with full-screen preview, the time and
 * the agent's price. Tapping the card opens the product; tapping the supplier opens its page
 * (unless `linkSupplier` is off, e.g. on that supplier's own page).
 */
export default function ProductCard({
  product,
  now,
  linkSupplier = true,
  onForward,
}: {
  product: AgentProduct
  now: number
  linkSupplier?: boolean
  /** 一键转发 (R16), for agents. */
  onForward?: (product: AgentProduct) => void
}) {
  const images = productImages(product.specs)
  const toSupplier = (e: ITouchEvent) => {
    if (!linkSupplier) return
    e.stopPropagation()
    openShop(product.supplierId)
  }
  return (
    <View className='feed-card' data-product-id={product._id} onClick={() => openProduct(product._id)}>
      <View className='feed-card-side' onClick={toSupplier}>
        <SupplierAvatar url={product.supplier.avatarUrl} name={product.supplier.name} size={80} />
      </View>
      <View className='feed-card-main'>
        <Text className='feed-card-supplier' onClick={toSupplier}>
          {product.supplier.name}
        </Text>
        {product.description ? <FoldText className='feed-card-text' text={product.description} /> : null}
        <ImageGrid className='feed-card-images' urls={images} />
        <View className='feed-card-foot'>
          <View className='feed-card-meta'>
            <Text className='feed-card-time'>{relativeTime(product.publishedAt, now)}</Text>
            {product.specs.length > 1 ? <Text className='feed-card-specs'>{product.specs.length} 个规格</Text> : null}
          </View>
          <PriceChip product={product} />
        </View>
        {onForward ? (
          <View className='feed-card-actions'>
            <RetailText product={product} />
            <View
              className='card-action card-order'
              onClick={(e) => {
                e.stopPropagation()
                // 下单 (SPEC §6): the product page with its order sheet open.
                void Taro.navigateTo({ url: route('pages/product/index', { id: product._id, order: 1 }) })
              }}
            >
              <Text>下单</Text>
            </View>
            <View
              className='card-action card-forward'
              onClick={(e) => {
                e.stopPropagation()
                onForward(product)
              }}
            >
              <Text>一键转发</Text>
            </View>
          </View>
        ) : null}
      </View>
    </View>
  )
}

/** The agent's own retail price under its markup (R16): what its customers will pay. */
export function RetailText({ product }: { product: Pick<AgentProduct, 'specs'> }) {
  const prices = product.specs.flatMap((s) => (s.sellPrice !== undefined ? [s.sellPrice] : []))
  if (prices.length === 0) return null
  return <Text className='retail-text'>我的零售价 {formatFenRange(prices)}</Text>
}

import { Image, Text, View } from '@tarojs/components'
import { Checkbox } from '@nutui/nutui-react-taro'
import { formatFenRange } from '@/domain/money'
import type { ProductSummary } from '@/domain/product'
import ShareCountsLine from '@/components/ShareCounts'
import type { WindowCounts } from '@/hooks/useShareInsight'
import HiddenNotice from './HiddenNotice'

function priceRangeText(product: ProductSummary): string {
  return formatFenRange([product.minPrice, product.maxPrice])
}

/** One row of 销售中 / 已下架 (R10). */
export default function ProductRow({
  product,
  checked,
  onToggle,
  onEdit,
  onCode,
  shares,
}: {
  product: ProductSummary
  checked: boolean
  onToggle: () => void
  onEdit: () => void
  onCode: () => void
  /** What agents did with it (R16): forwards, shares, customer-view opens. */
  shares?: WindowCounts
}) {
  const onSale = product.status === 'on_sale'
  return (
    <View className={`product-row${checked ? ' product-row-checked' : ''}`} data-product-id={product._id}>
      <View className='product-check' onClick={onToggle}>
        <Checkbox className='product-checkbox' checked={checked} />
      </View>
      <View className='product-body' onClick={onToggle}>
        {product.thumbnail ? (
          <Image className='product-thumb' src={product.thumbnail} mode='aspectFill' />
        ) : (
          <View className='product-thumb product-thumb-empty'>
            <Text>暂无图片</Text>
          </View>
        )}
        <View className='product-info'>
          <Text className='product-description'>{product.description}</Text>
          <Text className='product-price'>{priceRangeText(product)}</Text>
          <View className='product-meta'>
            <Text className='product-stock'>库存 {product.stock}</Text>
            {onSale ? (
              <Text className={`product-days${product.expiringSoon ? ' product-days-soon' : ''}`}>{product.daysLeft} 天后下架</Text>
            ) : (
              <Text className='product-days product-days-off'>已下架</Text>
            )}
          </View>
          <HiddenNotice className='product-hidden' reason={product.hiddenReason} />
          <ShareCountsLine counts={shares} />
        </View>
      </View>
      <View className='product-actions'>
        <Text className='product-action product-edit' onClick={onEdit}>
          修改
        </Text>
        <Text className='product-action product-code' onClick={onCode}>
          商品码
        </Text>
      </View>
    </View>
  )
}

import { Image, Text, View } from '@tarojs/components'
import type { ActionOutput } from '@/domain/api'
import { moveItem, type Move } from '@/domain/list-moves'
import Price from './Price'

type Item = ActionOutput<'storefront', 'mine'>['items'][number]

const MOVES: ReadonlyArray<{ move: Move; label: string }> = [
  { move: 'top', label: '置顶' },
  { move: 'up', label: '上移' },
  { move: 'down', label: '下移' },
]

/**
 * The storefront's products in the agent's order, each with 置顶 / 上移 / 下移 and 移除. A product
 * customers no longer see (delisted, deleted, hidden, or its supplier unbound) is marked 「已下架」
 * and keeps 移除.
 */
export default function StoreItems({
  items,
  busy,
  onReorder,
  onRemove,
}: {
  items: Item[]
  busy: boolean
  onReorder: (productIds: string[]) => void
  onRemove: (productId: string) => void
}) {
  const ids = items.map((i) => i.productId)
  return (
    <View className='store-items'>
      {items.map((item, index) => (
        <View key={item.productId} className={`wg-card store-item store-item-${item.state}`} data-product-id={item.productId}>
          {item.image ? <Image className='store-item-thumb' src={item.image} mode='aspectFill' /> : <View className='store-item-thumb' />}
          <View className='store-item-info'>
            <Text className='store-item-text'>{item.text}</Text>
            <View className='store-item-meta'>
              {item.state === 'off_sale' ? (
                <Text className='store-item-off'>已下架</Text>
              ) : (
                <Price className='store-item-price' price={item.price} />
              )}
            </View>
            <View className='store-item-actions'>
              {MOVES.map(({ move, label }) => {
                const next = moveItem(ids, index, move)
                return (
                  <Text
                    key={move}
                    className={`store-move store-move-${move}${next && !busy ? '' : ' store-move-off'}`}
                    onClick={() => next && !busy && onReorder(next)}
                  >
                    {label}
                  </Text>
                )
              })}
              <Text className='store-remove' onClick={() => !busy && onRemove(item.productId)}>
                移除
              </Text>
            </View>
          </View>
        </View>
      ))}
    </View>
  )
}

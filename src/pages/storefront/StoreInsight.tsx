import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ActionOutput } from '@/domain/api'
import ChipChoice from '@/components/ChipChoice'

type Storefront = ActionOutput<'storefront', 'mine'>
type Window = 'days7' | 'days30'

const WINDOWS = [
  { value: 'days7' as const, label: '近 7 天' },
  { value: 'days30' as const, label: '近 30 天' },
]
const TOP = 5

/** 小店数据: opens of the storefront and of its products over 7 or 30 days, and the most opened products. */
export default function StoreInsight({ store }: { store: Storefront }) {
  const [window, setWindow] = useState<Window>('days7')
  const { insight } = store
  const count = (p: Storefront['insight']['products'][number]) => (window === 'days7' ? p.opens7 : p.opens30)
  const textOf = new Map(store.items.map((i) => [i.productId, i.text]))
  const top = insight.products
    .filter((p) => count(p) > 0 && textOf.has(p.productId))
    .sort((a, b) => count(b) - count(a))
    .slice(0, TOP)
  return (
    <View className='wg-card store-insight'>
      <View className='store-insight-head'>
        <Text className='wg-card-title'>小店数据</Text>
        <ChipChoice name='store-window' chips={WINDOWS} value={window} onChange={setWindow} />
      </View>
      <View className='store-insight-figures'>
        <View className='store-figure'>
          <Text className='store-figure-value store-opens'>{insight[window].opens}</Text>
          <Text className='store-figure-label'>小店浏览</Text>
        </View>
        <View className='store-figure'>
          <Text className='store-figure-value store-product-opens'>{insight[window].productOpens}</Text>
          <Text className='store-figure-label'>商品浏览</Text>
        </View>
      </View>
      {top.length > 0 ? (
        <View className='store-top'>
          <Text className='store-top-title'>最受欢迎</Text>
          {top.map((p, i) => (
            <View key={p.productId} className='store-top-row'>
              <Text className='store-top-rank'>{i + 1}</Text>
              <Text className='store-top-text'>{textOf.get(p.productId)}</Text>
              <Text className='store-top-count'>{count(p)} 次</Text>
            </View>
          ))}
        </View>
      ) : (
        <Text className='store-top-none'>分享小店后，顾客的浏览会显示在这里</Text>
      )}
    </View>
  )
}

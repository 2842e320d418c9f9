import Taro from '@tarojs/taro'
import type { ITouchEvent } from '@tarojs/components'
import { Image, View } from '@tarojs/components'

/** Opens the full-screen preview at `index`, swiping through all of `urls`. */
export function previewImages(urls: string[], index: number): void {
  const current = urls[index]
  if (!current) return
  void Taro.previewImage({ current, urls })
}

/**
 * Moments' picture grid: one picture large, four as 2×2, otherwise three to a row (up to 3×3).
 * A tap opens the full-screen preview and does not open the card.
 */
export default function ImageGrid({ urls, className }: { urls: string[]; className?: string }) {
  if (urls.length === 0) return null
  const layout = urls.length === 1 ? 'single' : urls.length === 4 ? 'quad' : 'nine'
  const open = (e: ITouchEvent, index: number) => {
    e.stopPropagation()
    previewImages(urls, index)
  }
  return (
    <View className={`image-grid image-grid-${layout} ${className ?? ''}`}>
      {urls.map((url, index) => (
        <View key={url} className='image-grid-cell' onClick={(e) => open(e, index)}>
          <Image className='image-grid-image' src={url} mode='aspectFill' lazyLoad />
        </View>
      ))}
    </View>
  )
}

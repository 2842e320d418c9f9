import { Text, View } from '@tarojs/components'
import type { WindowCounts } from '@/hooks/useShareInsight'
import './index.scss'

/** 「近7天 转发 3 · 分享 1 · 浏览 12」 and the 30-day totals worded the same (R16, supplier insight). */
export default function ShareCountsLine({ counts }: { counts: WindowCounts | undefined }) {
  if (!counts) return null
  const { last7, last30 } = counts
  return (
    <View className='share-counts'>
      <Text className='share-counts-7'>
        近7天 转发 {last7.forwards} · 分享 {last7.shares} · 浏览 {last7.views}
      </Text>
      <Text className='share-counts-30'>
        近30天 转发 {last30.forwards} · 分享 {last30.shares} · 浏览 {last30.views}
      </Text>
    </View>
  )
}

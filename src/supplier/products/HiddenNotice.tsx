import { Text, View } from '@tarojs/components'
import { HIDDEN_TAG } from '@/domain/media-check'
import './HiddenNotice.scss'

/**
 * The tag and the reason on an item hidden from agents and customers by WeChat's image check: only
 * its owner still sees it, so the owner's list says so and why, and the supplier replaces the picture.
 */
export default function HiddenNotice({ reason, className }: { reason?: string; className: string }) {
  if (!reason) return null
  return (
    <View className={`hidden-notice ${className}`}>
      <Text className='hidden-tag'>{HIDDEN_TAG}</Text>
      <Text className='hidden-reason'>{reason}</Text>
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import './index.scss'

/** Says a form resumed a kept draft (SPEC §6: forms keep drafts), with the way to drop it. */
export default function DraftBanner({ text, action, onAction }: { text: string; action: string; onAction: () => void }) {
  return (
    <View className='draft-banner'>
      <Text className='draft-banner-text'>{text}</Text>
      <Text className='draft-banner-action' onClick={onAction}>
        {action}
      </Text>
    </View>
  )
}

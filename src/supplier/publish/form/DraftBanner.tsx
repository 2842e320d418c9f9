import { Text, View } from '@tarojs/components'
import type { Restored } from './draft'

/** Says the form resumed a kept draft (SPEC §6), with the way to drop it. */
export default function DraftBanner({ restored, onStartOver }: { restored: Exclude<Restored, null>; onStartOver: () => void }) {
  return (
    <View className='draft-banner'>
      <Text className='draft-banner-text'>{restored === 'edit' ? '已恢复上次未保存的修改' : '已恢复上次未发布的内容'}</Text>
      <Text className='draft-banner-action' onClick={onStartOver}>
        {restored === 'edit' ? '放弃修改' : '清空重填'}
      </Text>
    </View>
  )
}

import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Checkbox } from '@nutui/nutui-react-taro'
import './index.scss'

/** The bottom bar of a supplier's batch list (SPEC §6): 全选, how many are ticked, and the page's batch buttons. */
export default function BatchBar({
  allSelected,
  count,
  onToggleAll,
  children,
}: {
  allSelected: boolean
  count: number
  onToggleAll: () => void
  children: ReactNode
}) {
  return (
    <View className='batch-bar'>
      <View className='batch-all' onClick={onToggleAll}>
        <Checkbox className='batch-all-check' checked={allSelected} indeterminate={count > 0 && !allSelected} />
        <Text className='batch-all-label'>全选</Text>
      </View>
      <Text className='batch-count'>已选 {count}</Text>
      <View className='batch-buttons'>{children}</View>
    </View>
  )
}

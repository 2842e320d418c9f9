import { Text, View } from '@tarojs/components'
import { Button, Checkbox } from '@nutui/nutui-react-taro'

/** In selection mode, at the bottom: 全选, how many are ticked, and the batch tier change. */
export default function AgentsBatchBar({
  allSelected,
  count,
  onToggleAll,
  onSetTier,
}: {
  allSelected: boolean
  count: number
  onToggleAll: () => void
  onSetTier: () => void
}) {
  return (
    <View className='agents-batch-bar'>
      <View className='agents-batch-all' onClick={onToggleAll}>
        <Checkbox className='agents-all-checkbox' checked={allSelected} />
        <Text className='agents-batch-all-text'>全选</Text>
      </View>
      <Text className='agents-batch-count'>已选 {count} 位</Text>
      <Button className='agent-set-tier' type='primary' disabled={count === 0} onClick={onSetTier}>
        调整分销商等级
      </Button>
    </View>
  )
}

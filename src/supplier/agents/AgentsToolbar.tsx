import { Text, View } from '@tarojs/components'
import { Button, SearchBar } from '@nutui/nutui-react-taro'

/** Above the list: the search, how many agents, 邀请微商 and the way into batch selection. */
export default function AgentsToolbar({
  text,
  count,
  selecting,
  canSelect,
  onText,
  onSearch,
  onInvite,
  onSelect,
  onDone,
}: {
  text: string
  /** 「合作中 12 位」, or a blank while the list loads. */
  count: string
  selecting: boolean
  canSelect: boolean
  onText: (text: string) => void
  onSearch: (text: string) => void
  onInvite: () => void
  onSelect: () => void
  onDone: () => void
}) {
  return (
    <View className='agents-top'>
      <SearchBar
        className='agent-search'
        value={text}
        placeholder='搜索昵称或备注'
        maxLength={20}
        onChange={onText}
        onSearch={onSearch}
        onClear={() => onText('')}
      />
      <View className='agents-toolbar'>
        <Text className='agents-count'>{count}</Text>
        <View className='agents-tools'>
          <Button className='agent-invite' size='small' fill='outline' type='primary' onClick={onInvite}>
            邀请微商
          </Button>
          {selecting ? (
            <Button className='agent-select-done' size='small' fill='outline' onClick={onDone}>
              完成
            </Button>
          ) : (
            <Button className='agent-select' size='small' type='primary' disabled={!canSelect} onClick={onSelect}>
              调整分销商等级
            </Button>
          )}
        </View>
      </View>
    </View>
  )
}

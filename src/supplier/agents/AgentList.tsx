import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Agent } from '@/domain/network'
import LoadGate, { type MoreItems } from '@/components/LoadGate'
import { EmptyView, SkeletonCards } from '@/components/StatusView'
import type { LoadState } from '@/hooks/useLoader'
import { useShareInsight } from '@/hooks/useShareInsight'
import AgentRow from './AgentRow'

/**
 * The agent list behind its gate: rows with their actions, or in selection mode their checkboxes;
 * with no agents it says how to invite one, with no match how to search again.
 */
export default function AgentList({
  state,
  more,
  query,
  selecting,
  rankOf,
  isSelected,
  onRetry,
  onInvite,
  onToggle,
  onEdit,
  onTier,
  onRemove,
}: {
  state: LoadState<Agent[]>
  more: MoreItems
  query: string
  selecting: boolean
  rankOf: (tierId: string) => number | undefined
  isSelected: (agent: Agent) => boolean
  onRetry: () => void
  onInvite: () => void
  onToggle: (agent: Agent) => void
  onEdit: (agent: Agent) => void
  onTier: (agent: Agent) => void
  onRemove: (agent: Agent) => void
}) {
  const shares = useShareInsight('agents', state.status === 'ready' ? state.data.map((a) => a.agentOpenid) : [])
  const empty = query ? (
    <EmptyView className='agents-empty' title='没有找到相关微商' description={`没有昵称或备注包含「${query}」的微商，换个关键词试试`} />
  ) : (
    <EmptyView
      className='agents-empty'
      image='parcel'
      title='还没有合作的微商'
      description='把你的微供主页码发给微商，TA们扫码确认后就会出现在这里'
    >
      <Button className='notice-action agent-invite-empty' type='primary' onClick={onInvite}>
        展示微供码
      </Button>
    </EmptyView>
  )

  return (
    <LoadGate
      state={state}
      onRetry={onRetry}
      loading={
        <View className='agents-list'>
          <SkeletonCards count={3} rows={3} className='agent-row' />
        </View>
      }
      empty={empty}
      more={more}
    >
      {(agents) => (
        <View className='agents-list'>
          {agents.map((agent) => (
            <AgentRow
              key={agent.agentOpenid}
              agent={agent}
              rank={rankOf(agent.tierId)}
              selecting={selecting}
              selected={isSelected(agent)}
              onToggle={() => onToggle(agent)}
              onEdit={() => onEdit(agent)}
              onTier={() => onTier(agent)}
              onRemove={() => onRemove(agent)}
              shares={shares.get(agent.agentOpenid)}
            />
          ))}
        </View>
      )}
    </LoadGate>
  )
}

import { Text, View } from '@tarojs/components'
import { Checkbox } from '@nutui/nutui-react-taro'
import type { Agent } from '@/domain/network'
import { formatShanghai } from '@/domain/time'
import UserAvatar from '@/components/UserAvatar'
import ShareCountsLine from '@/components/ShareCounts'
import type { WindowCounts } from '@/hooks/useShareInsight'

/** Tier tags are coloured by rank: the default tier plain, higher tiers warmer. */
export function tierClass(rank: number | undefined): string {
  if (rank === undefined) return 'tier-rank-x'
  return `tier-rank-${Math.min(rank, 4)}`
}

/**
 * One agent (R13): avatar, nickname, the supplier's remark under the nickname, tier, bound date
 * and order count; in selection mode a checkbox instead of the actions.
 */
export default function AgentRow({
  agent,
  rank,
  selecting,
  selected,
  onToggle,
  onEdit,
  onTier,
  onRemove,
  shares,
}: {
  agent: Agent
  rank: number | undefined
  selecting: boolean
  selected: boolean
  onToggle: () => void
  onEdit: () => void
  onTier: () => void
  onRemove: () => void
  /** What the agent did with the supplier's products and posts (R16). */
  shares?: WindowCounts
}) {
  return (
    <View
      className={`agent-row${selected ? ' agent-row-selected' : ''}`}
      data-openid={agent.agentOpenid}
      onClick={selecting ? onToggle : undefined}
    >
      <View className='agent-main'>
        {selecting ? (
          <View className='agent-check'>
            {/* The row takes the tap, so the box needs no handler of its own (one tap, one toggle). */}
            <Checkbox className='agent-checkbox' checked={selected} />
          </View>
        ) : null}
        <UserAvatar className='agent-avatar' url={agent.avatarUrl} size='48' />
        <View className='agent-info'>
          <View className='agent-title'>
            <Text className='agent-nickname'>{agent.nickname}</Text>
            <Text className={`agent-tier ${tierClass(rank)}`}>{agent.tierName}</Text>
          </View>
          {agent.remark ? (
            <View className='agent-remark-line'>
              <Text className='agent-remark-label'>备注</Text>
              <Text className='agent-remark'>{agent.remark}</Text>
            </View>
          ) : null}
          <View className='agent-meta'>
            <Text className='agent-date'>{formatShanghai(agent.createdAt, 'YYYY-MM-DD')} 成为代理</Text>
            <Text className='agent-orders'>订单 {agent.orderCount}</Text>
          </View>
          <ShareCountsLine counts={shares} />
        </View>
      </View>
      {selecting ? null : (
        <View className='agent-actions'>
          <Text className='agent-action agent-edit' onClick={onEdit}>
            编辑
          </Text>
          <Text className='agent-action agent-set-one-tier' onClick={onTier}>
            调整等级
          </Text>
          <Text className='agent-action agent-remove' onClick={onRemove}>
            移除
          </Text>
        </View>
      )}
    </View>
  )
}

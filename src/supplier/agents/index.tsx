import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { Agent } from '@/domain/network'
import type { Tier } from '@/domain/supplier'
import PageShell from '@/components/PageShell'
import { NotSupplierView } from '@/components/StatusView'
import { useSelection } from '@/hooks/useSelection'
import AgentList from './AgentList'
import AgentsBatchBar from './AgentsBatchBar'
import AgentsToolbar from './AgentsToolbar'
import HomeCodePopup from './HomeCodePopup'
import RemarkPopup from './RemarkPopup'
import TierPopup from './TierPopup'
import UnbindDialog from './UnbindDialog'
import { useAgentList } from './useAgentList'
import { useTiers } from './useTiers'
import './index.scss'

/**
 * 合作中的微商 (R13): the supplier's agents, newest first, searchable by nickname or remark; edit a
 * remark, change the tier of one or many, remove an agent (R12), and show the home code to invite.
 */
export default function SupplierAgentsPage() {
  const { list, text, setText, query, search } = useAgentList()
  const tiers = useTiers()
  const [selecting, setSelecting] = useState(false)
  // A new search starts a new selection.
  const selection = useSelection(list.items, (a) => a.agentOpenid, query)
  const [editing, setEditing] = useState<Agent | null>(null)
  const [tierTargets, setTierTargets] = useState<Agent[]>([])
  const [removing, setRemoving] = useState<Agent | null>(null)
  const [showCode, setShowCode] = useState(false)

  usePullDownRefresh(() => {
    void Promise.all([list.reload(true), tiers.reload()]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())

  if (list.state.status === 'error' && list.state.error.code === 'FAILED_PRECONDITION') {
    return (
      <PageShell className='agents-page'>
        <NotSupplierView description='注册供应商账号后，才能管理微商代理' />
      </PageShell>
    )
  }

  const stopSelecting = () => {
    setSelecting(false)
    selection.clear()
  }
  const openTierPopup = (targets: Agent[]) => {
    if (tiers.checkReady()) setTierTargets(targets)
  }
  const replace = (change: (agent: Agent) => Agent) => list.setItems((prev) => prev.map(change))
  const tierSaved = (tier: Tier, openids: string[]) => {
    const moved = new Set(openids)
    replace((a) => (moved.has(a.agentOpenid) ? { ...a, tierId: tier.id, tierName: tier.name } : a))
    setTierTargets([])
    stopSelecting()
  }
  const count = list.state.status === 'ready' ? `${query ? '找到' : '合作中'} ${list.items.length}${list.hasMore ? '+' : ''} 位` : ' '

  return (
    <PageShell className={`agents-page${selecting ? ' agents-page-selecting' : ''}`}>
      <AgentsToolbar
        text={text}
        count={count}
        selecting={selecting}
        canSelect={list.items.length > 0}
        onText={setText}
        onSearch={search}
        onInvite={() => setShowCode(true)}
        onSelect={() => setSelecting(true)}
        onDone={stopSelecting}
      />
      <AgentList
        state={list.state}
        more={list}
        query={query}
        selecting={selecting}
        rankOf={tiers.rankOf}
        isSelected={selection.isSelected}
        onRetry={() => void list.reload()}
        onInvite={() => setShowCode(true)}
        onToggle={(agent) => selection.toggle(agent.agentOpenid)}
        onEdit={setEditing}
        onTier={(agent) => openTierPopup([agent])}
        onRemove={setRemoving}
      />
      {selecting ? (
        <AgentsBatchBar
          allSelected={selection.allSelected}
          count={selection.chosen.length}
          onToggleAll={selection.toggleAll}
          onSetTier={() => openTierPopup(selection.chosen)}
        />
      ) : null}

      <RemarkPopup
        agent={editing}
        onClose={() => setEditing(null)}
        onSaved={(next) => {
          replace((a) => (a.agentOpenid === next.agentOpenid ? next : a))
          setEditing(null)
        }}
      />
      <TierPopup tiers={tiers.tiers} targets={tierTargets} onClose={() => setTierTargets([])} onSaved={tierSaved} />
      <UnbindDialog
        agent={removing}
        onClose={() => setRemoving(null)}
        onRemoved={(agent) => list.setItems((prev) => prev.filter((a) => a.agentOpenid !== agent.agentOpenid))}
      />
      <HomeCodePopup visible={showCode} onClose={() => setShowCode(false)} />
    </PageShell>
  )
}

import { useEffect, useMemo, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Checkbox, Dialog, Input, Popup, SearchBar } from '@nutui/nutui-react-taro'
import { REMARK_MAX, type Agent } from '@/domain/network'
import type { Tier } from '@/domain/supplier'
import { codePointLength } from '@/domain/text'
import { defaultTier, effectiveTier, sortTiers } from '@/domain/tiers'
import { callCloud, toAppError } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import LoadGate from '@/components/LoadGate'
import { EmptyView, NotSupplierView, SkeletonCards } from '@/components/StatusView'
import { useLoader } from '@/hooks/useLoader'
import AgentRow, { tierClass } from './AgentRow'
import HomeCodePopup from './HomeCodePopup'
import './index.scss'

/** Typing pauses this long before the list is searched. */
const SEARCH_DELAY_MS = 400

/** Keeps at most REMARK_MAX code points (R13), so the counter never reads over the limit. */
function clipRemark(text: string): string {
  return Array.from(text).slice(0, REMARK_MAX).join('')
}

function RemarkPopup({ agent, onClose, onSaved }: { agent: Agent | null; onClose: () => void; onSaved: (next: Agent) => void }) {
  const [draft, setDraft] = useState('')
  const [error, setError] = useState('')
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    if (agent) {
      setDraft(agent.remark)
      setError('')
    }
  }, [agent])

  const save = async () => {
    if (!agent) return
    setSaving(true)
    setError('')
    try {
      const next = await callCloud('network', 'setRemark', { agentOpenid: agent.agentOpenid, remark: draft.trim() })
      onSaved(next)
      void Taro.showToast({ title: '备注已保存', icon: 'success' })
    } catch (e) {
      // Keep what was typed; say what went wrong.
      setError(toAppError(e).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Popup
      className='remark-popup'
      visible={agent !== null}
      position='bottom'
      round
      closeable
      title='编辑备注'
      description={agent ? `给「${agent.nickname}」写个备注，只有你能看到` : ''}
      onClose={onClose}
    >
      <View className='remark-body'>
        <View className={`remark-field${error ? ' remark-field-invalid' : ''}`}>
          <Input
            className='remark-input'
            value={draft}
            placeholder='如：杭州老客户、宝妈群团长'
            clearable
            onChange={(value) => {
              setDraft(clipRemark(value))
              setError('')
            }}
          />
          <Text className='remark-counter'>
            {codePointLength(draft)}/{REMARK_MAX}
          </Text>
        </View>
        {error ? <Text className='remark-error'>{error}</Text> : null}
        <Button className='remark-save' type='primary' block loading={saving} disabled={saving} onClick={() => void save()}>
          保存
        </Button>
      </View>
    </Popup>
  )
}

function TierPopup({
  tiers,
  targets,
  currentTierId,
  onClose,
  onSaved,
}: {
  tiers: Tier[]
  targets: Agent[]
  currentTierId: string | null
  onClose: () => void
  onSaved: (tier: Tier, openids: string[]) => void
}) {
  const [choice, setChoice] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const visible = targets.length > 0
  const fallback = defaultTier(tiers)

  useEffect(() => {
    if (visible) setChoice(currentTierId)
  }, [visible, currentTierId])

  const save = async () => {
    const tier = tiers.find((t) => t.id === choice)
    if (!tier) return
    const openids = targets.map((a) => a.agentOpenid)
    setSaving(true)
    try {
      await callCloud('network', 'setTier', { agentOpenids: openids, tierId: tier.id })
      onSaved(tier, openids)
      void Taro.showToast({ title: `已调整 ${openids.length} 位微商`, icon: 'success' })
    } catch (e) {
      void Taro.showToast({ title: toAppError(e).message, icon: 'none', duration: 2500 })
    } finally {
      setSaving(false)
    }
  }

  const who = targets.length === 1 ? `「${targets[0].nickname}」` : `已选的 ${targets.length} 位微商`
  return (
    <Popup
      className='tier-popup'
      visible={visible}
      position='bottom'
      round
      closeable
      title='调整分销商等级'
      description={`将${who}调整为：`}
      onClose={onClose}
    >
      <View className='tier-options'>
        {tiers.map((tier) => (
          <View
            key={tier.id}
            className={`tier-option${choice === tier.id ? ' tier-option-active' : ''}`}
            data-tier-id={tier.id}
            onClick={() => setChoice(tier.id)}
          >
            <Text className={`tier-option-tag ${tierClass(tier.rank)}`}>{tier.name}</Text>
            {tier.id === fallback?.id ? <Text className='tier-option-default'>默认等级</Text> : null}
            <View className='tier-option-radio' />
          </View>
        ))}
      </View>
      <View className='tier-popup-foot'>
        <Button className='tier-confirm' type='primary' block loading={saving} disabled={saving || !choice} onClick={() => void save()}>
          确定
        </Button>
      </View>
    </Popup>
  )
}

/**
 * 合作中的微商 (R13): the supplier's agents, newest first, searchable by nickname or remark; edit a
 * remark, change the tier of one or many, remove an agent (R12), and show the home code to invite.
 */
export default function SupplierAgentsPage() {
  const [q, setQ] = useState('')
  const [query, setQuery] = useState('')
  const list = usePagedList<Agent>(
    (cursor) => callCloud('network', 'listAgents', { ...(query ? { q: query } : {}), ...(cursor ? { cursor } : {}) }),
    (a) => a.agentOpenid,
  )
  const tiers = useLoader(() => callCloud('network', 'tiers', {}))
  const [selecting, setSelecting] = useState(false)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [editing, setEditing] = useState<Agent | null>(null)
  const [tierTargets, setTierTargets] = useState<Agent[]>([])
  const [removing, setRemoving] = useState<Agent | null>(null)
  const [showCode, setShowCode] = useState(false)
  const firstQuery = useRef(true)

  useEffect(() => {
    void list.reload()
    void tiers.reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // Search as the supplier types, after a short pause.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(q.trim()), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [q])
  useEffect(() => {
    if (firstQuery.current) {
      firstQuery.current = false
      return
    }
    setSelected(new Set())
    void list.reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query])

  usePullDownRefresh(() => {
    void Promise.all([list.reload(true), tiers.reload()]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())

  const tierList = useMemo(() => (tiers.state.status === 'ready' ? sortTiers(tiers.state.data) : []), [tiers.state])
  const rankOf = (tierId: string) => effectiveTier(tierList, tierId)?.rank

  if (list.state.status === 'error' && list.state.error.code === 'FAILED_PRECONDITION') {
    return (
      <PageShell className='agents-page'>
        <NotSupplierView description='注册供应商账号后，才能管理微商代理' />
      </PageShell>
    )
  }

  const toggle = (openid: string) => {
    setSelected((prev) => {
      const next = new Set(prev)
      if (next.has(openid)) next.delete(openid)
      else next.add(openid)
      return next
    })
  }
  const allSelected = list.items.length > 0 && list.items.every((a) => selected.has(a.agentOpenid))
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(list.items.map((a) => a.agentOpenid)))
  const stopSelecting = () => {
    setSelecting(false)
    setSelected(new Set())
  }

  const openTierPicker = (targets: Agent[]) => {
    if (tiers.state.status !== 'ready') {
      void tiers.reload()
      void Taro.showToast({ title: '正在加载等级，请稍后再试', icon: 'none' })
      return
    }
    setTierTargets(targets)
  }

  const tierSaved = (tier: Tier, openids: string[]) => {
    const moved = new Set(openids)
    list.setItems((prev) => prev.map((a) => (moved.has(a.agentOpenid) ? { ...a, tierId: tier.id, tierName: tier.name } : a)))
    setTierTargets([])
    stopSelecting()
  }

  const remove = async () => {
    const agent = removing
    setRemoving(null)
    if (!agent) return
    try {
      await callCloud('network', 'unbind', { agentOpenid: agent.agentOpenid })
      list.setItems((prev) => prev.filter((a) => a.agentOpenid !== agent.agentOpenid))
      void Taro.showToast({ title: '已移除', icon: 'success' })
    } catch (e) {
      void Taro.showToast({ title: toAppError(e).message, icon: 'none', duration: 2500 })
    }
  }

  const chosen = list.items.filter((a) => selected.has(a.agentOpenid))
  const singleTierId = tierTargets.length === 1 ? (effectiveTier(tierList, tierTargets[0].tierId)?.id ?? null) : null

  return (
    <PageShell className={`agents-page${selecting ? ' agents-page-selecting' : ''}`}>
      <View className='agents-top'>
        <SearchBar
          className='agent-search'
          value={q}
          placeholder='搜索昵称或备注'
          maxLength={20}
          onChange={(value) => setQ(value)}
          onSearch={(value) => setQuery(value.trim())}
          onClear={() => setQ('')}
        />
        <View className='agents-toolbar'>
          <Text className='agents-count'>
            {list.state.status === 'ready' ? `${query ? '找到' : '合作中'} ${list.items.length}${list.hasMore ? '+' : ''} 位` : ' '}
          </Text>
          <View className='agents-tools'>
            <Button className='agent-invite' size='small' fill='outline' type='primary' onClick={() => setShowCode(true)}>
              邀请微商
            </Button>
            {selecting ? (
              <Button className='agent-select-done' size='small' fill='outline' onClick={stopSelecting}>
                完成
              </Button>
            ) : (
              <Button
                className='agent-select'
                size='small'
                type='primary'
                disabled={list.items.length === 0}
                onClick={() => setSelecting(true)}
              >
                调整分销商等级
              </Button>
            )}
          </View>
        </View>
      </View>

      <LoadGate
        state={list.state}
        onRetry={() => void list.reload()}
        loading={
          <View className='agents-list'>
            <SkeletonCards count={3} rows={3} className='agent-row' />
          </View>
        }
        empty={
          query ? (
            <EmptyView
              className='agents-empty'
              title='没有找到相关微商'
              description={`没有昵称或备注包含「${query}」的微商，换个关键词试试`}
            />
          ) : (
            <EmptyView
              className='agents-empty'
              image='parcel'
              title='还没有合作的微商'
              description='把你的微供主页码发给微商，TA们扫码确认后就会出现在这里'
            >
              <Button className='notice-action agent-invite-empty' type='primary' onClick={() => setShowCode(true)}>
                展示微供码
              </Button>
            </EmptyView>
          )
        }
        more={list}
      >
        {(agents) => (
          <View className='agents-list'>
            {agents.map((agent) => (
              <AgentRow
                key={agent.agentOpenid}
                agent={agent}
                rank={rankOf(agent.tierId)}
                selecting={selecting}
                selected={selected.has(agent.agentOpenid)}
                onToggle={() => toggle(agent.agentOpenid)}
                onEdit={() => setEditing(agent)}
                onTier={() => openTierPicker([agent])}
                onRemove={() => setRemoving(agent)}
              />
            ))}
          </View>
        )}
      </LoadGate>

      {selecting ? (
        <View className='agents-batch-bar'>
          <View className='agents-batch-all' onClick={toggleAll}>
            <Checkbox className='agents-all-checkbox' checked={allSelected} />
            <Text className='agents-batch-all-text'>全选</Text>
          </View>
          <Text className='agents-batch-count'>已选 {chosen.length} 位</Text>
          <Button className='agent-set-tier' type='primary' disabled={chosen.length === 0} onClick={() => openTierPicker(chosen)}>
            调整分销商等级
          </Button>
        </View>
      ) : null}

      <RemarkPopup
        agent={editing}
        onClose={() => setEditing(null)}
        onSaved={(next) => {
          list.setItems((prev) => prev.map((a) => (a.agentOpenid === next.agentOpenid ? next : a)))
          setEditing(null)
        }}
      />
      <TierPopup
        tiers={tierList}
        targets={tierTargets}
        currentTierId={singleTierId}
        onClose={() => setTierTargets([])}
        onSaved={tierSaved}
      />
      <Dialog
        className='unbind-dialog'
        visible={removing !== null}
        title='移除微商'
        confirmText='移除'
        cancelText='取消'
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
        onClose={() => setRemoving(null)}
      >
        <Text className='unbind-text'>确定移除「{removing?.nickname ?? ''}」吗？移除后TA将看不到你的商品。</Text>
      </Dialog>
      <HomeCodePopup visible={showCode} onClose={() => setShowCode(false)} />
    </PageShell>
  )
}

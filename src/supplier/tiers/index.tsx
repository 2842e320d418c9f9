import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import { TIERS_MAX } from '@/domain/network'
import type { Tier } from '@/domain/supplier'
import { defaultTier, sortTiers } from '@/domain/tiers'
import { callCloud } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { NotSupplierView, SkeletonCards } from '@/components/StatusView'
import { useFormSubmit, type Checked } from '@/hooks/useFormSubmit'
import { useLoader } from '@/hooks/useLoader'
import TierNamePopup, { parseTierName, type Naming } from './TierNamePopup'
import './index.scss'

type TierDraft = { id?: string; name: string }
/** One change of the list, saved whole: the list after it and what the toast says. */
type TierChange = { next: TierDraft[]; done: string }
/** A tier with how many agents it holds (network.tiers). */
type CountedTier = Tier & { agentCount: number }

/**
 * 分销商等级 (R11): the supplier's ordered tiers. Rank 1 is the default tier new agents join; each
 * change (add, rename, reorder, delete) saves the whole list at once (network.saveTiers), and
 * deleting a tier first says how many of its agents move to the default tier.
 */
export default function SupplierTiersPage() {
  const { state, reload } = useLoader(() => callCloud('network', 'tiers', {}), {})
  const [naming, setNaming] = useState<Naming | null>(null)
  const [deleting, setDeleting] = useState<CountedTier | null>(null)
  const tiers = state.status === 'ready' ? sortTiers(state.data) : []
  const fallback = defaultTier(tiers)

  const drafts = (): TierDraft[] => tiers.map((t) => ({ id: t.id, name: t.name }))

  /** The list with the name typed in the popup, once the name itself is right. */
  const named = (typed: string): Checked<TierChange> => {
    if (!naming) return { ok: false, errors: {} }
    const parsed = parseTierName(typed, tiers, naming)
    if (!parsed.ok) return { ok: false, errors: { name: parsed.error } }
    const next = drafts()
    if (naming.mode === 'add') next.push({ name: parsed.name })
    else next.forEach((t) => t.id === naming.tier.id && (t.name = parsed.name))
    return { ok: true, input: { next, done: naming.mode === 'add' ? '已新增等级' : '已重命名' } }
  }

  // Every change (add, rename, reorder, delete) saves the whole list; a typed name is checked first.
  const { saving, submit, errors, clear } = useFormSubmit({
    check: (change: TierChange | { typed: string }) => ('typed' in change ? named(change.typed) : { ok: true, input: change }),
    send: ({ next }) =>
      callCloud('network', 'saveTiers', { tiers: next.map((t) => (t.id ? { id: t.id, name: t.name } : { name: t.name })) }),
    done: (result, { done }) => {
      setNaming(null)
      // Reload for the agent counts, which the save answer does not carry.
      void reload()
      const first = defaultTier(result.tiers)
      const moved = result.movedAgents > 0 && first ? `，${result.movedAgents} 位微商已移至「${first.name}」` : ''
      void Taro.showToast({ title: `${done}${moved}`, icon: moved ? 'none' : 'success', duration: moved ? 2500 : 1500 })
    },
    refused: (error) => {
      void Taro.showToast({ title: error.issues?.[0]?.message ?? error.message, icon: 'none', duration: 2500 })
      // Someone else changed the tiers meanwhile: show the current list.
      if (error.code === 'INVALID_ARGUMENT') void reload()
    },
  })

  if (state.status === 'error' && state.error.code === 'FAILED_PRECONDITION') {
    return (
      <PageShell className='tiers-page'>
        <NotSupplierView description='注册供应商账号后，才能设置分销商等级' />
      </PageShell>
    )
  }

  const move = (index: number, by: -1 | 1) => {
    const next = drafts()
    const target = index + by
    if (target < 0 || target >= next.length) return
    ;[next[index], next[target]] = [next[target], next[index]]
    void submit({ next, done: '顺序已保存' })
  }

  /** Opens the name sheet, without the last opening's message. */
  const openNaming = (next: Naming) => {
    clear('name')
    setNaming(next)
  }

  const askDelete = (tier: CountedTier) => setDeleting(tier)

  const confirmDelete = async () => {
    const target = deleting
    setDeleting(null)
    if (!target) return
    await submit({ next: drafts().filter((t) => t.id !== target.id), done: '已删除等级' })
  }

  // Where the deleted tier's agents go: the default tier of the list without it.
  const heir = deleting ? defaultTier(tiers.filter((t) => t.id !== deleting.id)) : null
  const deleteText = (() => {
    if (!deleting || !heir) return ''
    const into = `「${heir.name}」${deleting.id === fallback?.id ? '（它将成为新的默认等级）' : ''}`
    if (deleting.agentCount === 0) return `「${deleting.name}」下没有微商，删除后不影响任何人。`
    return `删除后，「${deleting.name}」下的 ${deleting.agentCount} 位微商将移至${into}，按该等级价格拿货。`
  })()

  return (
    <PageShell className='tiers-page'>
      <LoadGate state={state} onRetry={() => void reload()} loading={<SkeletonCards rows={5} />}>
        {() => (
          <>
            <View className='tiers-intro'>
              <Text className='tiers-intro-title'>为不同的微商设置不同的采购价</Text>
              <Text className='tiers-intro-text'>
                新微商扫码后自动进入「默认等级」。发布商品时可为每个等级设置采购价，微商只看得到自己等级的价格。
              </Text>
            </View>

            <View className='wg-card tiers-card'>
              {tiers.map((tier, index) => (
                <View key={tier.id} className={`tier-row${tier.id === fallback?.id ? ' tier-row-default' : ''}`} data-tier-id={tier.id}>
                  <View className='tier-row-main'>
                    <Text className='tier-rank'>{tier.rank}</Text>
                    <Text className='tier-name'>{tier.name}</Text>
                    {tier.id === fallback?.id ? <Text className='tier-default'>默认等级</Text> : null}
                    <Text className='tier-agent-count'>{tier.agentCount} 位微商</Text>
                  </View>
                  <View className='tier-row-actions'>
                    <Button className='tier-up' size='small' fill='none' disabled={saving || index === 0} onClick={() => move(index, -1)}>
                      上移
                    </Button>
                    <Button
                      className='tier-down'
                      size='small'
                      fill='none'
                      disabled={saving || index === tiers.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      下移
                    </Button>
                    <Button
                      className='tier-rename'
                      size='small'
                      fill='none'
                      disabled={saving}
                      onClick={() => openNaming({ mode: 'rename', tier })}
                    >
                      重命名
                    </Button>
                    <Button
                      className='tier-delete'
                      size='small'
                      fill='none'
                      disabled={saving || tiers.length <= 1}
                      onClick={() => askDelete(tier)}
                    >
                      删除
                    </Button>
                  </View>
                </View>
              ))}
            </View>

            <Button
              className='tier-add'
              type='primary'
              block
              disabled={saving || tiers.length >= TIERS_MAX}
              onClick={() => openNaming({ mode: 'add' })}
            >
              {tiers.length >= TIERS_MAX ? `最多 ${TIERS_MAX} 个等级` : '新增等级'}
            </Button>
            <Text className='tiers-note'>
              共 {tiers.length} 个等级，最多 {TIERS_MAX} 个；排在第一位的是默认等级
            </Text>

            <TierNamePopup
              naming={naming}
              saving={saving}
              error={errors.name}
              onType={() => clear('name')}
              onClose={() => setNaming(null)}
              onSave={(typed) => void submit({ typed })}
            />
            <Dialog
              className='tier-delete-dialog'
              visible={deleting !== null}
              title='删除等级'
              confirmText='删除'
              cancelText='取消'
              onConfirm={() => void confirmDelete()}
              onCancel={() => setDeleting(null)}
              onClose={() => setDeleting(null)}
            >
              <Text className='tier-delete-text'>{deleteText}</Text>
            </Dialog>
          </>
        )}
      </LoadGate>
    </PageShell>
  )
}

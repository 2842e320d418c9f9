import { useEffect, useState } from 'react'
import { TIER_NAME_MAX, TierInputSchema } from '@/domain/network'
import type { Tier } from '@/domain/supplier'
import TextFieldPopup from '@/components/TextFieldPopup'

/** Adding a tier, or renaming one. */
export type Naming = { mode: 'add' } | { mode: 'rename'; tier: Tier }

/** The name of a new or renamed tier: 1–10 characters, unique among the supplier's tiers (R11). */
export default function TierNamePopup({
  naming,
  tiers,
  saving,
  onClose,
  onSave,
}: {
  naming: Naming | null
  tiers: Tier[]
  saving: boolean
  onClose: () => void
  onSave: (name: string) => void
}) {
  const [draft, setDraft] = useState('')
  const [error, setError] = useState('')

  useEffect(() => {
    if (!naming) return
    setDraft(naming.mode === 'rename' ? naming.tier.name : '')
    setError('')
  }, [naming])

  const submit = () => {
    const parsed = TierInputSchema.shape.name.safeParse(draft)
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写等级名称')
      return
    }
    const self = naming?.mode === 'rename' ? naming.tier.id : null
    if (tiers.some((t) => t.name === parsed.data && t.id !== self)) {
      setError('等级名称不能重复')
      return
    }
    onSave(parsed.data)
  }

  return (
    <TextFieldPopup
      name='tier-name'
      visible={naming !== null}
      title={naming?.mode === 'rename' ? '重命名等级' : '新增等级'}
      description={naming?.mode === 'add' ? '新等级排在最后，可再调整顺序' : ''}
      value={draft}
      placeholder='如：金牌代理、钻石代理'
      max={TIER_NAME_MAX}
      error={error}
      saving={saving}
      onChange={(value) => {
        setDraft(value)
        setError('')
      }}
      onSave={submit}
      onClose={onClose}
    />
  )
}

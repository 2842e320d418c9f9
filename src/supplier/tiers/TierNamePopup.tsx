import { useState } from 'react'
import { TIER_NAME_MAX, TierInputSchema } from '@/domain/network'
import type { Tier } from '@/domain/supplier'
import TextFieldPopup from '@/components/TextFieldPopup'

/** Adding a tier, or renaming one. */
export type Naming = { mode: 'add' } | { mode: 'rename'; tier: Tier }

/** The name of a new or renamed tier as it is saved: 1–10 characters, unique among the supplier's tiers (R11). */
export function parseTierName(
  typed: string,
  tiers: readonly Tier[],
  naming: Naming,
): { ok: true; name: string } | { ok: false; error: string } {
  const parsed = TierInputSchema.shape.name.safeParse(typed)
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? '请填写等级名称' }
  const self = naming.mode === 'rename' ? naming.tier.id : null
  if (tiers.some((t) => t.name === parsed.data && t.id !== self)) return { ok: false, error: '等级名称不能重复' }
  return { ok: true, name: parsed.data }
}

/** The name sheet: what is typed stays here; the page checks it (`parseTierName`) and saves the list. */
export default function TierNamePopup({
  naming,
  saving,
  error,
  onType,
  onClose,
  onSave,
}: {
  naming: Naming | null
  saving: boolean
  error?: string
  /** The user typed: the name's message goes. */
  onType: () => void
  onClose: () => void
  onSave: (typed: string) => void
}) {
  const [draft, setDraft] = useState('')
  // Each opening starts from the tier's own name (or an empty one to add).
  const [opened, setOpened] = useState<Naming | null>(null)
  if (opened !== naming) {
    setOpened(naming)
    if (naming) setDraft(naming.mode === 'rename' ? naming.tier.name : '')
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
      error={error ?? ''}
      saving={saving}
      onChange={(value) => {
        setDraft(value)
        onType()
      }}
      onSave={() => onSave(draft)}
      onClose={onClose}
    />
  )
}

import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input, Popup } from '@nutui/nutui-react-taro'
import { TierInputSchema } from '@/domain/network'
import type { Tier } from '@/domain/supplier'
import { codePointLength } from '@/domain/text'

const TIER_NAME_MAX = 10

/** Adding a tier, or renaming one. */
export type Naming = { mode: 'add' } | { mode: 'rename'; tier: Tier }

/** The name of a new or renamed tier: 1–10 characters, unique among the supplier's tiers (R11). */
export default function NamePopup({
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
    <Popup
      className='tier-name-popup'
      visible={naming !== null}
      position='bottom'
      round
      closeable
      title={naming?.mode === 'rename' ? '重命名等级' : '新增等级'}
      description={naming?.mode === 'add' ? '新等级排在最后，可再调整顺序' : ''}
      onClose={onClose}
    >
      <View className='tier-name-body'>
        <View className={`tier-name-field${error ? ' tier-name-invalid' : ''}`}>
          <Input
            className='tier-name-input'
            value={draft}
            placeholder='如：金牌代理、钻石代理'
            clearable
            onChange={(value) => {
              setDraft(Array.from(value).slice(0, TIER_NAME_MAX).join(''))
              setError('')
            }}
          />
          <Text className='tier-name-counter'>
            {codePointLength(draft)}/{TIER_NAME_MAX}
          </Text>
        </View>
        {error ? <Text className='tier-name-error'>{error}</Text> : null}
        <Button className='tier-name-save' type='primary' block loading={saving} disabled={saving} onClick={submit}>
          保存
        </Button>
      </View>
    </Popup>
  )
}

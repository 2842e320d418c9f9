import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import type { Agent } from '@/domain/network'
import type { Tier } from '@/domain/supplier'
import { defaultTier, effectiveTier } from '@/domain/tiers'
import { callCloud } from '@/api/cloud'
import { toastError } from '@/components/FormMessages/toast'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { tierClass } from './AgentRow'

/**
 * The tier sheet (R11, R13): moves one agent, or every selected one, into the chosen tier at once.
 * One agent starts on its own tier; a batch starts with nothing chosen.
 */
export default function TierPopup({
  tiers,
  targets,
  onClose,
  onSaved,
}: {
  tiers: Tier[]
  targets: Agent[]
  onClose: () => void
  onSaved: (tier: Tier, openids: string[]) => void
}) {
  const [choice, setChoice] = useState<string | null>(null)
  const visible = targets.length > 0
  const fallback = defaultTier(tiers)
  const currentTierId = targets.length === 1 ? (effectiveTier(tiers, targets[0].tierId)?.id ?? null) : null

  useEffect(() => {
    if (visible) setChoice(currentTierId)
  }, [visible, currentTierId])

  const { saving, submit } = useFormSubmit({
    check: () => {
      const tier = tiers.find((t) => t.id === choice)
      return tier ? { ok: true, input: { tier, openids: targets.map((a) => a.agentOpenid) } } : { ok: false, errors: {} }
    },
    send: ({ tier, openids }: { tier: Tier; openids: string[] }) =>
      callCloud('network', 'setTier', { agentOpenids: openids, tierId: tier.id }),
    toast: `已调整 ${targets.length} 位微商`,
    done: (_, { tier, openids }) => onSaved(tier, openids),
    // A sheet of choices has no line for a message: a refusal is said in a toast.
    refused: (error) => toastError(error, 2500),
  })

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
        <Button className='tier-confirm' type='primary' block loading={saving} disabled={saving || !choice} onClick={() => void submit()}>
          确定
        </Button>
      </View>
    </Popup>
  )
}

import { useMemo } from 'react'
import Taro from '@tarojs/taro'
import { effectiveTier, sortTiers } from '@/domain/tiers'
import { callCloud } from '@/api/cloud'
import { useLoader } from '@/hooks/useLoader'

/** The supplier's tiers in rank order, for the agents' tier tags and the tier sheet (R11). */
export function useTiers() {
  const { state, reload } = useLoader(() => callCloud('network', 'tiers', {}), {})
  const tiers = useMemo(() => (state.status === 'ready' ? sortTiers(state.data) : []), [state])

  /** Whether the tier sheet can open now; if not, asks for the tiers again and says so. */
  const checkReady = (): boolean => {
    if (state.status === 'ready') return true
    void reload()
    void Taro.showToast({ title: '正在加载等级，请稍后再试', icon: 'none' })
    return false
  }

  return { tiers, reload, checkReady, rankOf: (tierId: string) => effectiveTier(tiers, tierId)?.rank }
}

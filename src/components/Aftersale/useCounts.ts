import type { AftersaleCounts } from '@/domain/aftersale-schemas'
import { callCloud } from '@/api/cloud'
import { useLoader } from '@/hooks/useLoader'

/** The 售后 badges (aftersale.counts), read again on every show; null until read (a badge is never worth an error). */
export function useAftersaleCounts(when = true): AftersaleCounts | null {
  const { state } = useLoader(() => callCloud('aftersale', 'counts', {}), { when, onShow: true })
  return state.status === 'ready' ? state.data : null
}

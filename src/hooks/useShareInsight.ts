import { useEffect, useRef, useState } from 'react'
import type { ShareCounts } from '@/domain/share'
import { callCloud } from '@/api/cloud'

export interface WindowCounts {
  last7: ShareCounts
  last30: ShareCounts
}

/**
 * Supplier insight (R16) for the rows on screen: the products' or agents' 一键转发, shares and
 * customer-view opens of the last 7 / 30 days, read with the list (one call per 100 new rows).
 * A failure leaves the rows without counts: they are a nicety, the list is the work.
 */
export function useShareInsight(kind: 'products' | 'agents', ids: readonly string[]): Map<string, WindowCounts> {
  const [counts, setCounts] = useState<Map<string, WindowCounts>>(() => new Map())
  const asked = useRef(new Set<string>())
  // The rows on screen change identity on every render; what is asked for changes with `key`.
  const key = ids.join(',')
  const shownIds = useRef(ids)
  shownIds.current = ids

  useEffect(() => {
    const missing = shownIds.current.filter((id) => !asked.current.has(id))
    if (missing.length === 0) return
    for (const id of missing) asked.current.add(id)
    void (async () => {
      for (let i = 0; i < missing.length; i += 100) {
        const chunk = missing.slice(i, i + 100)
        try {
          const answer = await callCloud('network', 'shareStats', kind === 'products' ? { productIds: chunk } : { agentOpenids: chunk })
          setCounts((prev) => {
            const next = new Map(prev)
            for (const row of answer.products) next.set(row.productId, { last7: row.last7, last30: row.last30 })
            for (const row of answer.agents) next.set(row.agentOpenid, { last7: row.last7, last30: row.last30 })
            return next
          })
        } catch {
          for (const id of chunk) asked.current.delete(id)
        }
      }
    })()
  }, [kind, key])

  return counts
}

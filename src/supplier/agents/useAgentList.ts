import { useEffect, useState } from 'react'
import type { Agent } from '@/domain/network'
import { callCloud } from '@/api/cloud'
import { usePagedList } from '@/hooks/usePagedList'

/** Typing pauses this long before the list is searched. */
const SEARCH_DELAY_MS = 400

/**
 * The supplier's agents, newest first (R13), searched by nickname or remark as the supplier types:
 * `text` is what the search bar shows, `query` what the list was last asked for.
 */
export function useAgentList() {
  const [text, setText] = useState('')
  const [query, setQuery] = useState('')
  const list = usePagedList<Agent>(
    (cursor) => callCloud('network', 'listAgents', { ...(query ? { q: query } : {}), ...(cursor ? { cursor } : {}) }),
    (a) => a.agentOpenid,
    // The first page, and again for every new search.
    { key: query },
  )

  // Search as the supplier types, after a short pause.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [text])

  return { list, text, setText, query, search: (value: string) => setQuery(value.trim()) }
}

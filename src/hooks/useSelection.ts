import { useCallback, useEffect, useRef, useState } from 'react'

/**
 * Batch selection over a list (SPEC §6: supplier pages select many at once): which items are ticked,
 * all or none, and the ticked items themselves in list order. A selection belongs to one view of
 * the list: whenever `view` changes (another tab, another search) it starts empty again.
 */
export function useSelection<T>(items: readonly T[], keyOf: (item: T) => string, view?: string) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set())
  const keyRef = useRef(keyOf)
  keyRef.current = keyOf

  const clear = useCallback(() => setSelected((prev) => (prev.size === 0 ? prev : new Set())), [])
  useEffect(clear, [view, clear])

  /** Keeps only what is still listed, e.g. after a reload. */
  const retain = useCallback((listed: readonly T[]) => {
    const keys = new Set(listed.map((item) => keyRef.current(item)))
    setSelected((prev) => new Set([...prev].filter((key) => keys.has(key))))
  }, [])

  const toggle = (key: string) =>
    setSelected((prev) => {
      const next = new Set(prev)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })

  const chosen = items.filter((item) => selected.has(keyOf(item)))
  const allSelected = items.length > 0 && chosen.length === items.length
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(items.map(keyOf)))

  return { isSelected: (item: T) => selected.has(keyOf(item)), chosen, allSelected, toggle, toggleAll, clear, retain }
}

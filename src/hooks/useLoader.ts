import { useCallback, useRef, useState } from 'react'
import type { AppError } from '@/domain/app-error'
import { toAppError } from '@/api/cloud'

export type LoadState<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: AppError }

/**
 * Loads a page's data and keeps what is on screen while it reloads (e.g. on every useDidShow), so
 * coming back to a page refreshes it without a flash of the loading state.
 */
export function useLoader<T>(load: () => Promise<T>) {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' })
  const latest = useRef(load)
  latest.current = load
  const generation = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++generation.current
    setState((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    try {
      const data = await latest.current()
      if (mine === generation.current) setState({ status: 'ready', data })
    } catch (error) {
      if (mine === generation.current) setState({ status: 'error', error: toAppError(error) })
    }
  }, [])

  return { state, reload, setState }
}

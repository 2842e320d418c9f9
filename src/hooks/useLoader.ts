import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { AppError } from '@/domain/app-error'
import { toAppError } from '@/api/cloud'

export type LoadState<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: AppError }

/**
 * When a page's data loads by itself: once `when` holds (default: at once; e.g. once the session is
 * there), again whenever `key` changes (another id), and with `onShow` quietly each time the page
 * shows again (back from an edit). Without it the page calls `reload` itself.
 */
export interface AutoLoad {
  when?: boolean
  key?: string
  onShow?: boolean
}

/**
 * Runs `load` as `auto` says; `quiet` is true for a reload on show, which keeps what is on screen.
 * A show while the opening load is under way is the opening itself (a page shows right after it
 * mounts; a part mounted later sees only later shows), so it loads nothing more.
 */
export function useAutoLoad(load: (quiet: boolean) => unknown, auto: AutoLoad | undefined) {
  const latest = useRef(load)
  latest.current = load
  const opening = useRef(true)
  const on = auto !== undefined && auto.when !== false
  const key = auto?.key
  useEffect(() => {
    if (!on) return
    opening.current = true
    void Promise.resolve(latest.current(false)).finally(() => (opening.current = false))
  }, [on, key])
  useDidShow(() => {
    if (on && auto.onShow && !opening.current) void latest.current(true)
  })
}

/**
 * Loads a page's data and keeps what is on screen while it reloads (e.g. on every useDidShow), so
 * coming back to a page refreshes it without a flash of the loading state.
 */
export function useLoader<T>(load: () => Promise<T>, auto?: AutoLoad) {
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
  useAutoLoad(reload, auto)

  return { state, reload, setState }
}

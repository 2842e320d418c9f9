import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type PropsWithChildren } from 'react'
import type { ActionOutput } from '@/domain/api'
import type { AppError } from '@/domain/app-error'
import type { User } from '@/domain/user'
import { callCloud, toAppError } from '@/api/cloud'
import { onPersonaChange } from '@/persona'

/** What `user.login` answers: the user, the supplier they own (or null), and whether they operate the platform. */
export type SessionData = ActionOutput<'user', 'login'>

export type SessionState = { status: 'loading' } | { status: 'ready'; data: SessionData } | { status: 'error'; error: AppError }

export interface Session {
  state: SessionState
  /** Log in again (after registering a supplier, switching persona, or to retry a failed login). */
  refresh: () => Promise<SessionData | null>
  /** Replace the user after a profile change without a round trip. */
  setUser: (user: User) => void
}

const SessionContext = createContext<Session | null>(null)

export function SessionProvider({ children }: PropsWithChildren) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  // A later login wins: answers to earlier ones (e.g. before a persona switch) are dropped.
  const generation = useRef(0)

  const refresh = useCallback(async () => {
    const mine = ++generation.current
    setState((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }))
    try {
      const data = await callCloud('user', 'login', {})
      if (mine === generation.current) setState({ status: 'ready', data })
      return data
    } catch (error) {
      if (mine === generation.current) setState({ status: 'error', error: toAppError(error) })
      return null
    }
  }, [])

  const relogin = useCallback(() => {
    setState({ status: 'loading' })
    void refresh()
  }, [refresh])

  const setUser = useCallback((user: User) => {
    setState((prev) => (prev.status === 'ready' ? { status: 'ready', data: { ...prev.data, user } } : prev))
  }, [])

  useEffect(() => {
    void refresh()
    return onPersonaChange(relogin)
  }, [refresh, relogin])

  const session = useMemo(() => ({ state, refresh, setUser }), [state, refresh, setUser])
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside SessionProvider')
  return session
}

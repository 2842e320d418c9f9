import { useCallback, useRef } from 'react'
import { newIdempotencyKey } from '@/api/idempotency'

/**
 * The idempotency key of a form's submission: the same while what is submitted stays the same, so
 * 重试 after a lost answer (or a double tap) finds the record the first try made; a new one once
 * the user changes the form, which makes it another submission.
 */
export function useSubmissionKey(prefix: string): (submitted: unknown) => string {
  const last = useRef<{ content: string; key: string } | null>(null)
  return useCallback(
    (submitted: unknown) => {
      const content = JSON.stringify(submitted)
      if (last.current?.content !== content) last.current = { content, key: newIdempotencyKey(prefix) }
      return last.current.key
    },
    [prefix],
  )
}

import { useCallback, useRef } from 'react'
import { newIdempotencyKey } from '@/api/idempotency'
import { nextSubmissionKey, type SubmissionKey } from '@/domain/submission'

/**
 * The idempotency key of a form's submission (`nextSubmissionKey`): the same while what is submitted
 * stays the same, so 重试 after a lost answer (or a double tap) finds the record the first try made;
 * a new one once the user changes what it submits, which makes it another submission (the functions
 * refuse an old key with a changed payload).
 */
export function useSubmissionKey(prefix: string): (submitted: unknown) => string {
  const last = useRef<SubmissionKey | null>(null)
  return useCallback(
    (submitted: unknown) => {
      last.current = nextSubmissionKey(last.current, submitted, () => newIdempotencyKey(prefix))
      return last.current.key
    },
    [prefix],
  )
}

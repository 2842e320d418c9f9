/**
 * A fresh idempotency key (src/domain/idempotency.ts): one per submission or press, sent again with
 * every retry of it, so a retry after a lost answer finds what the first try did (R17).
 */
export function newIdempotencyKey(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
}

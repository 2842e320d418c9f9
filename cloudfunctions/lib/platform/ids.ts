import { createHash, randomBytes } from 'node:crypto'

const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789'

/** A short random token without look-alike characters (tier ids, home-code scenes). */
export function randomToken(length: number): string {
  const bytes = randomBytes(length)
  let token = ''
  for (const byte of bytes) token += alphabet[byte % alphabet.length]
  return token
}

/**
 * The `_id` of a record made by a request carrying an idempotency key: the same owner and key
 * always name the same document, so a retry finds the first try's record, and two tries at once
 * collide on `_id` instead of making two (see `createOnce`).
 */
export function keyedId(owner: string, idempotencyKey: string): string {
  return createHash('sha256').update(`${owner}\n${idempotencyKey}`).digest('hex').slice(0, 32)
}

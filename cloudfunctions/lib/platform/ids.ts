import { randomBytes } from 'node:crypto'

const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789'

/** A short random token without look-alike characters (tier ids, home-code scenes). */
export function randomToken(length: number): string {
  const bytes = randomBytes(length)
  let token = ''
  for (const byte of bytes) token += alphabet[byte % alphabet.length]
  return token
}

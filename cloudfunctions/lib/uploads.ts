import { createHash } from 'node:crypto'

/**
 * Where a user's own uploads live: `uploads/<key>/`, with a key derived from the OPENID by a one-way
 * hash. A temporary URL carries the file's path, so the folder must not be the OPENID itself (R9: an
 * agent never learns the supplier's OPENID); the hash cannot be turned back into it. The app learns
 * its folder from `user.login` (`uploadDir`). A function that turns a file ID from an event into a
 * temporary URL or reads it must first check it is the caller's: otherwise anyone could name another
 * supplier's private file and have it served back (R9).
 */
export function uploadAreaOf(openid: string): string {
  return `uploads/${createHash('sha256').update(`wegong-upload:${openid}`).digest('hex').slice(0, 24)}/`
}

/** The cloud path of `cloud://<env>.<bucket>/<path>`, or null when malformed or not a plain path. */
export function cloudPathOf(fileID: string): string | null {
  const match = /^cloud:\/\/[^/\s]+\/(\S+)$/.exec(fileID)
  if (!match) return null
  const path = match[1]
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..') ? path : null
}

export function isOwnUpload(fileID: string, openid: string): boolean {
  const path = cloudPathOf(fileID)
  return path !== null && path.startsWith(uploadAreaOf(openid))
}

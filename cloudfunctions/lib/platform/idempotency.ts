import { createHash } from 'node:crypto'
import { AppError } from '@/domain/errors'
import { canonicalJson } from '@/domain/submission'
import { isDuplicateKeyError } from './cloud'
import { keyedId } from './ids'

/** The refusal of a key sent again with something else submitted (the app takes a new key then). */
export const REQUEST_CHANGED = '该请求已提交过不同的内容，请刷新后重试'

/** What a record made by a keyed request keeps of it: the fingerprint of what was submitted. */
export interface KeyedRecord {
  requestFingerprint?: string
}

/** A request carrying an idempotency key: the `_id` its record takes, and what it submitted. */
export interface KeyedRequest {
  id: string
  fingerprint: string
}

/**
 * The fingerprint of a request: the parsed input without its key, as canonical JSON, hashed. Stored
 * on the record the request made, so a retry compares it with the record it reads anyway.
 */
export function requestFingerprint(input: object): string {
  const { idempotencyKey: _key, ...submitted } = input as { idempotencyKey?: unknown }
  return createHash('sha256').update(canonicalJson(submitted)).digest('hex').slice(0, 32)
}

/** The keyed request of `owner` (whose records the key names), or undefined without a key. */
export function keyedRequest(owner: string, input: { idempotencyKey?: string }): KeyedRequest | undefined {
  if (input.idempotencyKey === undefined) return undefined
  return { id: keyedId(owner, input.idempotencyKey), fingerprint: requestFingerprint(input) }
}

/** The fields a keyed request's record stores (nothing without a key). */
export function keyedFields(keyed: KeyedRequest | undefined): KeyedRecord {
  return keyed ? { requestFingerprint: keyed.fingerprint } : {}
}

/**
 * The record a keyed request made earlier, refused when another request made it under the same key:
 * answering it would answer something else. A record stored before fingerprints existed has none
 * and is answered as before (docs/decisions/reliability.md).
 */
export function sameRequest<T extends KeyedRecord>(record: T, fingerprint: string): T {
  if (record.requestFingerprint !== undefined && record.requestFingerprint !== fingerprint) throw new AppError('CONFLICT', REQUEST_CHANGED)
  return record
}

/**
 * Creates a record once per idempotency key (`keyedRequest`; undefined without a key): a retry
 * answers what the first try made; two tries at once collide on `_id` and the later answers the
 * earlier's record; the key sent with anything else submitted is refused (CONFLICT). The pattern of
 * `order.create`, for records whose key is optional; `create` stores `keyedFields(keyed)`.
 */
export async function createOnce<T extends KeyedRecord>(
  keyed: KeyedRequest | undefined,
  find: (id: string) => Promise<T | null>,
  create: (keyed: KeyedRequest | undefined) => Promise<T>,
): Promise<T> {
  if (keyed === undefined) return create(undefined)
  const earlier = await find(keyed.id)
  if (earlier) return sameRequest(earlier, keyed.fingerprint)
  try {
    return await create(keyed)
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error
    const winner = await find(keyed.id)
    if (!winner) throw error
    return sameRequest(winner, keyed.fingerprint)
  }
}

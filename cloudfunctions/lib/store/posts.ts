import { indexTokens } from '@/domain/search-tokens'
import { command, db, insertedIdOf, rowsOf, totalOf } from '../platform/cloud'
import { newestFirst } from '../platform/cursor'
import type { KeyedRecord } from '../platform/idempotency'
import type { Moderation } from './moderation'

/** A post (微供动态, R14) as stored: `images` are cloud file IDs in the supplier's own upload area. */
export interface PostRecord extends KeyedRecord {
  _id: string
  supplierId: string
  text: string
  images: string[]
  productIds: string[]
  createdAt: number
  /** Hidden from agents and customers while a picture WeChat's check called risky is on it (R20). */
  moderation?: Moderation
}

const posts = () => db.collection('posts')
const fields = {
  _id: true,
  supplierId: true,
  text: true,
  images: true,
  productIds: true,
  createdAt: true,
  moderation: true,
  requestFingerprint: true,
}

/** A post's search tokens (docs/decisions/search.md): its text's words. */
export const postTokens = (post: Pick<PostRecord, 'text'>) => indexTokens([post.text])

/**
 * `id` when the request's idempotency key names the post. The search tokens are written here, the
 * posts' one writer, in the same insert; they never leave the functions (not in `fields`).
 */
export async function insertPost(record: Omit<PostRecord, '_id'>, id?: string): Promise<PostRecord> {
  const data = { ...record, tokens: postTokens(record) }
  const _id = await insertedIdOf(posts().add({ data: id === undefined ? data : { _id: id, ...data } }))
  return { _id, ...record }
}

export async function findPost(id: string): Promise<PostRecord | null> {
  const [row] = await rowsOf<PostRecord>(posts().where({ _id: id }).field(fields).limit(1).get())
  return row ?? null
}

export async function findPosts(ids: string[]): Promise<PostRecord[]> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return []
  return rowsOf<PostRecord>(
    posts()
      .where({ _id: command.in(unique) })
      .field(fields)
      .limit(unique.length)
      .get(),
  )
}

/** Posts agents and customers may see: none hidden by an image check (R20). */
const shown = { moderation: command.exists(false) }

/**
 * One page (plus one row) of these suppliers' posts, newest first (createdAt, _id): the index
 * (supplierId, createdAt desc) serves both the supplier's own list and the agents' feed, which
 * reads only the posts `shownOnly` (R20).
 */
export async function listPostsOf(
  supplierIds: string[],
  cursor: string | undefined,
  limit: number,
  shownOnly = false,
): Promise<PostRecord[]> {
  if (supplierIds.length === 0) return []
  const where = supplierIds.length === 1 ? { supplierId: supplierIds[0] } : { supplierId: command.in(supplierIds) }
  return rowsOf<PostRecord>(
    newestFirst(posts(), [shownOnly ? { ...where, ...shown } : where], 'createdAt', cursor, limit + 1)
      .field(fields)
      .get(),
  )
}

export async function countOwnPosts(supplierId: string, ids: string[]): Promise<number> {
  return totalOf(
    posts()
      .where({ _id: command.in(ids), supplierId })
      .count(),
  )
}

export async function removeOwnPosts(supplierId: string, ids: string[]): Promise<number> {
  const result = (await posts()
    .where({ _id: command.in(ids), supplierId })
    .remove()) as { stats: { removed: number } }
  return result.stats.removed
}

/** 「N 条新动态」: posts of these suppliers after `since`, counted up to `max` (bounded like the products' count). */
export async function countPostsSince(supplierIds: string[], since: number, max: number): Promise<number> {
  if (supplierIds.length === 0) return 0
  const rows = await rowsOf<{ _id: string }>(
    posts()
      .where({ supplierId: command.in(supplierIds), createdAt: command.gt(since), ...shown })
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(max)
      .field({ _id: true })
      .get(),
  )
  return rows.length
}

import { command, db, rowsOf } from '../platform/cloud'
import { newestFirst } from '../platform/cursor'
import { postTokens, type PostRecord } from './posts'

/**
 * The search's reads of posts (docs/decisions/search.md), as product-search's of products: one
 * indexed token (index `tokens_supplier_created`) and 新上架, newest first by (createdAt, _id) as the
 * feed of posts; the other tokens are checked by the caller.
 */

const posts = () => db.collection('posts')

export type SearchPostRecord = PostRecord & { tokens?: string[] }

/** These suppliers' shown posts (R20) holding `token`, created at or after `since`, `rows` of them after the cursor. */
export async function searchShownPosts(
  supplierIds: string[],
  where: { token?: string; since?: number },
  cursor: string | undefined,
  rows: number,
): Promise<SearchPostRecord[]> {
  if (supplierIds.length === 0) return []
  const conditions = [
    { supplierId: command.in(supplierIds), moderation: command.exists(false) },
    ...(where.token !== undefined ? [{ tokens: where.token }] : []),
    ...(where.since !== undefined ? [{ createdAt: command.gte(where.since) }] : []),
  ]
  return rowsOf<SearchPostRecord>(
    newestFirst(posts(), conditions, 'createdAt', cursor, rows)
      .field({ _id: true, supplierId: true, text: true, images: true, productIds: true, createdAt: true, tokens: true })
      .get(),
  )
}

// ---- the one-off migration: tokens for posts written before search covered them -----------------

/** Posts without tokens after `after` in `_id` order. */
export async function listPostsLackingTokens(after: string, count: number) {
  return rowsOf<Pick<PostRecord, '_id' | 'text'>>(
    posts()
      .where({ _id: command.gt(after), tokens: command.exists(false) })
      .orderBy('_id', 'asc')
      .limit(count)
      .field({ _id: true, text: true })
      .get(),
  )
}

/** Writes the tokens of the text read, only where still absent (as fillProductTokens). */
export async function fillPostTokens(post: Pick<PostRecord, '_id' | 'text'>): Promise<void> {
  await posts()
    .where({ _id: post._id, tokens: command.exists(false) })
    .update({ data: { tokens: postTokens(post) } })
}

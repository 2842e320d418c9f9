import { command, db, isDuplicateKeyError, rowsOf } from '../platform/cloud'
import { newestFirst } from '../platform/cursor'
import type { Transaction } from '../platform/transaction'
import type { BindingRecord } from './bindings'
import type { PostRecord } from './posts'
import type { ViewProductRecord } from './products'
import type { UserRecord } from './users'
import { shareId } from './ids'
import { addFoldedViewsIn } from './open-events'

/**
 * What an agent forwarded or shared (R16): one document per agent and item, so the item keeps one
 * token (its share cards and posters keep working) and 我的转发 lists it once. The token is random
 * and says nothing; the customer view finds the share by it.
 */
export interface ShareRecord {
  _id: string
  token: string
  agentOpenid: string
  supplierId: string
  kind: 'product' | 'post'
  itemId: string
  /** Cloud file of the poster's mini-program code, made on first request. */
  codeFileId?: string
  forwards: number
  shares: number
  views: number
  createdAt: number
  /**
   * The last 一键转发 or share: 我的转发 is ordered by it. 0 for a share only made ready (a page's
   * token for 分享到朋友圈), which 我的转发 does not list until it is used or opened.
   */
  sharedAt: number
  /** The key of the last counted press, so its retry is not counted again. */
  lastPress?: string
}

export type ShareCounter = 'forwards' | 'shares' | 'views'

const shares = () => db.collection('shares')
const fields = {
  _id: true,
  token: true,
  agentOpenid: true,
  supplierId: true,
  kind: true,
  itemId: true,
  codeFileId: true,
  forwards: true,
  shares: true,
  views: true,
  createdAt: true,
  sharedAt: true,
}

export async function findShareByToken(token: string): Promise<ShareRecord | null> {
  const [row] = await rowsOf<ShareRecord>(shares().where({ token }).field(fields).limit(1).get())
  return row ?? null
}

const exists = async (id: string) => (await rowsOf(shares().where({ _id: id }).field({ _id: true }).limit(1).get())).length > 0

/**
 * The agent's share of this item, created on first use, with `counter` added and `sharedAt` moved
 * to now (`null`: only made ready, nothing counted). Two first presses at once meet at the `_id` and
 * the loser adds to the winner's. With the press's key, a retry of the last counted press (its answer
 * lost) adds nothing: the key check and the count are one conditional write. `counted` says whether
 * this call counted.
 */
export async function recordShare(
  key: { agentOpenid: string; supplierId: string; kind: ShareRecord['kind']; itemId: string },
  counter: 'forwards' | 'shares' | null,
  newToken: string,
  now: number,
  press?: string,
): Promise<{ record: ShareRecord; counted: boolean }> {
  const id = shareId(key.agentOpenid, key.kind, key.itemId)
  let counted = counter !== null
  const bump = async () => {
    if (counter === null) return exists(id)
    const data = { [counter]: command.inc(1), sharedAt: now, ...(press ? { lastPress: press } : {}) }
    const { stats } = (await shares()
      .where(press ? { _id: id, lastPress: command.neq(press) } : { _id: id })
      .update({ data })) as { stats: { updated: number } }
    if (stats.updated > 0) return true
    if (press && (await exists(id))) {
      counted = false
      return true
    }
    return false
  }
  if (!(await bump())) {
    const record: ShareRecord = {
      _id: id,
      token: newToken,
      ...key,
      forwards: 0,
      shares: 0,
      views: 0,
      createdAt: now,
      sharedAt: counter === null ? 0 : now,
      ...(counter ? { [counter]: 1 } : {}),
      ...(counter && press ? { lastPress: press } : {}),
    }
    try {
      await shares().add({ data: record })
      return { record, counted }
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error
      await bump()
    }
  }
  const [row] = await rowsOf<ShareRecord>(shares().where({ _id: id }).field(fields).limit(1).get())
  if (!row) throw new Error('share vanished')
  return { record: row, counted }
}

/**
 * A customer opened a share only made ready: it was shared to Moments (which never reports back), so
 * from now on 我的转发 lists it, as of this first open. Only the first open of such a share writes it.
 */
export async function markOpened(id: string, now: number): Promise<void> {
  await shares()
    .where({ _id: id, sharedAt: 0 })
    .update({ data: { sharedAt: now } })
}

/** Adds folded customer opens to the share's `views`, inside the fold's transaction; a share gone is skipped. */
export async function addViewsIn(tx: Transaction, id: string, views: number): Promise<void> {
  await addFoldedViewsIn(tx.collection<ShareRecord>('shares').doc(id), views)
}

export async function saveShareCode(id: string, codeFileId: string): Promise<void> {
  await shares().doc(id).update({ data: { codeFileId } })
}

/**
 * 我的转发's keyset read of one kind it lists (shares, selections): one page (plus one row) of what the
 * agent shared, latest first (sharedAt, _id); 0 (made ready, never shared) is not listed.
 */
export async function listSharedOfAgent<T>(
  collection: ReturnType<typeof db.collection>,
  agentOpenid: string,
  cursor: string | undefined,
  limit: number,
  projection: Record<string, boolean>,
): Promise<T[]> {
  const used = { agentOpenid, sharedAt: command.gt(0) }
  return rowsOf<T>(
    newestFirst(collection, [used], 'sharedAt', cursor, limit + 1)
      .field(projection)
      .get(),
  )
}

/** 我的转发: one page (plus one row) of the agent's shares, latest first (sharedAt, _id). */
export async function listSharesOfAgent(agentOpenid: string, cursor: string | undefined, limit: number): Promise<ShareRecord[]> {
  return listSharedOfAgent<ShareRecord>(shares(), agentOpenid, cursor, limit, fields)
}

/** What the customer view needs of a share, read at once: the viewer of a viral card costs one read. */
export interface ShareForView {
  share: ShareRecord
  /** The agent's binding to the share's supplier; null once the agent was removed. */
  binding: BindingRecord | null
  /** The agent's own card; null for an agent without a user record. */
  seller: UserRecord | null
  /** The shared product (a product share), or the shared post (a post share), when they still exist. */
  product: ViewProductRecord | null
  post: PostRecord | null
  /** The agent's own words for the item, which customers see instead of the supplier's text. */
  myText: string | null
}

interface Joined extends ShareRecord {
  sellers: UserRecord[]
  bindings: BindingRecord[]
  products: ViewProductRecord[]
  posts: PostRecord[]
  myTexts: Array<{ agentOpenid: string; text: string }>
}

/**
 * The share of `token` with its agent's card, the agent's binding to the supplier and the shared item,
 * in one aggregation (each join by an indexed field); null for an unknown token.
 */
export async function findShareForView(token: string): Promise<ShareForView | null> {
  const $ = command.aggregate
  const { list } = (await shares()
    .aggregate()
    .match({ token })
    .limit(1)
    .lookup({ from: 'users', localField: 'agentOpenid', foreignField: 'openid', as: 'sellers' })
    .lookup({ from: 'bindings', localField: 'agentOpenid', foreignField: 'agentOpenid', as: 'bindings' })
    // Only the binding to this share's supplier travels back, not every supplier the agent follows.
    .addFields({ bindings: $.filter({ input: '$bindings', as: 'b', cond: $.eq(['$$b.supplierId', '$supplierId']) }) })
    .lookup({ from: 'products', localField: 'itemId', foreignField: '_id', as: 'products' })
    .lookup({ from: 'posts', localField: 'itemId', foreignField: '_id', as: 'posts' })
    // The agent's own words share the share's key (store/ids.ts myTextId).
    .lookup({ from: 'my_texts', localField: '_id', foreignField: '_id', as: 'myTexts' })
    .end()) as { list: Joined[] }
  const [row] = list
  if (!row) return null
  const { sellers, bindings, products, posts, myTexts, ...share } = row
  return {
    share,
    binding: bindings.find((b) => b.supplierId === share.supplierId) ?? null,
    seller: sellers[0] ?? null,
    product: share.kind === 'product' ? (products[0] ?? null) : null,
    post: share.kind === 'post' ? (posts[0] ?? null) : null,
    myText: myTexts.find((t) => t.agentOpenid === share.agentOpenid)?.text ?? null,
  }
}

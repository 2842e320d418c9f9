import { command, db, isDuplicateKeyError, rowsOf } from '../platform/cloud'
import type { Transaction } from '../platform/transaction'
import type { BindingRecord } from './bindings'
import type { ViewProductRecord } from './products'
import type { UserRecord } from './users'
import { selectionId } from './ids'
import { addFoldedViewsIn } from './open-events'
import { listSharedOfAgent } from './shares'

/**
 * A selection an agent shared as one card (多选分享): one document per agent and set of products,
 * so the same selection keeps one token. The token is random and says nothing; the customer view
 * finds the selection by it and shows only what is still on sale from suppliers the agent is bound to.
 */
export interface SelectionRecord {
  _id: string
  token: string
  agentOpenid: string
  /** In the order first picked. */
  productIds: string[]
  createdAt: number
  /**
   * The last counted press (多选分享), or the first customer open: 我的转发 lists the selection by it.
   * 0 for a selection only made by 多选转发 (its Moments post carries no link), which it does not list;
   * absent on selections stored before 我的转发 listed them (the next press or open sets it).
   */
  sharedAt?: number
  shares: number
  /** Customer opens folded by the timer (lifecycles/share-opens); the pending ones are in `share_opens`. Absent before the first fold on selections stored before opens were counted. */
  views?: number
  /** The key of the last counted press, so its retry is not counted again. */
  lastPress?: string
  /** The poster's mini-program code, made on first use. */
  codeFileId?: string
}

const selections = () => db.collection('selections')
const fields = {
  _id: true,
  token: true,
  agentOpenid: true,
  productIds: true,
  createdAt: true,
  sharedAt: true,
  shares: true,
  views: true,
  codeFileId: true,
}

export async function findSelectionByToken(token: string): Promise<SelectionRecord | null> {
  const [row] = await rowsOf<SelectionRecord>(selections().where({ token }).field(fields).limit(1).get())
  return row ?? null
}

export async function saveSelectionCode(id: string, codeFileId: string): Promise<void> {
  await selections().doc(id).update({ data: { codeFileId } })
}

async function findById(id: string): Promise<SelectionRecord | null> {
  const [row] = await rowsOf<SelectionRecord>(selections().where({ _id: id }).field(fields).limit(1).get())
  return row ?? null
}

/**
 * The agent's share of this selection, made on first use, with one share counted per press when
 * `count` (a retry of the same press counts nothing; 多选转发 only needs the token). Two first
 * presses at once meet at the `_id`.
 */
export async function recordSelection(
  agentOpenid: string,
  productIds: string[],
  newToken: string,
  now: number,
  count: boolean,
  press?: string,
): Promise<SelectionRecord> {
  const id = selectionId(agentOpenid, productIds)
  const bump = async () => {
    if (!count) return (await findById(id)) !== null
    const { stats } = (await selections()
      .where(press ? { _id: id, lastPress: command.neq(press) } : { _id: id })
      .update({ data: { shares: command.inc(1), sharedAt: now, ...(press ? { lastPress: press } : {}) } })) as {
      stats: { updated: number }
    }
    return stats.updated > 0 || (press !== undefined && (await findById(id)) !== null)
  }
  if (!(await bump())) {
    const record: SelectionRecord = {
      _id: id,
      token: newToken,
      agentOpenid,
      productIds,
      createdAt: now,
      sharedAt: count ? now : 0,
      shares: count ? 1 : 0,
      views: 0,
      ...(count && press ? { lastPress: press } : {}),
    }
    try {
      await selections().add({ data: record })
      return record
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error
      await bump()
    }
  }
  const row = await findById(id)
  if (!row) throw new Error('selection vanished')
  return row
}

/**
 * A customer opened a selection only made by 多选转发: it was shared after all, so from now on 我的转发
 * lists it, as of this first open. Selections stored before `sharedAt` existed count as unshared.
 */
export async function markSelectionOpened(id: string, now: number): Promise<void> {
  await selections()
    .where(command.and([{ _id: id }, command.or([{ sharedAt: 0 }, { sharedAt: command.exists(false) }])]))
    .update({ data: { sharedAt: now } })
}

/** Adds folded customer opens to the selection's `views`, inside the fold's transaction; a selection gone is skipped. */
export async function addSelectionViewsIn(tx: Transaction, id: string, views: number): Promise<void> {
  await addFoldedViewsIn(tx.collection<SelectionRecord>('selections').doc(id), views)
}

/** 我的转发: one page (plus one row) of the agent's shared selections, latest first (sharedAt, _id), as its shares. */
export async function listSelectionsOfAgent(agentOpenid: string, cursor: string | undefined, limit: number): Promise<SelectionRecord[]> {
  return listSharedOfAgent<SelectionRecord>(selections(), agentOpenid, cursor, limit, fields)
}

/** What the customer view of a selection needs, read at once: an open costs one read. */
export interface SelectionForView {
  selection: SelectionRecord
  /** The agent's own card; null for an agent without a user record. */
  seller: UserRecord | null
  /** The selection's products that still exist, in no particular order. */
  products: ViewProductRecord[]
  /** The agent's bindings to those products' suppliers. */
  bindings: BindingRecord[]
  /** The agent's own words, by product id. */
  texts: Map<string, string>
}

interface Joined extends SelectionRecord {
  sellers: UserRecord[]
  products: ViewProductRecord[]
  bindings: BindingRecord[]
  myTexts: Array<{ agentOpenid: string; itemId: string; text: string }>
}

/**
 * The selection of `token` with its agent's card, its products, the agent's bindings to their
 * suppliers and its words for them, in one aggregation (each join by an indexed field, as
 * `findShareForView`); null for an unknown token. At most nine products, so the answer is bounded.
 */
export async function findSelectionForView(token: string): Promise<SelectionForView | null> {
  const $ = command.aggregate
  const { list } = (await selections()
    .aggregate()
    .match({ token })
    .limit(1)
    .lookup({ from: 'users', localField: 'agentOpenid', foreignField: 'openid', as: 'sellers' })
    .lookup({ from: 'products', localField: 'productIds', foreignField: '_id', as: 'products' })
    .lookup({ from: 'bindings', localField: 'agentOpenid', foreignField: 'agentOpenid', as: 'bindings' })
    // Only the bindings to the products' suppliers travel back, not every supplier the agent follows.
    .addFields({ bindings: $.filter({ input: '$bindings', as: 'b', cond: $.in(['$$b.supplierId', '$products.supplierId']) }) })
    // The agent's words are keyed as its share of the product: `agent:product:id` (store/ids.ts shareId, myTextId).
    .addFields({ textIds: $.map({ input: '$productIds', as: 'id', in: $.concat(['$agentOpenid', ':product:', '$$id']) }) })
    .lookup({ from: 'my_texts', localField: 'textIds', foreignField: '_id', as: 'myTexts' })
    .project({ textIds: false })
    .end()) as { list: Joined[] }
  const [row] = list
  if (!row) return null
  const { sellers, products, bindings, myTexts, ...selection } = row
  return {
    selection,
    seller: sellers[0] ?? null,
    products,
    bindings,
    texts: new Map(myTexts.filter((t) => t.agentOpenid === selection.agentOpenid).map((t) => [t.itemId, t.text])),
  }
}

import type { AgentMarkups, Markup } from '@/domain/markup-rules'
import type { Tier } from '@/domain/supplier'
import { command, db, insertedIdOf, rowsOf, totalOf } from '../platform/cloud'
import { newestFirst } from '../platform/cursor'

/**
 * What an agent's pages show of the supplier (a feed page reads the agent's bindings and
 * the products, nothing else): the supplier's public card. Each field is written where it changes
 * (profile edit → name and category, the owner's profile → avatar), never derived from a read, so
 * two changes at once cannot put an old value back.
 */
export interface SupplierSnapshot {
  name: string
  mainCategory: string
  /** The owner's avatar: a cloud file ID, an https URL, or '' for none. */
  avatar: string
}

/** Overrides an agent may keep per supplier, so that a binding (read by every feed page) stays small. */
export const PRODUCT_MARKUPS_MAX = 200

/**
 * An agent's binding to a supplier (R12), as stored. Only active bindings exist: removing an agent
 * deletes its binding. The unique index (supplierId, agentOpenid) makes binding twice impossible.
 */
export interface BindingRecord {
  _id: string
  supplierId: string
  agentOpenid: string
  tierId: string
  remark: string
  createdAt: number
  /**
   * Copies for the agent's pages, written only by binding-copies.ts: by every write that changes their
   * source, and when a binding is made. Absent on bindings made before they existed until their
   * one-off migration (binding-copies.ts), and for a moment on a new one; such a binding shows nothing.
   */
  supplier?: Partial<SupplierSnapshot>
  /** The supplier's tier list (R11), for the agent's price. */
  tiers?: Tier[]
  markups?: AgentMarkups
}

/** How many suppliers one agent may follow in one read; the SDK answers at most 1000 rows per get. */
export const AGENT_BINDINGS_MAX = 1000

const bindings = () => db.collection('bindings')
const fields = { _id: true, supplierId: true, agentOpenid: true, tierId: true, remark: true, createdAt: true }
const viewFields = { ...fields, supplier: true, tiers: true, markups: true }

export async function findBinding(supplierId: string, agentOpenid: string): Promise<BindingRecord | null> {
  const [row] = await rowsOf<BindingRecord>(bindings().where({ supplierId, agentOpenid }).field(viewFields).limit(1).get())
  return row ?? null
}

/** Fails with a duplicate-key error when the agent is already bound (the caller decides what that means). */
export async function insertBinding(record: Omit<BindingRecord, '_id'>): Promise<BindingRecord> {
  const _id = await insertedIdOf(bindings().add({ data: record }))
  return { _id, ...record }
}

/** The suppliers an agent is bound to, newest binding first, with what its pages show of each. */
export async function listBindingsOfAgent(agentOpenid: string): Promise<BindingRecord[]> {
  return rowsOf<BindingRecord>(
    bindings().where({ agentOpenid }).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(AGENT_BINDINGS_MAX).field(viewFields).get(),
  )
}

/** Only the supplier ids of the agent's bindings (counts over them need nothing else). */
export async function listSupplierIdsOfAgent(agentOpenid: string): Promise<string[]> {
  const rows = await rowsOf<{ supplierId: string }>(
    bindings().where({ agentOpenid }).limit(AGENT_BINDINGS_MAX).field({ supplierId: true }).get(),
  )
  return rows.map((row) => row.supplierId)
}

/** Up to `count` of a supplier's agents after the cursor, newest binding first (R13). */
export async function listBindingsOfSupplier(supplierId: string, cursor: string | undefined, count: number): Promise<BindingRecord[]> {
  return rowsOf<BindingRecord>(newestFirst(bindings(), [{ supplierId }], 'createdAt', cursor, count).field(fields).get())
}

export async function countBindingsOf(supplierId: string, agentOpenids: string[]): Promise<number> {
  return totalOf(
    bindings()
      .where({ supplierId, agentOpenid: command.in(agentOpenids) })
      .count(),
  )
}

export async function updateRemark(supplierId: string, agentOpenid: string, remark: string): Promise<number> {
  const result = (await bindings().where({ supplierId, agentOpenid }).update({ data: { remark } })) as { stats: { updated: number } }
  return result.stats.updated
}

/** Sets the tier of these agents of the supplier; agents not bound to it are untouched. */
export async function updateTier(supplierId: string, agentOpenids: string[], tierId: string): Promise<number> {
  const result = (await bindings()
    .where({ supplierId, agentOpenid: command.in(agentOpenids) })
    .update({ data: { tierId } })) as { stats: { updated: number } }
  return result.stats.updated
}

/** Moves every agent of the supplier whose tier is not one of `tierIds` into `toTierId` (R11). */
export async function moveAgentsOutOfDeletedTiers(supplierId: string, tierIds: string[], toTierId: string): Promise<number> {
  const result = (await bindings()
    .where({ supplierId, tierId: command.nin(tierIds) })
    .update({ data: { tierId: toTierId } })) as { stats: { updated: number } }
  return result.stats.updated
}

export async function removeBinding(supplierId: string, agentOpenid: string): Promise<number> {
  const result = (await bindings().where({ supplierId, agentOpenid }).remove()) as { stats: { removed: number } }
  return result.stats.removed
}

/** How many agents each stored tier id holds, for the tier list (R11). */
export async function countAgentsByTier(supplierId: string): Promise<Map<string, number>> {
  const $ = command.aggregate
  const { list } = (await db
    .collection('bindings')
    .aggregate()
    .match({ supplierId })
    .group({ _id: '$tierId', agents: $.sum(1) })
    .end()) as { list: Array<{ _id: string; agents: number }> }
  return new Map(list.map((row) => [row._id, row.agents]))
}

/** 合作中的微商 on the admin home. */
export async function countAgents(supplierId: string): Promise<number> {
  return totalOf(bindings().where({ supplierId }).count())
}

/** These agents' bindings to the supplier (remarks and tiers for a page of orders); unbound ones are absent. */
export async function findBindingsOfAgents(supplierId: string, agentOpenids: string[]): Promise<BindingRecord[]> {
  const unique = [...new Set(agentOpenids)]
  if (unique.length === 0) return []
  const rows: BindingRecord[] = []
  for (let i = 0; i < unique.length; i += 100) {
    const slice = unique.slice(i, i + 100)
    rows.push(
      ...(await rowsOf<BindingRecord>(
        bindings()
          .where({ supplierId, agentOpenid: command.in(slice) })
          .limit(slice.length)
          .field(fields)
          .get(),
      )),
    )
  }
  return rows
}

// ---- the copies for the agent's pages (their only read of the supplier) ---------------------
// Each is one write over the supplier's bindings (index supplier_agent_unique), whatever their number.

async function updatedOf(pending: unknown): Promise<number> {
  return ((await pending) as { stats: { updated: number } }).stats.updated
}

/** The supplier's name and main category on every binding to it. */
export async function setSupplierProfileSnapshot(supplierId: string, profile: Pick<SupplierSnapshot, 'name' | 'mainCategory'>) {
  return updatedOf(
    bindings()
      .where({ supplierId })
      .update({ data: { 'supplier.name': profile.name, 'supplier.mainCategory': profile.mainCategory } }),
  )
}

/** The owner's avatar on every binding to the supplier. */
export async function setSupplierAvatarSnapshot(supplierId: string, avatar: string) {
  return updatedOf(
    bindings()
      .where({ supplierId })
      .update({ data: { 'supplier.avatar': avatar } }),
  )
}

/** The supplier's tier list on every binding to it. */
export async function setTiersSnapshot(supplierId: string, tiers: Tier[]) {
  return updatedOf(
    bindings()
      .where({ supplierId })
      .update({ data: { tiers: command.set(tiers) } }),
  )
}

/**
 * Fills what bindings of the supplier still lack, read from the source. Each write applies only
 * where its field is absent: a change written meanwhile (which writes every binding) is newer than
 * what was read, so it is never overwritten.
 */
export async function fillSupplierSnapshot(supplierId: string, snapshot: SupplierSnapshot, tiers: Tier[]): Promise<void> {
  await Promise.all([
    bindings()
      .where({ supplierId, 'supplier.name': command.exists(false) })
      .update({ data: { 'supplier.name': snapshot.name, 'supplier.mainCategory': snapshot.mainCategory } }),
    bindings()
      .where({ supplierId, 'supplier.avatar': command.exists(false) })
      .update({ data: { 'supplier.avatar': snapshot.avatar } }),
    bindings()
      .where({ supplierId, tiers: command.exists(false) })
      .update({ data: { tiers: command.set(tiers) } }),
  ])
}

/**
 * Bindings after `after` (by `_id`) that lack any of their copies: those made before bindings
 * carried them, for their one-off migration (binding-copies.ts).
 */
export async function listBindingsLackingCopies(after: string, count: number): Promise<BindingRecord[]> {
  const lacking = command.or([
    { 'supplier.name': command.exists(false) },
    { 'supplier.mainCategory': command.exists(false) },
    { 'supplier.avatar': command.exists(false) },
    { tiers: command.exists(false) },
    { markups: command.exists(false) },
  ])
  return rowsOf<BindingRecord>(
    bindings()
      .where(command.and([{ _id: command.gt(after) }, lacking]))
      .orderBy('_id', 'asc')
      .limit(count)
      .field(viewFields)
      .get(),
  )
}

/** The agent's markups of one binding, where it has none yet (carried over from the old collection). */
export async function fillMarkups(supplierId: string, agentOpenid: string, markups: AgentMarkups): Promise<void> {
  await bindings()
    .where({ supplierId, agentOpenid, markups: command.exists(false) })
    .update({ data: { markups: command.set(markups) } })
}

/** No markups on these bindings of the agent that have none yet (one write for all of them). */
export async function fillNoMarkups(agentOpenid: string, supplierIds: string[]): Promise<void> {
  if (supplierIds.length === 0) return
  await bindings()
    .where({ agentOpenid, supplierId: command.in(supplierIds), markups: command.exists(false) })
    .update({ data: { markups: command.set({ supplier: null, products: {} }) } })
}

/**
 * Sets (or with null drops) the agent's default markup for the supplier (`productId` '') or one
 * product's, and drops the overrides of `forget`. The binding must carry its markups already.
 */
export async function setBindingMarkup(
  supplierId: string,
  agentOpenid: string,
  productId: string,
  markup: Markup | null,
  forget: string[] = [],
): Promise<number> {
  const data: Record<string, unknown> = {}
  for (const id of forget) data[`markups.products.${id}`] = command.remove()
  if (productId === '') data['markups.supplier'] = markup === null ? null : command.set(markup)
  else data[`markups.products.${productId}`] = markup === null ? command.remove() : command.set(markup)
  return updatedOf(
    bindings()
      .where({ supplierId, agentOpenid, markups: command.exists(true) })
      .update({ data }),
  )
}

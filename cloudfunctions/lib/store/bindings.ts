import { command, db, insertedIdOf, rowsOf, totalOf } from '../platform/cloud'
import { afterCursorDesc } from '../platform/cursor'

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
}

/** How many suppliers one agent may follow in one read; the SDK answers at most 1000 rows per get. */
export const AGENT_BINDINGS_MAX = 1000

const bindings = () => db.collection('bindings')
const fields = { _id: true, supplierId: true, agentOpenid: true, tierId: true, remark: true, createdAt: true }

export async function findBinding(supplierId: string, agentOpenid: string): Promise<BindingRecord | null> {
  const [row] = await rowsOf<BindingRecord>(bindings().where({ supplierId, agentOpenid }).field(fields).limit(1).get())
  return row ?? null
}

/** Fails with a duplicate-key error when the agent is already bound (the caller decides what that means). */
export async function insertBinding(record: Omit<BindingRecord, '_id'>): Promise<BindingRecord> {
  const _id = await insertedIdOf(bindings().add({ data: record }))
  return { _id, ...record }
}

/** The suppliers an agent is bound to, newest binding first. */
export async function listBindingsOfAgent(agentOpenid: string): Promise<BindingRecord[]> {
  return rowsOf<BindingRecord>(
    bindings().where({ agentOpenid }).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(AGENT_BINDINGS_MAX).field(fields).get(),
  )
}

/** Up to `count` of a supplier's agents after the cursor, newest binding first (R13). */
export async function listBindingsOfSupplier(supplierId: string, cursor: string | undefined, count: number): Promise<BindingRecord[]> {
  const after = afterCursorDesc('createdAt', cursor)
  return rowsOf<BindingRecord>(
    bindings()
      .where(after ? command.and([{ supplierId }, after]) : { supplierId })
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(count)
      .field(fields)
      .get(),
  )
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

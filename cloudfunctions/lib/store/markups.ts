import type { Markup } from '@/domain/markup'
import { command, db, rowsOf } from '../platform/cloud'

/**
 * An agent's markup (加价, R16) for one supplier (`productId` '') or one of its products, as kept
 * before each binding carried its agent's markups. `_id` is (agent, supplier, product).
 */
export interface MarkupRecord extends Markup {
  _id: string
  agentOpenid: string
  supplierId: string
  /** '' for the agent's default for the supplier. */
  productId: string
  updatedAt: number
}

const markups = () => db.collection('markups')
const fields = { _id: true, agentOpenid: true, supplierId: true, productId: true, kind: true, value: true, roundUp: true, updatedAt: true }

/**
 * The agent's markups for these suppliers, as kept here before bindings carried them.
 * Read only to carry them over, once per binding (access.ts); nothing writes here any more.
 */
export async function findMarkupsOfAgent(agentOpenid: string, supplierIds: string[]): Promise<MarkupRecord[]> {
  if (supplierIds.length === 0) return []
  return rowsOf<MarkupRecord>(
    markups()
      .where({ agentOpenid, supplierId: command.in([...new Set(supplierIds)]) })
      .field(fields)
      .limit(1000)
      .get(),
  )
}

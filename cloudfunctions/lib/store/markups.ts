import type { Markup } from '@/domain/markup'
import { command, db, rowsOf } from '../platform/cloud'

/**
 * An agent's markup (加价, R16) for one supplier (`productId` '') or one of its products. The `_id`
 * is the key (agent, supplier, product), so setting a markup is one write with no read first and
 * two saves at once leave one document.
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

function markupId(agentOpenid: string, supplierId: string, productId: string): string {
  return `${agentOpenid}:${supplierId}:${productId || '*'}`
}

export async function saveMarkup(record: Omit<MarkupRecord, '_id'>): Promise<void> {
  const { agentOpenid, supplierId, productId } = record
  await markups()
    .doc(markupId(agentOpenid, supplierId, productId))
    .set({ data: record })
}

export async function removeMarkup(agentOpenid: string, supplierId: string, productId: string): Promise<void> {
  await markups()
    .where({ _id: markupId(agentOpenid, supplierId, productId) })
    .remove()
}

/**
 * The agent's markups that bear on these products: each supplier's default and each product's own.
 * Bounded by what is on screen (a page of products), whatever the agent set elsewhere.
 */
export async function findMarkups(
  agentOpenid: string,
  products: ReadonlyArray<{ supplierId: string; productId: string }>,
): Promise<MarkupRecord[]> {
  const keys = new Set<string>()
  for (const { supplierId, productId } of products) {
    keys.add(markupId(agentOpenid, supplierId, ''))
    if (productId) keys.add(markupId(agentOpenid, supplierId, productId))
  }
  const ids = [...keys]
  const rows: MarkupRecord[] = []
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    rows.push(
      ...(await rowsOf<MarkupRecord>(
        markups()
          .where({ _id: command.in(chunk) })
          .field(fields)
          .limit(chunk.length)
          .get(),
      )),
    )
  }
  return rows
}

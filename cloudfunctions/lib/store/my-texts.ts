import { command, db, rowsOf } from '../platform/cloud'
import { myTextId } from './ids'

/**
 * The agent's own words for a product or a post (R16 extended): one document per agent and item,
 * keyed like its share of the item. `basedOn` fingerprints the supplier's text the words were
 * written against, so a later edit by the supplier shows as 「供应商更新了文案」. Reset removes it.
 */
export interface MyTextRecord {
  _id: string
  agentOpenid: string
  kind: 'product' | 'post'
  itemId: string
  text: string
  basedOn: string
  updatedAt: number
}

/** The text the agent forwarded last (its fingerprint): the same text twice in a row reads as repeated. */
export interface ForwardMarkRecord {
  _id: string
  fingerprint: string
  /** The one forwarded before it, so a retry of the same press compares with what came before. */
  previous: string
  /** The key of the press that wrote it. */
  press: string
  at: number
}

const myTexts = () => db.collection('my_texts')
const marks = () => db.collection('forward_marks')
const fields = { _id: true, agentOpenid: true, kind: true, itemId: true, text: true, basedOn: true, updatedAt: true }

export async function findMyText(agentOpenid: string, kind: MyTextRecord['kind'], itemId: string): Promise<MyTextRecord | null> {
  const [row] = await rowsOf<MyTextRecord>(
    myTexts()
      .where({ _id: myTextId(agentOpenid, kind, itemId) })
      .field(fields)
      .limit(1)
      .get(),
  )
  return row ?? null
}

/** The agent's words for these products, by product id (one read). */
export async function findMyProductTexts(agentOpenid: string, productIds: readonly string[]): Promise<Map<string, string>> {
  if (productIds.length === 0) return new Map()
  const ids = [...new Set(productIds)].map((id) => myTextId(agentOpenid, 'product', id))
  const rows = await rowsOf<MyTextRecord>(
    myTexts()
      .where({ _id: command.in(ids) })
      .field(fields)
      .limit(ids.length)
      .get(),
  )
  return new Map(rows.filter((r) => r.agentOpenid === agentOpenid).map((r) => [r.itemId, r.text]))
}

export async function saveMyText(record: Omit<MyTextRecord, '_id'>): Promise<MyTextRecord> {
  const _id = myTextId(record.agentOpenid, record.kind, record.itemId)
  await myTexts()
    .doc(_id)
    .set({ data: { ...record } })
  return { _id, ...record }
}

export async function removeMyText(agentOpenid: string, kind: MyTextRecord['kind'], itemId: string): Promise<void> {
  await myTexts()
    .where({ _id: myTextId(agentOpenid, kind, itemId) })
    .remove()
}

export async function findForwardMark(agentOpenid: string): Promise<ForwardMarkRecord | null> {
  const [row] = await rowsOf<ForwardMarkRecord>(
    marks().where({ _id: agentOpenid }).field({ _id: true, fingerprint: true, previous: true, press: true, at: true }).limit(1).get(),
  )
  return row ?? null
}

export async function saveForwardMark(agentOpenid: string, mark: Omit<ForwardMarkRecord, '_id'>): Promise<void> {
  await marks()
    .doc(agentOpenid)
    .set({ data: { ...mark } })
}

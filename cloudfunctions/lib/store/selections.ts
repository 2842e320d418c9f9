import { command, db, isDuplicateKeyError, rowsOf } from '../platform/cloud'
import { selectionId } from './ids'

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
  shares: number
  /** The key of the last counted press, so its retry is not counted again. */
  lastPress?: string
  /** The poster's mini-program code, made on first use. */
  codeFileId?: string
}

const selections = () => db.collection('selections')
const fields = { _id: true, token: true, agentOpenid: true, productIds: true, createdAt: true, shares: true, codeFileId: true }

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
      .update({ data: { shares: command.inc(1), ...(press ? { lastPress: press } : {}) } })) as { stats: { updated: number } }
    return stats.updated > 0 || (press !== undefined && (await findById(id)) !== null)
  }
  if (!(await bump())) {
    const record: SelectionRecord = {
      _id: id,
      token: newToken,
      agentOpenid,
      productIds,
      createdAt: now,
      shares: count ? 1 : 0,
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

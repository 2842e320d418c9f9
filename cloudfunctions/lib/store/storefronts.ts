import { command, db, isDuplicateKeyError, rowsOf } from '../platform/cloud'
import { inTransaction } from '../platform/transaction'
import { storefrontId } from './ids'

/**
 * 我的小店: one document per agent (`_id` from its OPENID), made by its first edit or share. The
 * token and the salt of the items' keys are random and made with the document; the token is
 * answered (and opens the customer view) only once the agent has shared the storefront.
 */
export interface StorefrontRecord {
  _id: string
  agentOpenid: string
  /** Null until the agent names it (the answer shows 「<nickname>的小店」). */
  name: string | null
  /** A cloud file ID, or ''. */
  cover: string
  token: string
  /** Hashed with a product's id into the customer's opaque item key; never answered. */
  salt: string
  /** In the agent's order; at most STOREFRONT_MAX. */
  productIds: string[]
  /** 0 until first shared. */
  sharedAt: number
  shares: number
  /** The last counted share press and the fingerprint of what it asked, so its retry counts nothing. */
  lastShare?: { key: string; fingerprint: string }
  /** The mini-program code's image, made on the first share asking for it. */
  codeFileId?: string
  createdAt: number
  updatedAt: number
}

export type StorefrontChanges = Partial<Pick<StorefrontRecord, 'name' | 'cover' | 'productIds'>>

const storefronts = () => db.collection('storefronts')
const fields = {
  _id: true,
  agentOpenid: true,
  name: true,
  cover: true,
  token: true,
  salt: true,
  productIds: true,
  sharedAt: true,
  shares: true,
  lastShare: true,
  codeFileId: true,
  createdAt: true,
  updatedAt: true,
}

export function newStorefront(agentOpenid: string, token: string, salt: string, at: number): StorefrontRecord {
  return {
    _id: storefrontId(agentOpenid),
    agentOpenid,
    name: null,
    cover: '',
    token,
    salt,
    productIds: [],
    sharedAt: 0,
    shares: 0,
    createdAt: at,
    updatedAt: at,
  }
}

export async function findStorefrontOf(agentOpenid: string): Promise<StorefrontRecord | null> {
  const [row] = await rowsOf<StorefrontRecord>(
    storefronts()
      .where({ _id: storefrontId(agentOpenid) })
      .field(fields)
      .limit(1)
      .get(),
  )
  return row ?? null
}

/** The shared storefront of a token (an unshared one's token opens nothing). */
export async function findSharedStorefront(token: string): Promise<StorefrontRecord | null> {
  const [row] = await rowsOf<StorefrontRecord>(
    storefronts()
      .where({ token, sharedAt: command.gt(0) })
      .field(fields)
      .limit(1)
      .get(),
  )
  return row ?? null
}

/**
 * Reads the agent's storefront (or `fresh`, when it has none) and writes what `change` makes of it,
 * in one transaction: two edits at once never lose one another's products. `change` may throw
 * (a refusal) and then nothing is written.
 */
export async function editStorefront(
  fresh: StorefrontRecord,
  change: (current: StorefrontRecord) => StorefrontChanges,
  at: number,
): Promise<StorefrontRecord> {
  return inTransaction(async (tx) => {
    const doc = tx.collection<StorefrontRecord>('storefronts').doc(fresh._id)
    let current = fresh
    let exists = false
    try {
      current = { ...(await doc.get()).data, _id: fresh._id }
      exists = true
    } catch {
      // None yet: the first edit makes it.
    }
    const changes = change(current)
    // An edit that changes nothing (a retry, removing what is not there) writes nothing.
    const same = (Object.keys(changes) as Array<keyof StorefrontChanges>).every(
      (key) => JSON.stringify(changes[key]) === JSON.stringify(current[key]),
    )
    if (exists && same) return current
    const next: StorefrontRecord = { ...current, ...changes, updatedAt: at }
    const { _id: _ignored, ...data } = next
    await doc.set({ data })
    return next
  })
}

/** Makes the agent's storefront unless it has one (two first writers meet at the `_id`); answers the stored one. */
export async function ensureStorefront(fresh: StorefrontRecord): Promise<StorefrontRecord> {
  try {
    await storefronts().add({ data: fresh })
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error
  }
  const [row] = await rowsOf<StorefrontRecord>(storefronts().where({ _id: fresh._id }).field(fields).limit(1).get())
  if (!row) throw new Error('storefront vanished')
  return row
}

/**
 * A share press: marks the storefront shared (first time) and counts one share, unless `press` is
 * the key of the last counted press (its retry). One conditional update; answers whether it counted.
 */
export async function countShare(
  id: string,
  at: number,
  firstShare: boolean,
  press?: { key: string; fingerprint: string },
): Promise<boolean> {
  const where = press ? { _id: id, 'lastShare.key': command.neq(press.key) } : { _id: id }
  const { stats } = (await storefronts()
    .where(where)
    .update({
      data: { shares: command.inc(1), ...(firstShare ? { sharedAt: at } : {}), ...(press ? { lastShare: press } : {}) },
    })) as { stats: { updated: number } }
  return stats.updated > 0
}

/** Drops a cover WeChat found risky, unless the agent has changed it since (R20). */
export async function dropCover(agentOpenid: string, fileId: string): Promise<boolean> {
  const { stats } = (await storefronts()
    .where({ _id: storefrontId(agentOpenid), cover: fileId })
    .update({ data: { cover: '' } })) as { stats: { updated: number } }
  return stats.updated > 0
}

/** Keeps the storefront's mini-program code image, made once. */
export async function saveStorefrontCode(id: string, codeFileId: string): Promise<void> {
  await storefronts().doc(id).update({ data: { codeFileId } })
}

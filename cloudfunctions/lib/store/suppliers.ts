import type { Tier } from '@/domain/supplier'
import { command, db, insertedIdOf, rowsOf } from '../platform/cloud'
import { newestFirst } from '../platform/cursor'
import type { KeyedRecord } from '../platform/idempotency'
import { inTransaction } from '../platform/transaction'

/** A supplier as stored. `homeScene` is the scene of its home mini-program code (R12). */
export interface SupplierRecord extends KeyedRecord {
  _id: string
  ownerOpenid: string
  name: string
  contact: string
  mainCategory: string
  verifiedMember: boolean
  buyerProtection: boolean
  tiers: Tier[]
  homeScene: string
  /** Cloud file of the home code image for `homeScene`, made on first request. */
  homeCodeFileId?: string
  createdAt: number
  updatedAt: number
}

const suppliers = () => db.collection('suppliers')
const fields = {
  _id: true,
  ownerOpenid: true,
  name: true,
  contact: true,
  mainCategory: true,
  verifiedMember: true,
  buyerProtection: true,
  tiers: true,
  homeScene: true,
  homeCodeFileId: true,
  createdAt: true,
  updatedAt: true,
  requestFingerprint: true,
}

export async function findSupplierByOwner(openid: string): Promise<SupplierRecord | null> {
  const [row] = await rowsOf<SupplierRecord>(suppliers().where({ ownerOpenid: openid }).field(fields).limit(1).get())
  return row ?? null
}

export async function findSupplierById(id: string): Promise<SupplierRecord | null> {
  const [row] = await rowsOf<SupplierRecord>(suppliers().where({ _id: id }).field(fields).limit(1).get())
  return row ?? null
}

/** The supplier's return address of 店铺资料 as stored (R19), unchecked: after-sales validates it before use. */
export async function findSupplierReturnAddress(id: string): Promise<unknown> {
  const [row] = await rowsOf<{ returnAddress?: unknown }>(suppliers().where({ _id: id }).field({ returnAddress: true }).limit(1).get())
  return row?.returnAddress ?? null
}

/**
 * Inserts; a second supplier for the same owner fails on the unique index (R1: one per OPENID).
 * `id` when the request's idempotency key names the account.
 */
export async function insertSupplier(record: Omit<SupplierRecord, '_id'>, id?: string): Promise<SupplierRecord> {
  const _id = await insertedIdOf(suppliers().add({ data: id === undefined ? record : { _id: id, ...record } }))
  return { _id, ...record }
}

export async function updateSupplierFlags(
  id: string,
  flags: Pick<SupplierRecord, 'verifiedMember' | 'buyerProtection'>,
  now: number,
): Promise<void> {
  await suppliers()
    .doc(id)
    .update({ data: { ...flags, updatedAt: now } })
}

export async function updateSupplierProfile(
  id: string,
  profile: Pick<SupplierRecord, 'name' | 'contact' | 'mainCategory'>,
  now: number,
): Promise<void> {
  await suppliers()
    .doc(id)
    .update({ data: { name: profile.name, contact: profile.contact, mainCategory: profile.mainCategory, updatedAt: now } })
}

export type ReviewFilter = 'pending' | 'eligible' | 'all'

/** Newest first; `pending` means at least one threshold of R2 is missing. */
export async function listSuppliersForReview(filter: ReviewFilter, cursor: string | undefined, limit: number) {
  const conditions = []
  if (filter === 'pending') conditions.push(command.or([{ verifiedMember: false }, { buyerProtection: false }]))
  if (filter === 'eligible') conditions.push({ verifiedMember: true, buyerProtection: true })
  return rowsOf<SupplierRecord>(
    newestFirst(suppliers(), conditions, 'createdAt', cursor, limit + 1)
      .field(fields)
      .get(),
  )
}

/**
 * Keeps the image made for `homeScene`, unless the scene was rotated meanwhile (then nothing is
 * written, so a late first request can never bring a rotated scene back). Answers whether it saved.
 */
export async function saveHomeCode(id: string, homeScene: string, homeCodeFileId: string, now: number): Promise<boolean> {
  const result = (await suppliers()
    .where({ _id: id, homeScene })
    .update({ data: { homeCodeFileId, updatedAt: now } })) as { stats: { updated: number } }
  return result.stats.updated === 1
}

/** R12 rotation: the new scene and its image in one write, only if the scene is still `fromScene`. */
export async function rotateHomeScene(
  id: string,
  fromScene: string,
  toScene: string,
  homeCodeFileId: string,
  now: number,
): Promise<boolean> {
  const result = (await suppliers()
    .where({ _id: id, homeScene: fromScene })
    .update({ data: { homeScene: toScene, homeCodeFileId, updatedAt: now } })) as { stats: { updated: number } }
  return result.stats.updated === 1
}

/** The supplier whose current home code has this scene (R12); a rotated scene finds nothing. */
export async function findSupplierByScene(homeScene: string): Promise<SupplierRecord | null> {
  const [row] = await rowsOf<SupplierRecord>(suppliers().where({ homeScene }).field(fields).limit(1).get())
  return row ?? null
}

export async function findSuppliersByIds(ids: string[]): Promise<SupplierRecord[]> {
  if (ids.length === 0) return []
  return rowsOf<SupplierRecord>(
    suppliers()
      .where({ _id: command.in(ids) })
      .field(fields)
      .limit(ids.length)
      .get(),
  )
}

/**
 * Replaces the supplier's tier list (R11) in a transaction: `next` sees the tiers as stored at that
 * moment, so two editors saving at once cannot both build on the same old list (the loser re-runs
 * on the winner's list). Whatever `next` throws aborts the transaction and reaches the caller.
 */
export async function replaceTiers(id: string, next: (current: Tier[]) => Tier[], now: number): Promise<{ before: Tier[]; after: Tier[] }> {
  return inTransaction(async (tx) => {
    const doc = tx.collection<SupplierRecord>('suppliers').doc(id)
    const { data } = await doc.get()
    const after = next(data.tiers)
    await doc.update({ data: { tiers: command.set(after), updatedAt: now } })
    return { before: data.tiers, after }
  })
}

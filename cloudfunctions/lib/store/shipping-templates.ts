import type { ShippingInput } from '@/domain/shipping'
import { command, db, insertedIdOf, rowsOf, totalOf } from '../platform/cloud'
import type { KeyedRecord } from '../platform/idempotency'
import { inTransaction, type Transaction } from '../platform/transaction'

/** A shipping template (运费模板, R7) as stored. */
export interface ShippingTemplateRecord extends KeyedRecord {
  _id: string
  supplierId: string
  name: string
  firstFee: number
  additionalFee: number
  regions: ShippingInput['regions']
  freeOver?: number
  createdAt: number
  updatedAt?: number
  /**
   * Replaced in the same transaction as every product write that names the template, so a removal
   * that read it before looking for products can tell whether one took the template meanwhile.
   */
  useToken?: string
}

export type ShippingTemplateContent = Pick<ShippingTemplateRecord, 'name' | 'firstFee' | 'additionalFee' | 'regions' | 'freeOver'>

const templates = () => db.collection('shipping_templates')
const fields = {
  _id: true,
  supplierId: true,
  name: true,
  firstFee: true,
  additionalFee: true,
  regions: true,
  freeOver: true,
  createdAt: true,
  updatedAt: true,
  useToken: true,
  requestFingerprint: true,
}

/** A supplier keeps a handful of templates; the list is read whole. */
export const TEMPLATES_MAX = 50

export async function listOwnTemplates(supplierId: string): Promise<ShippingTemplateRecord[]> {
  return rowsOf<ShippingTemplateRecord>(
    templates().where({ supplierId }).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(TEMPLATES_MAX).field(fields).get(),
  )
}

export async function countOwnTemplates(supplierId: string): Promise<number> {
  return totalOf(templates().where({ supplierId }).count())
}

/** The template when it belongs to this supplier; another supplier's is simply not found. */
export async function findOwnTemplate(supplierId: string, id: string): Promise<ShippingTemplateRecord | null> {
  const [row] = await rowsOf<ShippingTemplateRecord>(templates().where({ _id: id, supplierId }).field(fields).limit(1).get())
  return row ?? null
}

/** `id` when the request's idempotency key names the template. */
export async function insertTemplate(record: Omit<ShippingTemplateRecord, '_id'>, id?: string): Promise<ShippingTemplateRecord> {
  const _id = await insertedIdOf(templates().add({ data: id === undefined ? record : { _id: id, ...record } }))
  return { _id, ...record }
}

export async function updateTemplate(supplierId: string, id: string, content: ShippingTemplateContent, now: number): Promise<void> {
  const { freeOver, ...rest } = content
  // Without a threshold the stored one must go, not stay behind from an earlier save.
  await templates()
    .where({ _id: id, supplierId })
    .update({
      data: { ...rest, regions: command.set(rest.regions), freeOver: freeOver === undefined ? command.remove() : freeOver, updatedAt: now },
    })
}

/** The template read through a transaction: the supplier's own, or null (missing or another's). */
async function readOwnTemplateIn(tx: Transaction, supplierId: string, id: string): Promise<ShippingTemplateRecord | null> {
  try {
    const { data } = await tx.collection<ShippingTemplateRecord>('shipping_templates').doc(id).get()
    return data && data.supplierId === supplierId ? { ...data, _id: id } : null
  } catch {
    return null
  }
}

/**
 * A product write is about to name this template (R7), in the same transaction: false when the
 * template is gone. Writing its token makes a removal that raced it either conflict with this
 * transaction or see the token changed, and look for products again.
 */
export async function takeTemplateIn(tx: Transaction, supplierId: string, id: string, token: string): Promise<boolean> {
  if (!(await readOwnTemplateIn(tx, supplierId, id))) return false
  await tx
    .collection<ShippingTemplateRecord>('shipping_templates')
    .doc(id)
    .update({ data: { useToken: token } })
  return true
}

/**
 * Removes the template unless a product took it since its token was read as `seenToken`
 * ('changed': look for products again); 'gone' when it no longer exists.
 */
export async function removeTemplateIfUntaken(
  supplierId: string,
  id: string,
  seenToken: string | undefined,
): Promise<'removed' | 'gone' | 'changed'> {
  return inTransaction(async (tx) => {
    const template = await readOwnTemplateIn(tx, supplierId, id)
    if (!template) return 'gone'
    if (template.useToken !== seenToken) return 'changed'
    await tx.collection<ShippingTemplateRecord>('shipping_templates').doc(id).remove()
    return 'removed'
  })
}

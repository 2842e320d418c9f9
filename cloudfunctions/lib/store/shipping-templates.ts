import type { ShippingInput } from '@/domain/shipping'
import { command, db, insertedIdOf, rowsOf, totalOf } from '../platform/cloud'

/** A shipping template (运费模板, R7) as stored. */
export interface ShippingTemplateRecord {
  _id: string
  supplierId: string
  name: string
  firstFee: number
  additionalFee: number
  regions: ShippingInput['regions']
  freeOver?: number
  createdAt: number
  updatedAt?: number
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

export async function insertTemplate(record: Omit<ShippingTemplateRecord, '_id'>): Promise<ShippingTemplateRecord> {
  const _id = await insertedIdOf(templates().add({ data: record }))
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

export async function removeTemplate(supplierId: string, id: string): Promise<number> {
  const { stats } = (await templates().where({ _id: id, supplierId }).remove()) as { stats?: { removed?: number } }
  return stats?.removed ?? 0
}

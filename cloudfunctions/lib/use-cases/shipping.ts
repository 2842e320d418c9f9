import type { ActionArgs } from '@/domain/api'
import { AppError } from '@/domain/errors'
import { shortTitle } from '@/domain/order-rules'
import type { Shipping } from '@/domain/shipping'
import type { Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { createOnce, keyedFields, keyedRequest } from '../platform/idempotency'
import { productsUsingTemplate } from '../store/products'
import {
  countOwnTemplates,
  findOwnTemplate,
  insertTemplate,
  listOwnTemplates,
  removeTemplateIfUntaken,
  TEMPLATES_MAX,
  updateTemplate,
  type ShippingTemplateRecord,
} from '../store/shipping-templates'
import { requireOwnSupplier } from '../access'

const NOT_FOUND = '运费模板不存在或已被删除'
/** How many products a refused removal names, and how much of each description. */
const NAMED_PRODUCTS = 3
const EXCERPT_LENGTH = 12

function toShipping(record: ShippingTemplateRecord): Shipping {
  return {
    _id: record._id,
    name: record.name,
    firstFee: record.firstFee,
    additionalFee: record.additionalFee,
    regions: record.regions,
    ...(record.freeOver !== undefined ? { freeOver: record.freeOver } : {}),
  }
}

export async function listShipping(caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  return { items: (await listOwnTemplates(supplier._id)).map(toShipping) }
}

/** One of the supplier's own templates; another supplier's answers as one that does not exist. */
export async function getShipping(input: ActionArgs<'shipping', 'get'>, caller: Caller): Promise<Shipping> {
  const supplier = await requireOwnSupplier(caller)
  const record = await findOwnTemplate(supplier._id, input.id)
  if (!record) throw new AppError('NOT_FOUND', NOT_FOUND)
  return toShipping(record)
}

/** R7: a new template, or with `id` an edit of one of the supplier's own. */
export async function saveShipping(input: ActionArgs<'shipping', 'save'>, caller: Caller): Promise<Shipping> {
  const supplier = await requireOwnSupplier(caller)
  const content = {
    name: input.name,
    firstFee: input.firstFee,
    additionalFee: input.additionalFee,
    regions: input.regions,
    ...(input.freeOver !== undefined ? { freeOver: input.freeOver } : {}),
  }
  const at = now()
  if (input.id) {
    const existing = await findOwnTemplate(supplier._id, input.id)
    if (!existing) throw new AppError('NOT_FOUND', NOT_FOUND)
    await updateTemplate(supplier._id, existing._id, content, at)
    return toShipping({ ...existing, ...content, freeOver: content.freeOver })
  }
  const record = await createOnce(
    keyedRequest(supplier._id, input),
    (id) => findOwnTemplate(supplier._id, id),
    async (keyed) => {
      if ((await countOwnTemplates(supplier._id)) >= TEMPLATES_MAX) {
        throw new AppError('FAILED_PRECONDITION', `最多保存 ${TEMPLATES_MAX} 个运费模板，请先删除不用的模板`)
      }
      return insertTemplate({ supplierId: supplier._id, ...content, createdAt: at, updatedAt: at, ...keyedFields(keyed) }, keyed?.id)
    },
  )
  return toShipping(record)
}

function excerpt(text: string): string {
  return shortTitle(text, EXCERPT_LENGTH)
}

/** How often a removal looks for products again after one took the template meanwhile. */
const REMOVE_ATTEMPTS = 5

/**
 * A template in use stays: products on sale or delisted (which can be relisted) still ship with it.
 * Products are found by a query, which a transaction cannot run, so the template's `useToken` is
 * read first and the removal happens only if no product write took the template since (every
 * product write naming a template replaces the token in its own transaction): a product published
 * at the same moment either lands before, and is found, or is refused because the template is gone.
 */
export async function removeShipping(input: ActionArgs<'shipping', 'remove'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  for (let attempt = 1; attempt <= REMOVE_ATTEMPTS; attempt += 1) {
    const existing = await findOwnTemplate(supplier._id, input.id)
    if (!existing) throw new AppError('NOT_FOUND', NOT_FOUND)
    const users = await productsUsingTemplate(supplier._id, existing._id, NAMED_PRODUCTS)
    if (users.total > 0) {
      const named = users.sample.map((product) => `「${excerpt(product.description)}」`).join('、')
      const more = users.total > users.sample.length ? `等 ${users.total} 件商品` : ''
      throw new AppError('FAILED_PRECONDITION', `${named}${more}正在使用该运费模板，请先为这些商品更换模板后再删除`)
    }
    const outcome = await removeTemplateIfUntaken(supplier._id, existing._id, existing.useToken)
    if (outcome === 'removed') return { removed: 1 }
    if (outcome === 'gone') return { removed: 0 }
  }
  throw new AppError('CONFLICT', '运费模板刚刚被商品使用，请刷新后重试')
}

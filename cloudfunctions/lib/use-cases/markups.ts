import { AppError } from '@/domain/errors'
import { effectiveMarkup, type Markup, type MarkupKind } from '@/domain/markup'
import type { MarkupSettings } from '@/domain/share'
import { requireBoundAgent } from '../access'
import { requireOpenid, type Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { findMarkups, removeMarkup as deleteMarkup, saveMarkup } from '../store/markups'
import { findProductView } from '../store/products'

/**
 * 加价 (R16): an agent's default markup per bound supplier and its overrides per product. Only a
 * bound agent sets or reads them (R9); the retail price is computed from them wherever it is shown.
 */

const PRODUCT_HIDDEN = '商品不存在或已下架'

async function requireProductOf(supplierId: string, productId: string | undefined): Promise<void> {
  if (productId === undefined) return
  const product = await findProductView(productId)
  if (!product || product.supplierId !== supplierId) throw new AppError('NOT_FOUND', PRODUCT_HIDDEN)
}

async function settings(openid: string, supplierId: string, productId: string | undefined): Promise<MarkupSettings> {
  const rows = await findMarkups(openid, [{ supplierId, productId: productId ?? '' }])
  const pick = (id: string): Markup | null => {
    const row = rows.find((r) => r.productId === id)
    return row ? { kind: row.kind, value: row.value, roundUp: row.roundUp } : null
  }
  const supplierDefault = pick('')
  const product = productId ? pick(productId) : null
  return { supplierDefault, product, effective: effectiveMarkup(product, supplierDefault) }
}

export async function setMarkup(
  input: { supplierId: string; productId?: string; kind: MarkupKind; value: number; roundUp: boolean },
  caller: Caller,
): Promise<MarkupSettings> {
  const openid = requireOpenid(caller)
  await requireBoundAgent(openid, input.supplierId)
  await requireProductOf(input.supplierId, input.productId)
  // `suggested` takes no amount: stored as 0 so two equal choices look the same.
  const value = input.kind === 'suggested' ? 0 : input.value
  await saveMarkup({
    agentOpenid: openid,
    supplierId: input.supplierId,
    productId: input.productId ?? '',
    kind: input.kind,
    value,
    roundUp: input.roundUp,
    updatedAt: now(),
  })
  return settings(openid, input.supplierId, input.productId)
}

export async function getMarkup(input: { supplierId: string; productId?: string }, caller: Caller): Promise<MarkupSettings> {
  const openid = requireOpenid(caller)
  await requireBoundAgent(openid, input.supplierId)
  await requireProductOf(input.supplierId, input.productId)
  return settings(openid, input.supplierId, input.productId)
}

export async function removeMarkup(input: { supplierId: string; productId: string }, caller: Caller): Promise<MarkupSettings> {
  const openid = requireOpenid(caller)
  await requireBoundAgent(openid, input.supplierId)
  await requireProductOf(input.supplierId, input.productId)
  await deleteMarkup(openid, input.supplierId, input.productId)
  return settings(openid, input.supplierId, input.productId)
}

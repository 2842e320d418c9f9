import { AppError } from '@/domain/errors'
import type { ActionArgs } from '@/domain/api'
import { effectiveMarkup, type Markup } from '@/domain/markup'
import type { AgentMarkups } from '@/domain/markup-rules'
import type { MarkupSettings } from '@/domain/share'
import { requireBoundAgent, SUPPLIER_HIDDEN } from '../access'
import { requireOpenid, type Caller } from '../platform/caller'
import { writeMarkup } from '../binding-copies'
import { findBinding, PRODUCT_MARKUPS_MAX } from '../store/bindings'
import { findProductView, findProductViews } from '../store/products'

/**
 * 加价 (R16): an agent's default markup per bound supplier and its overrides per product, kept on
 * its binding (so a feed page needs no read for them). Only a bound agent sets or reads
 * them (R9); the retail price is computed from them wherever it is shown.
 */

const PRODUCT_HIDDEN = '商品不存在或已下架'

async function requireProductOf(supplierId: string, productId: string | undefined): Promise<void> {
  if (productId === undefined) return
  const product = await findProductView(productId)
  if (!product || product.supplierId !== supplierId) throw new AppError('NOT_FOUND', PRODUCT_HIDDEN)
}

function settings(markups: AgentMarkups, productId: string | undefined): MarkupSettings {
  const supplierDefault = markups.supplier
  const product = productId ? (markups.products[productId] ?? null) : null
  return { supplierDefault, product, effective: effectiveMarkup(product, supplierDefault) }
}

/**
 * Overrides to drop so that one more fits under PRODUCT_MARKUPS_MAX: those of products that are
 * gone (they can no longer be opened to remove them). None to drop → FAILED_PRECONDITION.
 */
async function roomFor(supplierId: string, markups: AgentMarkups, productId: string): Promise<string[]> {
  const ids = Object.keys(markups.products)
  if (productId === '' || productId in markups.products || ids.length < PRODUCT_MARKUPS_MAX) return []
  const alive = new Set((await findProductViews(ids)).filter((p) => p.supplierId === supplierId).map((p) => p._id))
  const gone = ids.filter((id) => !alive.has(id))
  if (gone.length === 0) {
    throw new AppError('FAILED_PRECONDITION', `最多为 ${PRODUCT_MARKUPS_MAX} 件商品单独加价，请先把部分商品恢复为默认加价`)
  }
  return gone
}

/**
 * Writes the change on the binding. Nothing updated means the binding already held exactly this
 * (an update that changes nothing counts none), or was removed meanwhile (answered as an agent no
 * longer bound), or was removed and made again in between and lacks its copies for a moment.
 */
async function write(openid: string, supplierId: string, productId: string, markup: Markup | null, forget: string[]): Promise<void> {
  if ((await writeMarkup(supplierId, openid, productId, markup, forget)) > 0) return
  const binding = await findBinding(supplierId, openid)
  if (!binding) throw new AppError('NOT_FOUND', SUPPLIER_HIDDEN)
  if (!binding.markups) throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
}

export async function setMarkup(input: ActionArgs<'network', 'setMarkup'>, caller: Caller): Promise<MarkupSettings> {
  const openid = requireOpenid(caller)
  const { markups } = await requireBoundAgent(openid, input.supplierId)
  await requireProductOf(input.supplierId, input.productId)
  // `suggested` takes no amount: stored as 0 so two equal choices look the same.
  const markup: Markup = { kind: input.kind, value: input.kind === 'suggested' ? 0 : input.value, roundUp: input.roundUp }
  const productId = input.productId ?? ''
  const forget = await roomFor(input.supplierId, markups, productId)
  await write(openid, input.supplierId, productId, markup, forget)
  const products = Object.fromEntries(Object.entries(markups.products).filter(([id]) => !forget.includes(id)))
  const next: AgentMarkups =
    productId === '' ? { ...markups, supplier: markup } : { ...markups, products: { ...products, [productId]: markup } }
  return settings(next, input.productId)
}

export async function getMarkup(input: ActionArgs<'network', 'markup'>, caller: Caller): Promise<MarkupSettings> {
  const openid = requireOpenid(caller)
  const { markups } = await requireBoundAgent(openid, input.supplierId)
  await requireProductOf(input.supplierId, input.productId)
  return settings(markups, input.productId)
}

export async function removeMarkup(input: ActionArgs<'network', 'removeMarkup'>, caller: Caller): Promise<MarkupSettings> {
  const openid = requireOpenid(caller)
  const { markups } = await requireBoundAgent(openid, input.supplierId)
  await requireProductOf(input.supplierId, input.productId)
  await write(openid, input.supplierId, input.productId, null, [])
  const products = Object.fromEntries(Object.entries(markups.products).filter(([id]) => id !== input.productId))
  return settings({ ...markups, products }, input.productId)
}

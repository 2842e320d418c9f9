import { NO_MARKUPS } from '@/domain/markup-rules'
import { productThumbnail } from '@/domain/product-rules'
import { specPriceFor, type AgentPricing } from '@/domain/viewer-prices'
import { randomInt } from 'node:crypto'
import type { ActionArgs } from '@/domain/api'
import { shippingProvince } from '@/domain/consignee'
import { AppError } from '@/domain/errors'
import { ORDER_TAG, orderNumber, type Order } from '@/domain/order'
import { dueAt, ORDER_START } from '@/domain/order-machine'
import { quoteTotals, type OrderLineInput, type Quote, type ShippingRule } from '@/domain/order-quote'
import { shortTitle } from '@/domain/order-rules'
import { isShownToOthers } from '@/domain/product'
import { toOrderView } from '../order-views'
import { requireOpenid, type Caller } from '../platform/caller'
import { isDuplicateKeyError } from '../platform/cloud'
import { requestFingerprint, sameRequest } from '../platform/idempotency'
import { now } from '../platform/clock'
import { viewableUrls } from '../platform/files'
import { inTransaction } from '../platform/transaction'
import { rememberAddress } from '../store/addresses'
import { findBinding, type BindingRecord } from '../store/bindings'
import { addOrderIn, findOrderByKey, type OrderItemRecord, type OrderRecord } from '../store/orders'
import { findOrderableProducts, readProductsIn, setSpecStocksIn, type OrderableProductRecord } from '../store/products'
import { findOwnTemplate } from '../store/shipping-templates'
import { findSupplierById, type SupplierRecord } from '../store/suppliers'

/** Placing an order (R7, R11, R17): the cart at the agent's price, the quote, and the order with its stock. */

/** Every refusal of something an agent may not buy reads the same, so it never tells which (R9). */
const PRODUCT_GONE = '商品不存在或已下架'

// ---- the cart: what an agent may buy, at its price (R11, R17) -----------------------------------

interface Cart {
  supplier: SupplierRecord
  binding: BindingRecord
  templates: Map<string, ShippingRule>
}

/**
 * Checks a cart against the products as read (before the transaction for a quote, inside it for
 * the order): one supplier's on-sale products, specs that exist, enough stock, the minimum order.
 * Answers each line's price (the agent's tier, R11) and snapshot.
 */
/** The agent as an order prices it: its tier's purchase price (R11); its markups play no part. */
const agentViewer = (cart: Cart): AgentPricing => ({
  role: 'agent',
  tiers: cart.supplier.tiers,
  tierId: cart.binding.tierId,
  markups: NO_MARKUPS,
})

function priceLines(items: readonly OrderLineInput[], products: ReadonlyMap<string, OrderableProductRecord>, cart: Cart, at: number) {
  const stockLeft = new Map<string, number>()
  return items.map((line, index) => {
    const product = products.get(line.productId)
    if (!product || product.supplierId !== cart.supplier._id || !isShownToOthers(product, at)) {
      throw new AppError('NOT_FOUND', PRODUCT_GONE, [{ path: ['items', index, 'productId'], message: PRODUCT_GONE }])
    }
    if (product.trade && !product.trade.onlineOrdering) throw new AppError('FAILED_PRECONDITION', '该商品暂不支持在线下单，请联系供应商')
    const specIndex = product.specs.findIndex((spec) => spec.id === line.specId)
    const spec = product.specs[specIndex]
    if (!spec)
      throw new AppError('NOT_FOUND', '该规格已不存在，请重新选择', [{ path: ['items', index, 'specId'], message: '该规格已不存在' }])
    const key = `${product._id}/${specIndex}`
    const left = stockLeft.get(key) ?? spec.stock
    if (line.qty > left) {
      const message = left > 0 ? `「${spec.name}」库存只剩 ${left} 件` : `「${spec.name}」已售罄`
      throw new AppError('OUT_OF_STOCK', message, [{ path: ['items', index, 'qty'], message }])
    }
    stockLeft.set(key, left - line.qty)
    const { price: unitPrice } = specPriceFor(agentViewer(cart), product._id, spec)
    return {
      line,
      product,
      specIndex,
      stockAfter: left - line.qty,
      unitPrice,
      item: {
        productId: product._id,
        specId: spec.id,
        qty: line.qty,
        unitPrice,
        snapshot: {
          description: product.description,
          specName: spec.name,
          category: product.category,
          image: spec.images[0] ?? productThumbnail(product.specs),
        },
      } satisfies OrderItemRecord,
    }
  })
}

/** R6 minimum order: each product's pieces together reach its minimum (一件起批 by default). */
function checkMinimums(priced: ReturnType<typeof priceLines>): void {
  const pieces = new Map<string, { qty: number; min: number }>()
  for (const { product, line } of priced) {
    const entry = pieces.get(product._id) ?? { qty: 0, min: product.trade?.minOrderQty ?? 1 }
    entry.qty += line.qty
    pieces.set(product._id, entry)
  }
  for (const { qty, min } of pieces.values()) {
    if (qty < min) throw new AppError('FAILED_PRECONDITION', `该商品 ${min} 件起批`)
  }
}

/**
 * The cart's supplier, the caller's binding to it (only bound agents order) and its shipping
 * templates. R9: a line the caller may not see (no such product, deleted, or — unless it is the
 * caller's own shop's — off sale or of a supplier it is not bound to) is refused before anything
 * else is judged, and always alike; only products it may see can make the cart two suppliers' (or
 * its own shop's).
 */
async function openCart(
  openid: string,
  items: readonly OrderLineInput[],
): Promise<{ cart: Cart; products: Map<string, OrderableProductRecord> }> {
  const at = now()
  const products = new Map((await findOrderableProducts(items.map((i) => i.productId))).map((p) => [p._id, p]))
  const access = new Map<string, { supplier: SupplierRecord; binding: BindingRecord | null }>()
  await Promise.all(
    [...new Set([...products.values()].map((p) => p.supplierId))].map(async (supplierId) => {
      const [supplier, binding] = await Promise.all([findSupplierById(supplierId), findBinding(supplierId, openid)])
      if (supplier) access.set(supplierId, { supplier, binding })
    }),
  )
  const seen = (product: OrderableProductRecord | undefined) => {
    const of = product && access.get(product.supplierId)
    return !!of && (of.supplier.ownerOpenid === openid || (!!of.binding && isShownToOthers(product, at)))
  }
  const hidden = items.findIndex((line) => !seen(products.get(line.productId)))
  if (hidden >= 0) throw new AppError('NOT_FOUND', PRODUCT_GONE, [{ path: ['items', hidden, 'productId'], message: PRODUCT_GONE }])
  const suppliers = new Set(items.map((line) => products.get(line.productId)?.supplierId))
  if (suppliers.size > 1)
    throw new AppError('INVALID_ARGUMENT', '一个订单只能包含同一供应商的商品', [{ path: ['items'], message: '请按供应商分别下单' }])
  const [supplierId] = suppliers
  const only = supplierId === undefined ? undefined : access.get(supplierId)
  if (!only) throw new AppError('NOT_FOUND', PRODUCT_GONE)
  const { supplier, binding } = only
  if (!binding) throw new AppError('FAILED_PRECONDITION', '不能购买自己店铺的商品')
  const rules = new Map<string, ShippingRule>()
  for (const templateIdOfProduct of new Set([...products.values()].map((p) => p.shippingTemplateId))) {
    const template = await findOwnTemplate(supplier._id, templateIdOfProduct)
    if (!template) throw new AppError('FAILED_PRECONDITION', '商品的运费设置有误，请联系供应商')
    rules.set(templateIdOfProduct, template)
  }
  return { cart: { supplier, binding, templates: rules }, products }
}

function totalsOf(priced: ReturnType<typeof priceLines>, cart: Cart, province: string | null) {
  return quoteTotals(
    priced.map(({ unitPrice, line, product }) => ({ unitPrice, qty: line.qty, shippingTemplateId: product.shippingTemplateId })),
    cart.templates,
    province,
  )
}

export async function quote(input: ActionArgs<'order', 'quote'>, caller: Caller): Promise<Quote> {
  const openid = requireOpenid(caller)
  const { cart, products } = await openCart(openid, input.items)
  const priced = priceLines(input.items, products, cart, now())
  checkMinimums(priced)
  const province = input.province ? shippingProvince(input.province) : null
  if (input.province && !province)
    throw new AppError('INVALID_ARGUMENT', '暂不支持配送到该地区', [{ path: ['province'], message: '暂不支持配送到该地区' }])
  const totals = totalsOf(priced, cart, province)
  const urls = await viewableUrls(priced.map((p) => p.item.snapshot.image))
  return {
    supplierId: cart.supplier._id,
    lines: priced.map(({ item, product, specIndex }) => ({
      productId: item.productId,
      specId: item.specId,
      title: shortTitle(item.snapshot.description, 40),
      specName: item.snapshot.specName,
      image: urls.get(item.snapshot.image) ?? '',
      unitPrice: item.unitPrice,
      qty: item.qty,
      subtotal: item.unitPrice * item.qty,
      stock: product.specs[specIndex]?.stock ?? 0,
    })),
    ...totals,
    province,
  }
}

// ---- placing an order --------------------------------------------------------------------------

/**
 * What the order's request submitted, for an order stored before fingerprints were: its lines and
 * consignee are kept as sent, so the fingerprint is the one its request had.
 */
function storedFingerprint(order: OrderRecord): string {
  const items = order.items.map(({ productId, specId, qty }) => ({ productId, specId, qty }))
  return order.requestFingerprint ?? requestFingerprint({ items, consignee: order.consignee })
}

/** The order this key made, when the same request made it; the key with anything else submitted is refused. */
async function existingFor(openid: string, idempotencyKey: string, fingerprint: string): Promise<OrderRecord | null> {
  const existing = await findOrderByKey(openid, idempotencyKey)
  return existing && sameRequest({ ...existing, requestFingerprint: storedFingerprint(existing) }, fingerprint)
}

/** Rounds of the order's transaction (each with the helper's own retries) before answering CONFLICT. */
const ATTEMPTS = 6

function randomDigits(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0')
}

/**
 * R17: the order and its stock in ONE transaction — products are read through it, so a concurrent
 * order that took the same stock makes this commit conflict and re-run on the new stock (never
 * overselling, never negative). Prices are the agent's tier's at this moment (R11), shipping by
 * R7; the client sends neither. The same (agent, idempotencyKey) always answers the same order.
 */
export async function createOrder(input: ActionArgs<'order', 'create'>, caller: Caller): Promise<Order> {
  const openid = requireOpenid(caller)
  const fingerprint = requestFingerprint(input)
  const earlier = await existingFor(openid, input.idempotencyKey, fingerprint)
  if (earlier) return toOrderView(earlier, 'agent')
  const { cart } = await openCart(openid, input.items)
  const province = shippingProvince(input.consignee.province)
  let record: OrderRecord | null = null
  for (let attempt = 0; attempt < ATTEMPTS && !record; attempt += 1) {
    if (attempt > 0) {
      // A retry of this very request may have made the order meanwhile; otherwise wait a little
      // (longer each time, never in step with the others) and try again on the new stock.
      const same = await existingFor(openid, input.idempotencyKey, fingerprint)
      if (same) return toOrderView(same, 'agent')
      await new Promise((done) => setTimeout(done, randomInt(10, 60) * attempt))
    }
    const at = now()
    try {
      record = await inTransaction(async (tx) => {
        const products = await readProductsIn(tx, [...new Set(input.items.map((i) => i.productId))])
        const priced = priceLines(input.items, products, cart, at)
        checkMinimums(priced)
        const totals = totalsOf(priced, cart, province)
        const stocks = new Map<string, Map<number, number>>()
        for (const { product, specIndex, stockAfter } of priced) {
          const map = stocks.get(product._id) ?? new Map<number, number>()
          map.set(specIndex, stockAfter)
          stocks.set(product._id, map)
        }
        for (const [productId, map] of stocks) await setSpecStocksIn(tx, productId, map, at)
        return addOrderIn(tx, {
          orderNo: orderNumber(at, randomDigits()),
          supplierId: cart.supplier._id,
          agentOpenid: openid,
          tag: ORDER_TAG,
          status: ORDER_START,
          items: priced.map((p) => p.item),
          ...totals,
          consignee: input.consignee,
          idempotencyKey: input.idempotencyKey,
          requestFingerprint: fingerprint,
          createdAt: at,
          updatedAt: at,
          dueAt: dueAt(ORDER_START, at),
          cancelNoticeSent: false,
        })
      })
    } catch (error) {
      // Many agents on the same stock: the transaction's own retries ran out. Go round again.
      if (error instanceof AppError && error.code === 'CONFLICT') continue
      // The same request raced itself (the answer to a slow call was lost and it was sent again),
      // or two orders drew the same number in the same second: the next round tells which.
      if (isDuplicateKeyError(error)) continue
      // A refusal (say the last pieces went) may be this request's twin having taken them: the
      // retry answers the twin's order, as a retry sent later would.
      const same = error instanceof AppError ? await existingFor(openid, input.idempotencyKey, fingerprint) : null
      if (same) return toOrderView(same, 'agent')
      throw error
    }
  }
  if (!record) {
    const same = await existingFor(openid, input.idempotencyKey, fingerprint)
    if (same) return toOrderView(same, 'agent')
    throw new AppError('CONFLICT', '下单的人太多了，请稍后重试')
  }
  try {
    await rememberAddress(openid, input.consignee, record.createdAt)
  } catch (error) {
    console.error('[wegong] address not remembered', error)
  }
  return toOrderView(record, 'agent')
}

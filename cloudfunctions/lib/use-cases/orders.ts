import { randomInt, randomBytes } from 'node:crypto'
import { AppError } from '@/domain/errors'
import {
  CSV_HEADER,
  EXPORT_DAYS_MAX,
  EXPORT_ORDERS_MAX,
  ORDER_TAG,
  STATS_DAYS,
  dueAt,
  orderCsvRow,
  orderNumber,
  quoteTotals,
  shanghaiDayRange,
  shippingProvince,
  shortTitle,
  toCsv,
  transition,
  type Consignee,
  type Order,
  type OrderActor,
  type OrderEvent,
  type OrderLineInput,
  type OrderStatus,
  type Quote,
  type ShippingRule,
} from '@/domain/order'
import type { PageInput } from '@/domain/pagination'
import { isOnSale } from '@/domain/product'
import { agentPrice } from '@/domain/tiers'
import { DAY_MS, shanghaiDay } from '@/domain/time'
import { z } from '@/domain/zod'
import { requireOwnSupplier } from '../access'
import { cancelWithStock, notifyPaid, notifyShipped } from '../order-moves'
import { requireOpenid, type Caller } from '../platform/caller'
import { cloud, isDuplicateKeyError } from '../platform/cloud'
import { now } from '../platform/clock'
import { toPage } from '../platform/cursor'
import { viewableUrls } from '../platform/files'
import { templateId } from '../platform/messages'
import { queryTrade, unifiedOrder } from '../platform/pay'
import { inTransaction } from '../platform/transaction'
import { listAddresses, rememberAddress, removeAddress } from '../store/addresses'
import { findBinding, findBindingsOfAgents, type BindingRecord } from '../store/bindings'
import {
  addOrderIn,
  countAgentOrders,
  countSupplierOrders,
  findOrder,
  findOrderByKey,
  findOrderByNo,
  getOrderIn,
  listAgentOrders,
  listOrdersPlacedBetween,
  listSupplierOrders,
  moveOrder,
  type OrderItemRecord,
  type OrderRecord,
  updateOrderIn,
} from '../store/orders'
import { findOrderableProducts, readProductsIn, setSpecStocksIn, type OrderableProductRecord } from '../store/products'
import { findOwnTemplate } from '../store/shipping-templates'
import { addToSupplierDayIn, listSupplierDays } from '../store/supplier-days'
import { findSupplierById, findSupplierByOwner, findSuppliersByIds, type SupplierRecord } from '../store/suppliers'
import { findUsersByOpenids } from '../store/users'

/** Every refusal of something an agent may not buy reads the same, so it never tells which (R9). */
const PRODUCT_GONE = '商品不存在或已下架'
const ORDER_HIDDEN = '订单不存在'

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
function priceLines(items: readonly OrderLineInput[], products: ReadonlyMap<string, OrderableProductRecord>, cart: Cart, at: number) {
  const stockLeft = new Map<string, number>()
  return items.map((line, index) => {
    const product = products.get(line.productId)
    if (!product || product.supplierId !== cart.supplier._id || !isOnSale(product, at)) {
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
    return {
      line,
      product,
      specIndex,
      stockAfter: left - line.qty,
      unitPrice: agentPrice(spec, cart.supplier.tiers, cart.binding.tierId),
      item: {
        productId: product._id,
        specId: spec.id,
        qty: line.qty,
        unitPrice: agentPrice(spec, cart.supplier.tiers, cart.binding.tierId),
        snapshot: {
          description: product.description,
          specName: spec.name,
          category: product.category,
          image: spec.images[0] ?? product.specs.find((s) => s.images.length > 0)?.images[0] ?? '',
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

/** The cart's supplier, the caller's binding to it (only bound agents order) and its shipping templates. */
async function openCart(
  openid: string,
  items: readonly OrderLineInput[],
): Promise<{ cart: Cart; products: Map<string, OrderableProductRecord> }> {
  const products = new Map((await findOrderableProducts(items.map((i) => i.productId))).map((p) => [p._id, p]))
  const supplierIds = new Set([...products.values()].map((p) => p.supplierId))
  if (products.size === 0) throw new AppError('NOT_FOUND', PRODUCT_GONE)
  if (supplierIds.size > 1)
    throw new AppError('INVALID_ARGUMENT', '一个订单只能包含同一供应商的商品', [{ path: ['items'], message: '请按供应商分别下单' }])
  const [supplierId] = [...supplierIds] as [string]
  const [supplier, binding] = await Promise.all([findSupplierById(supplierId), findBinding(supplierId, openid)])
  if (!supplier) throw new AppError('NOT_FOUND', PRODUCT_GONE)
  if (!binding) {
    if (supplier.ownerOpenid === openid) throw new AppError('FAILED_PRECONDITION', '不能购买自己店铺的商品')
    // R9: a product of a supplier the caller is not bound to (never was, or was removed) reads like a missing one.
    throw new AppError('NOT_FOUND', PRODUCT_GONE)
  }
  const rules = new Map<string, ShippingRule>()
  for (const templateIdOfProduct of new Set([...products.values()].map((p) => p.shippingTemplateId))) {
    const template = await findOwnTemplate(supplierId, templateIdOfProduct)
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

export async function quote(input: { items: OrderLineInput[]; province?: string }, caller: Caller): Promise<Quote> {
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

function sameLines(order: OrderRecord, items: readonly OrderLineInput[]): boolean {
  const key = (l: { productId: string; specId: string; qty: number }) => `${l.productId}/${l.specId}/${l.qty}`
  return [...order.items.map(key)].sort().join('|') === [...items.map(key)].sort().join('|')
}

async function existingFor(openid: string, idempotencyKey: string, items: readonly OrderLineInput[]): Promise<OrderRecord | null> {
  const existing = await findOrderByKey(openid, idempotencyKey)
  if (existing && !sameLines(existing, items)) throw new AppError('CONFLICT', '该下单请求已提交过不同的商品，请刷新后重试')
  return existing
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
export async function createOrder(
  input: { idempotencyKey: string; items: OrderLineInput[]; consignee: Consignee },
  caller: Caller,
): Promise<Order> {
  const openid = requireOpenid(caller)
  const earlier = await existingFor(openid, input.idempotencyKey, input.items)
  if (earlier) return toOrderView(earlier, 'agent')
  const { cart } = await openCart(openid, input.items)
  const province = shippingProvince(input.consignee.province)
  let record: OrderRecord | null = null
  for (let attempt = 0; attempt < ATTEMPTS && !record; attempt += 1) {
    if (attempt > 0) {
      // A retry of this very request may have made the order meanwhile; otherwise wait a little
      // (longer each time, never in step with the others) and try again on the new stock.
      const same = await existingFor(openid, input.idempotencyKey, input.items)
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
          status: 'pending_payment',
          items: priced.map((p) => p.item),
          ...totals,
          consignee: input.consignee,
          idempotencyKey: input.idempotencyKey,
          createdAt: at,
          updatedAt: at,
          dueAt: dueAt('pending_payment', at),
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
      const same = error instanceof AppError ? await existingFor(openid, input.idempotencyKey, input.items) : null
      if (same) return toOrderView(same, 'agent')
      throw error
    }
  }
  if (!record) {
    const same = await existingFor(openid, input.idempotencyKey, input.items)
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

// ---- who is asking about an order ------------------------------------------------------------

type Role = 'agent' | 'supplier'

/** The caller's part in the order, or NOT_FOUND when it has none (another agent's or supplier's order is simply not there). */
async function rolesIn(
  order: OrderRecord | null,
  openid: string,
): Promise<{ order: OrderRecord; roles: Role[]; supplier: SupplierRecord | null }> {
  if (!order) throw new AppError('NOT_FOUND', ORDER_HIDDEN)
  const roles: Role[] = []
  if (order.agentOpenid === openid) roles.push('agent')
  const supplier = await findSupplierByOwner(openid)
  if (supplier && supplier._id === order.supplierId) roles.push('supplier')
  if (roles.length === 0) throw new AppError('NOT_FOUND', ORDER_HIDDEN)
  return { order, roles, supplier }
}

/** The role that may make this move, if the caller has it; otherwise the caller's role (refused by the state machine). */
function actingRole(roles: Role[], event: OrderEvent): Role {
  const wanted: Record<OrderEvent, Role[]> = { pay: ['agent'], ship: ['supplier'], cancel: ['agent', 'supplier'], confirm: ['agent'] }
  return roles.find((role) => wanted[event].includes(role)) ?? (roles[0] as Role)
}

function requireMove(order: OrderRecord, event: OrderEvent, actor: OrderActor) {
  const move = transition(order.status, event, actor)
  if (!move.ok) throw new AppError(move.code, move.message)
  return move.to
}

// ---- views --------------------------------------------------------------------------------------

async function toOrderViews(records: OrderRecord[], viewer: Role): Promise<Order[]> {
  const urls = await viewableUrls(records.flatMap((r) => r.items.map((i) => i.snapshot.image)))
  const counterparts = new Map<string, { name: string; remark?: string }>()
  if (viewer === 'agent') {
    const suppliers = await findSuppliersByIds([...new Set(records.map((r) => r.supplierId))])
    for (const s of suppliers) counterparts.set(s._id, { name: s.name })
  } else {
    const [supplierId] = records.map((r) => r.supplierId)
    const agents = [...new Set(records.map((r) => r.agentOpenid))]
    const [users, bindings] = await Promise.all([findUsersByOpenids(agents), supplierId ? findBindingsOfAgents(supplierId, agents) : []])
    const remarks = new Map(bindings.map((b) => [b.agentOpenid, b.remark]))
    for (const u of users)
      counterparts.set(u.openid, { name: u.nickname || '微信用户', ...(remarks.get(u.openid) ? { remark: remarks.get(u.openid) } : {}) })
  }
  return records.map((r) => ({
    _id: r._id,
    orderNo: r.orderNo,
    supplierId: r.supplierId,
    agentOpenid: r.agentOpenid,
    tag: ORDER_TAG,
    status: r.status,
    items: r.items.map((item) => ({ ...item, snapshot: { ...item.snapshot, image: urls.get(item.snapshot.image) ?? '' } })),
    goodsTotal: r.goodsTotal,
    shippingFee: r.shippingFee,
    total: r.total,
    consignee: { ...r.consignee, district: r.consignee.district ?? '' },
    ...(r.logistics ? { logistics: r.logistics } : {}),
    createdAt: r.createdAt,
    ...(r.status === 'pending_payment' && r.dueAt !== null ? { payDeadline: r.dueAt } : {}),
    ...(r.paidAt !== undefined ? { paidAt: r.paidAt } : {}),
    ...(r.shippedAt !== undefined ? { shippedAt: r.shippedAt } : {}),
    ...(r.status === 'shipped' && r.dueAt !== null ? { autoCompleteAt: r.dueAt } : {}),
    ...(r.completedAt !== undefined ? { completedAt: r.completedAt } : {}),
    ...(r.cancelledAt !== undefined ? { cancelledAt: r.cancelledAt } : {}),
    ...(r.cancelledBy !== undefined ? { cancelledBy: r.cancelledBy } : {}),
    counterpart: counterparts.get(viewer === 'agent' ? r.supplierId : r.agentOpenid) ?? {
      name: viewer === 'agent' ? '供应商' : '微信用户',
    },
  }))
}

async function toOrderView(record: OrderRecord, viewer: Role): Promise<Order> {
  const [view] = await toOrderViews([record], viewer)
  if (!view) throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
  return view
}

// ---- reading ----------------------------------------------------------------------------------

export async function getOrder(input: { id: string }, caller: Caller): Promise<Order> {
  const openid = requireOpenid(caller)
  const { order, roles } = await rolesIn(await findOrder(input.id), openid)
  return toOrderView(order, roles.includes('agent') ? 'agent' : 'supplier')
}

export async function listMine(input: PageInput & { status?: OrderStatus }, caller: Caller) {
  const openid = requireOpenid(caller)
  const page = toPage(await listAgentOrders(openid, input.status, input.cursor, input.limit), input.limit, (o) => o.createdAt)
  return { items: await toOrderViews(page.items, 'agent'), nextCursor: page.nextCursor }
}

export async function countsMine(_input: object, caller: Caller) {
  return countAgentOrders(requireOpenid(caller))
}

export async function listSold(input: PageInput & { status?: OrderStatus; q?: string }, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const rows = await listSupplierOrders(supplier._id, input.status, input.q || undefined, input.cursor, input.limit)
  const page = toPage(rows, input.limit, (o) => o.createdAt)
  return { items: await toOrderViews(page.items, 'supplier'), nextCursor: page.nextCursor }
}

export async function countsSold(_input: object, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  return countSupplierOrders(supplier._id)
}

// ---- moves by people ---------------------------------------------------------------------------

export async function pay(input: { id: string }, caller: Caller) {
  const openid = requireOpenid(caller)
  const { order, roles } = await rolesIn(await findOrder(input.id), openid)
  if (!roles.includes('agent')) throw new AppError('FORBIDDEN', '只有下单的代理可以付款')
  if (order.status !== 'pending_payment') throw new AppError('FAILED_PRECONDITION', '订单不是待付款状态，无法支付')
  const deadline = order.dueAt ?? 0
  if (now() >= deadline) throw new AppError('FAILED_PRECONDITION', '订单已超时，请重新下单')
  const [first] = order.items
  const body = `微供-${first ? shortTitle(first.snapshot.description, 16) : '订单'}`
  const payment = await unifiedOrder({ orderNo: order.orderNo, body, totalFen: order.total, expiresAt: deadline })
  return { payment, orderNo: order.orderNo, total: order.total }
}

export async function ship(input: { id: string; carrier: string; trackingNo: string }, caller: Caller): Promise<Order> {
  const openid = requireOpenid(caller)
  const { order, roles } = await rolesIn(await findOrder(input.id), openid)
  const to = requireMove(order, 'ship', actingRole(roles, 'ship'))
  const at = now()
  const changes = {
    status: to,
    logistics: { carrier: input.carrier, trackingNo: input.trackingNo, shippedAt: at },
    shippedAt: at,
    dueAt: dueAt(to, at),
    updatedAt: at,
  }
  if (!(await moveOrder(order._id, 'paid', changes))) throw new AppError('FAILED_PRECONDITION', '订单状态已变化，请刷新后重试')
  const shipped = { ...order, ...changes }
  await notifyShipped(shipped)
  return toOrderView(shipped, 'supplier')
}

export async function cancel(input: { id: string }, caller: Caller): Promise<Order> {
  const openid = requireOpenid(caller)
  const { roles } = await rolesIn(await findOrder(input.id), openid)
  const role = actingRole(roles, 'cancel')
  const cancelled = await cancelWithStock(input.id, role, now())
  return toOrderView(cancelled, role)
}

export async function confirm(input: { id: string }, caller: Caller): Promise<Order> {
  const openid = requireOpenid(caller)
  const { order, roles } = await rolesIn(await findOrder(input.id), openid)
  const to = requireMove(order, 'confirm', actingRole(roles, 'confirm'))
  const at = now()
  const changes = { status: to, completedAt: at, completedBy: 'agent' as const, dueAt: null, updatedAt: at }
  if (!(await moveOrder(order._id, 'shipped', changes))) throw new AppError('FAILED_PRECONDITION', '订单状态已变化，请刷新后重试')
  return toOrderView({ ...order, ...changes }, 'agent')
}

// ---- the payment callback (called by WeChat Pay, not by a user) --------------------------------

/** What cloudPay passes the callback function (camelCase). Only `outTradeNo` is trusted, and only to ask WeChat Pay. */
export const PayNotice = z
  .object({ outTradeNo: z.string().min(1).max(32), totalFee: z.coerce.number().int().optional(), resultCode: z.string().optional() })
  .passthrough()

export type PayResult = { errcode: 0; errmsg: string } | { errcode: number; errmsg: string }

/**
 * Marks an order paid, once. The event is not trusted: WeChat Pay's own record of the payment is
 * asked for (`queryOrder`) and must say paid with exactly the order's total; the order moves only
 * from 待付款. A repeated notice of a paid order is acknowledged without doing anything again.
 */
export async function recordPayment(event: unknown): Promise<PayResult> {
  const notice = PayNotice.safeParse(event)
  if (!notice.success) return { errcode: 1, errmsg: 'bad notice' }
  const order = await findOrderByNo(notice.data.outTradeNo)
  if (!order) return { errcode: 2, errmsg: 'unknown order' }
  const trade = await queryTrade(order.orderNo)
  if (!trade.paid) return { errcode: 3, errmsg: 'not paid' }
  if (trade.totalFen !== order.total || (notice.data.totalFee !== undefined && notice.data.totalFee !== order.total)) {
    console.error(`[wegong] payment of ${order.orderNo}: ${trade.totalFen} fen paid, ${order.total} fen due; order left unpaid`)
    return { errcode: 4, errmsg: 'amount mismatch' }
  }
  if (order.status !== 'pending_payment') {
    if (order.transactionId === trade.transactionId) return { errcode: 0, errmsg: 'OK' }
    // Paid after it was cancelled (the payment raced the timer): acknowledged, logged for a refund.
    console.error(`[wegong] payment ${trade.transactionId} for ${order.orderNo} arrived in status ${order.status}; refund it`)
    return { errcode: 0, errmsg: 'OK' }
  }
  const to = requireMove(order, 'pay', 'payment')
  const at = now()
  const changes = { status: to, paidAt: at, transactionId: trade.transactionId, dueAt: null, updatedAt: at }
  // The order and the day's sales move in one transaction: a crash between them would leave a paid
  // order uncounted for good (the repeated notice finds the order paid and does nothing). Counted
  // once: only the notice that moves the order from 待付款 counts it.
  const moved = await inTransaction(async (tx) => {
    const current = await getOrderIn(tx, order._id)
    if (current?.status !== 'pending_payment') return false
    await updateOrderIn(tx, order._id, changes)
    await addToSupplierDayIn(tx, order.supplierId, shanghaiDay(at), { paidOrders: 1, salesFen: order.total })
    return true
  })
  if (!moved) return { errcode: 0, errmsg: 'OK' }
  const supplier = await findSupplierById(order.supplierId)
  if (supplier) await notifyPaid({ ...order, ...changes }, supplier.ownerOpenid)
  return { errcode: 0, errmsg: 'OK' }
}

// ---- export, address book, subscriptions, 经营数据 ---------------------------------------------------

export async function exportOrders(input: { fromDay: string; toDay: string; status?: OrderStatus }, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const { from, to } = shanghaiDayRange(input.fromDay, input.toDay)
  if (!(to > from))
    throw new AppError('INVALID_ARGUMENT', '结束日期不能早于开始日期', [{ path: ['toDay'], message: '结束日期不能早于开始日期' }])
  if (to - from > EXPORT_DAYS_MAX * DAY_MS)
    throw new AppError('INVALID_ARGUMENT', `一次最多导出 ${EXPORT_DAYS_MAX} 天`, [
      { path: ['fromDay'], message: `一次最多导出 ${EXPORT_DAYS_MAX} 天` },
    ])
  const rows = await listOrdersPlacedBetween(supplier._id, from, to, input.status, EXPORT_ORDERS_MAX + 1)
  if (rows.length > EXPORT_ORDERS_MAX) throw new AppError('FAILED_PRECONDITION', `超过 ${EXPORT_ORDERS_MAX} 单，请缩短日期范围后分次导出`)
  const agents = [...new Set(rows.map((r) => r.agentOpenid))]
  const [users, bindings] = await Promise.all([findUsersByOpenids(agents), findBindingsOfAgents(supplier._id, agents)])
  const names = new Map(users.map((u) => [u.openid, u.nickname || '微信用户']))
  const remarks = new Map(bindings.map((b) => [b.agentOpenid, b.remark]))
  const csv = toCsv([
    CSV_HEADER,
    ...rows.map((r) =>
      orderCsvRow({
        ...r,
        agentName: remarks.get(r.agentOpenid) || names.get(r.agentOpenid) || '微信用户',
        consignee: { ...r.consignee, district: r.consignee.district ?? '' },
      }),
    ),
  ])
  // A random folder: the temporary URL carries the path, and nobody should guess another export's.
  const cloudPath = `exports/${randomBytes(12).toString('hex')}/orders-${input.fromDay}-${input.toDay}.csv`
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(csv, 'utf8') })
  const url = (await viewableUrls([fileID])).get(fileID) ?? ''
  return { fileID, url, fileName: `微供订单_${input.fromDay}_${input.toDay}.csv`, count: rows.length }
}

export async function addresses(_input: object, caller: Caller) {
  const openid = requireOpenid(caller)
  const rows = await listAddresses(openid)
  return { items: rows.map((r) => ({ id: r._id, consignee: { ...r.consignee, district: r.consignee.district ?? '' }, usedAt: r.usedAt })) }
}

export async function forgetAddress(input: { id: string }, caller: Caller) {
  return { removed: await removeAddress(requireOpenid(caller), input.id) }
}

/** The template ids the app asks subscriptions for (requestSubscribeMessage); unset ones are left out. */
export async function templates(_input: object, caller: Caller) {
  requireOpenid(caller)
  return {
    agent: [templateId('orderShipped'), templateId('orderCancelSoon')].filter(Boolean),
    supplier: [templateId('orderPaid')].filter(Boolean),
  }
}

/** 经营数据: the last 30 Shanghai days from the daily counters (never a scan of the orders). */
export async function stats(_input: object, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const today = now()
  const days = Array.from({ length: STATS_DAYS }, (_, i) => shanghaiDay(today - (STATS_DAYS - 1 - i) * DAY_MS))
  const stored = new Map((await listSupplierDays(supplier._id, days[0] as string, days[days.length - 1] as string)).map((d) => [d.day, d]))
  return {
    days: days.map((day) => {
      const d = stored.get(day)
      return { day, paidOrders: d?.paidOrders ?? 0, salesFen: d?.salesFen ?? 0, forwards: d?.forwards ?? 0 }
    }),
  }
}

import { randomInt } from 'node:crypto'
import type { Answer } from '@/domain/errors'
import { CONSIGNEE } from '../../functions/order-fixtures'
import { PNG } from '../../functions/product-fixtures'
import type { Invariants } from '../invariants'
import { OPERATOR, TimedOut, Unanswered, call, ok, post } from './cloud-process'

/**
 * The crash test's write-heavy run — publishing, binding, ordering, paying, cancelling, shipping,
 * uploading, the timer cancelling unpaid orders — and what it was told: every write answered ok,
 * which must survive every crash.
 */

export const SUPPLIER = 'crash-supplier'
/** Every spec of every product starts with this stock, so a product whose publish was never answered can be checked too. */
export const STOCKS = [40, 25]

/** The statuses of an order that was paid. */
export const PAID = ['paid', 'shipped', 'completed']

export interface Product {
  _id: string
  specs: Array<{ id: string }>
}
export interface Order {
  _id: string
  orderNo: string
  agentOpenid: string
  total: number
}

/** Writes answered ok (must survive every crash) and what the run may use next. */
export const acknowledged = {
  products: new Map<string, Product>(),
  agents: new Set<string>(),
  orders: new Map<string, Order>(),
  keys: new Map<string, string>(),
  paid: new Set<string>(),
  cancelled: new Set<string>(),
  shipped: new Set<string>(),
  /**
   * Payments the callback acknowledged on an order cancelled first (the cancellation raced the payment
   * sheet): order id → the payment's transaction. The order stays cancelled and the money is owed
   * back (SPEC R19: a payment that lands on a cancelled order is refunded).
   */
  refundsOwed: new Map<string, string>(),
  /** Uploaded files: cloud path → the bytes sent. */
  files: new Map<string, Buffer>(),
  /** Customer opens of the shared card answered ok (each must be counted exactly once), and the card. */
  opens: 0,
  card: null as null | { token: string; productId: string; agent: string },
}
/** Order requests never answered: retried after the restart with the same key, as the phone would. */
let unansweredOrders: Array<{ agent: string; key: string; items: object[] }> = []

let templateId = ''
let image = ''
let scene = ''
let agentCount = 0
let keyCount = 0

export async function arrange(base: string): Promise<void> {
  await ok(base, 'user', 'login', {}, SUPPLIER)
  const { cloudPath } = await ok<{ cloudPath: string }>(base, 'user', 'uploadPath', { kind: 'products', ext: 'png' }, SUPPLIER)
  const supplier = await ok<{ _id: string }>(
    base,
    'supplier',
    'register',
    { name: '崩溃测试供应商', contact: '13800138000', mainCategory: '女装' },
    SUPPLIER,
  )
  await ok(base, 'supplier', 'verify', { supplierId: supplier._id, verifiedMember: true, buyerProtection: true }, OPERATOR)
  templateId = (await ok<{ _id: string }>(base, 'shipping', 'save', { name: '默认运费', firstFee: 800, additionalFee: 200 }, SUPPLIER))._id
  const uploaded = (await (
    await fetch(`${base}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { 'x-wegong-openid': SUPPLIER },
      body: new Uint8Array(PNG),
    })
  ).json()) as { data: { fileID: string } }
  image = uploaded.data.fileID
  scene = (await ok<{ scene: string }>(base, 'supplier', 'homeCode', {}, SUPPLIER)).scene
}

const pick = <T>(items: T[]): T | undefined => items[randomInt(0, Math.max(1, items.length))]

export async function publish(base: string): Promise<void> {
  const product = await ok<Product>(
    base,
    'product',
    'create',
    {
      category: '女装',
      description: '崩溃测试商品：夏季新款连衣裙',
      specs: STOCKS.map((stock, i) => ({ name: `规格${i}`, images: [image], price: 3980 - i * 1000, tierPrices: {}, stock })),
      shippingTemplateId: templateId,
    },
    SUPPLIER,
  )
  acknowledged.products.set(product._id, product)
}

export async function bind(base: string): Promise<void> {
  agentCount += 1
  const agent = `crash-agent-${agentCount}`
  await ok(base, 'user', 'login', {}, agent)
  await ok(base, 'network', 'bind', { scene }, agent)
  acknowledged.agents.add(agent)
}

export async function order(base: string): Promise<void> {
  const agent = pick([...acknowledged.agents])
  const product = pick([...acknowledged.products.values()])
  if (!agent || !product) return
  keyCount += 1
  const key = `crash-key-${keyCount}`
  const items = product.specs
    .slice(0, randomInt(1, product.specs.length + 1))
    .map((spec) => ({ productId: product._id, specId: spec.id, qty: randomInt(1, 4) }))
  let answer: Answer<Order>
  try {
    answer = await call<Order>(base, 'order', 'create', { idempotencyKey: key, items, consignee: CONSIGNEE }, agent)
  } catch (error) {
    if (error instanceof Unanswered) unansweredOrders.push({ agent, key, items })
    throw error
  }
  if (answer.ok) {
    acknowledged.orders.set(answer.data._id, answer.data)
    acknowledged.keys.set(`${agent}/${key}`, answer.data._id)
  } else if (answer.error.code !== 'OUT_OF_STOCK') throw new Error(`order.create: ${answer.error.code} ${answer.error.message}`)
}

/** The order the run placed last. */
export function lastOrder(): Order {
  const last = [...acknowledged.orders.values()].at(-1)
  if (!last) throw new Error('the run has placed no order')
  return last
}

const unpaidOrders = () =>
  [...acknowledged.orders.values()].filter(
    (o) => !acknowledged.paid.has(o._id) && !acknowledged.cancelled.has(o._id) && !acknowledged.refundsOwed.has(o._id),
  )

/**
 * The payment sheet (`/_local/pay`): pays the payment of `order.pay` and runs the callback, as WeChat
 * does; then the app shows the order. The callback's `errcode: 0` only tells WeChat Pay to stop
 * sending the notice — it answers the same for a payment that landed on an order cancelled
 * meanwhile — so what the run holds the system to is the order as the app then reads it: paid, or
 * cancelled with the payment owed back.
 */
export async function paySheet(base: string, target: Order, pkg: string): Promise<{ callback?: { errcode?: number } }> {
  const paid = (await post(`${base}/_local/pay`, { package: pkg })) as {
    ok: boolean
    data?: { transactionId: string; callback: { errcode?: number } }
  }
  if (paid.ok && paid.data?.callback.errcode === 0) {
    const shown = await ok<{ status: string }>(base, 'order', 'get', { id: target._id }, target.agentOpenid)
    if (PAID.includes(shown.status)) acknowledged.paid.add(target._id)
    else if (shown.status === 'cancelled') acknowledged.refundsOwed.set(target._id, paid.data.transactionId)
    else throw new Error(`order ${target._id} is ${shown.status} after its payment was acknowledged`)
  }
  return paid.data ?? {}
}

/** Pays as the user does: order.pay, then the payment sheet. */
export async function pay(base: string): Promise<void> {
  const target = pick(unpaidOrders())
  if (!target) return
  const { payment } = await ok<{ payment: { package: string } }>(base, 'order', 'pay', { id: target._id }, target.agentOpenid)
  await paySheet(base, target, payment.package)
}

export async function cancel(base: string): Promise<void> {
  const target = pick(unpaidOrders())
  if (!target) return
  const answer = await call(base, 'order', 'cancel', { id: target._id }, randomInt(0, 2) === 0 ? SUPPLIER : target.agentOpenid)
  if (answer.ok) acknowledged.cancelled.add(target._id)
}

async function ship(base: string): Promise<void> {
  const target = pick([...acknowledged.paid].filter((id) => !acknowledged.shipped.has(id)))
  if (!target) return
  const answer = await call(base, 'order', 'ship', { id: target, carrier: '顺丰速运', trackingNo: `SF${randomInt(1e9, 9e9)}` }, SUPPLIER)
  if (answer.ok) acknowledged.shipped.add(target)
}

/** A picture an agent uploads, as the app does before 发布 or a poster: its bytes must survive. */
async function upload(base: string): Promise<void> {
  const agent = pick([...acknowledged.agents])
  if (!agent) return
  // A fresh name per upload, as the app asks for one (user.uploadPath).
  const { cloudPath } = await ok<{ cloudPath: string }>(base, 'user', 'uploadPath', { kind: 'products', ext: 'png' }, agent)
  const bytes = Buffer.concat([PNG, Buffer.from(randomInt(1e9, 9e9).toString())])
  let response: Response
  try {
    response = await fetch(`${base}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { 'x-wegong-openid': agent },
      body: new Uint8Array(bytes),
    })
    await response.json()
  } catch (error) {
    throw new Unanswered((error as Error).message)
  }
  if (response.ok) acknowledged.files.set(cloudPath, bytes)
}

/** Half an hour passes: the expire timer cancels the unpaid orders due and gives their stock back. */
async function passTime(base: string): Promise<void> {
  await post(`${base}/_local/clock`, { advanceMs: 31 * 60_000 })
}

/**
 * One worker: random writes until the process dies under it; `going` after each move that got its
 * answer or ran out of time (either way the functions are running).
 */
export async function worker(base: string, going: () => void): Promise<void> {
  const moves = [publish, bind, bind, order, order, order, order, order, pay, pay, pay, cancel, ship, upload]
  // Rarely: the timer's cancellations race the run.
  if (randomInt(0, 3) === 0) moves.push(passTime)
  for (;;) {
    const move = pick(moves) ?? order
    try {
      await move(base)
      going()
    } catch (error) {
      // Timed out: its outcome unknown, the process still there, so the run goes on.
      if (error instanceof TimedOut) {
        going()
        continue
      }
      if (error instanceof Unanswered) return
      // A refusal the run did not expect (a busy store answering CONFLICT is fine: retried later).
      if (!/CONFLICT|FAILED_PRECONDITION/.test((error as Error).message)) throw error
    }
  }
}

/** An agent shares a published product as a card (`feed.share`): the card customers open. */
export async function shareCard(base: string): Promise<void> {
  const agent = [...acknowledged.agents][0]
  const product = [...acknowledged.products.values()][0]
  if (!agent || !product) throw new Error('the run has no agent or product to share')
  const { token } = await ok<{ token: string }>(base, 'feed', 'share', { productId: product._id }, agent)
  acknowledged.card = { token, productId: product._id, agent }
}

/** `count` customers open the card, one after another, each with its own key as the app sends. */
export async function openCard(base: string, count: number): Promise<void> {
  const card = acknowledged.card
  if (!card) throw new Error('no card shared yet')
  for (let i = 0; i < count; i += 1) {
    await ok(base, 'feed', 'shareView', { token: card.token, idempotencyKey: `crash-open-${acknowledged.opens + 1}` })
    acknowledged.opens += 1
  }
}

/** After a restart: the phone retries what was never answered, and must get one order per key. */
export async function retryUnanswered(base: string, label: string, inv: Invariants): Promise<void> {
  const retries = unansweredOrders
  unansweredOrders = []
  for (const { agent, key, items } of retries) {
    let answer: Answer<Order>
    try {
      answer = await call<Order>(base, 'order', 'create', { idempotencyKey: key, items, consignee: CONSIGNEE }, agent)
    } catch (error) {
      // Unanswered again (the function timed out): retried after the next restart.
      if (!(error instanceof Unanswered)) throw error
      unansweredOrders.push({ agent, key, items })
      continue
    }
    inv.check(answer.ok || ['OUT_OF_STOCK', 'NOT_FOUND'].includes(answer.error.code), `${label}: a retried order answers`, () => answer)
    if (answer.ok) {
      acknowledged.orders.set(answer.data._id, answer.data)
      acknowledged.keys.set(`${agent}/${key}`, answer.data._id)
    }
  }
}

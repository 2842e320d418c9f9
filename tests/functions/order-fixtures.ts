import type { ActionOutput } from '@/domain/api'
import type { ConsigneeInput } from '@/domain/order'
import type { TestCloud } from './test-cloud'
import { boundAgent } from './network-fixtures'
import { productInput, publisher, specInput } from './product-fixtures'

/** Arrangements shared by the order tests. */

export const CONSIGNEE: ConsigneeInput = {
  name: '李小红',
  phone: '13912345678',
  province: '广东省',
  city: '深圳市',
  district: '南山区',
  address: '科技园南区 1 栋 101',
}

let keys = 0
/** A fresh idempotency key, as the app makes one per checkout. */
export function newKey(): string {
  keys += 1
  return `key-${Date.now().toString(36)}-${keys}`
}

/**
 * A supplier that can publish, one product with two specs (3980 and 2500 fen, stock 100 and 50),
 * and a bound agent of the default tier.
 */
export async function shopWithAgent(
  t: TestCloud,
  supplier: string,
  agent: string,
  specs?: (image: string) => Array<Record<string, unknown>>,
) {
  const shop = await publisher(t, supplier)
  const product = await t.ok(
    'product',
    'create',
    productInput(shop.templateId, shop.image, {
      specs: specs?.(shop.image) ?? [
        specInput(shop.image, { name: '红色 / M', price: 3980, stock: 100 }),
        specInput(shop.image, { name: '蓝色 / L', price: 2500, stock: 50 }),
      ],
    }),
    supplier,
  )
  await boundAgent(t, agent, shop.supplier._id, `代理${agent}`)
  return { shop, product, spec: product.specs[0]!, spec2: product.specs[1] }
}

export async function placeOrder(
  t: TestCloud,
  agent: string,
  items: Array<{ productId: string; specId: string; qty: number }>,
  consignee: ConsigneeInput = CONSIGNEE,
) {
  return t.ok('order', 'create', { idempotencyKey: newKey(), items, consignee }, agent)
}

/** Pays in the local 模拟支付 sheet: POST /_local/pay with the payment's package. */
export async function payInSheet(
  t: TestCloud,
  pkg: string,
): Promise<{ status: number; body: { ok: boolean; data?: { callback: unknown; transactionId: string } } }> {
  const response = await fetch(`${t.cloud.url}/_local/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ package: pkg }),
  })
  return { status: response.status, body: (await response.json()) as { ok: boolean; data?: { callback: unknown; transactionId: string } } }
}

export async function payOrder(t: TestCloud, agent: string, order: ActionOutput<'order', 'create'>) {
  const { payment } = await t.ok('order', 'pay', { id: order._id }, agent)
  return payInSheet(t, payment.package)
}

export interface LoggedMessage {
  touser: string
  templateId: string
  page: string
  from: string
  data: Record<string, { value: string }>
}

export async function sentMessages(t: TestCloud): Promise<LoggedMessage[]> {
  const answer = (await (await fetch(`${t.cloud.url}/_local/messages`)).json()) as { data: { items: LoggedMessage[] } }
  return answer.data.items
}

/** The user taps 允许 in WeChat's subscribe dialog: one send of each template (the local stand-in, POST /_local/subscribe). */
export async function subscribe(t: TestCloud, openid: string, templateIds: string[]): Promise<void> {
  const response = await fetch(`${t.cloud.url}/_local/subscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid, templateIds }),
  })
  if (!response.ok) throw new Error(`POST /_local/subscribe answered ${response.status}`)
}

export interface SkippedSend {
  touser: string
  templateId: string
  from: string
  errcode: number
}

/** Sends WeChat refused because the user had no acceptance left (GET /_local/subscriptions). */
export async function skippedSends(t: TestCloud): Promise<SkippedSend[]> {
  const answer = (await (await fetch(`${t.cloud.url}/_local/subscriptions`)).json()) as { data: { skipped: SkippedSend[] } }
  return answer.data.skipped
}

export function storedOrder(t: TestCloud, id: string) {
  return t.db.find('orders', { _id: id })[0] as Record<string, unknown> & { status: string; dueAt: number | null }
}

export function storedStock(t: TestCloud, productId: string): number[] {
  const [product] = t.db.find('products', { _id: productId }) as Array<{ specs: Array<{ stock: number }> }>
  return product?.specs.map((s) => s.stock) ?? []
}

/** Everything an order can change, to prove a refused call changed nothing. */
export function storeSnapshot(t: TestCloud): string {
  return JSON.stringify({ orders: t.db.find('orders'), products: t.db.find('products'), days: t.db.find('supplier_days') })
}

/** Changes a stored order behind the functions' back (a test's stand-in for a tampered or racing write). */
export async function setOrderField(t: TestCloud, id: string, changes: Record<string, unknown>): Promise<void> {
  await t.db.handle({
    action: 'database.modifyDocument',
    collectionName: 'orders',
    query: JSON.stringify({ _id: id }),
    data: JSON.stringify({ $set: changes }),
    multi: false,
    merge: true,
    upsert: false,
  })
}

/**
 * Starts every function an order test calls, in the file's hook (60 s) rather than in its first test
 * (30 s): on a busy machine the cold starts are most of that first test's time. Its shop and agent
 * are its own, so no test sees them.
 */
export async function warmUpOrderFunctions(t: TestCloud): Promise<void> {
  const { product, spec } = await shopWithAgent(t, 'warm-sup', 'warm-agent')
  await t.ok('order', 'quote', { items: [{ productId: product._id, specId: spec.id, qty: 1 }] }, 'warm-agent')
}

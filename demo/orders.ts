import { keyedId } from '../cloudfunctions/lib/platform/ids'
import type { AddressRecord } from '../cloudfunctions/lib/store/addresses'
import type { BindingRecord } from '../cloudfunctions/lib/store/bindings'
import { addressId, supplierDayId } from '../cloudfunctions/lib/store/ids'
import type { OrderItemRecord, OrderRecord } from '../cloudfunctions/lib/store/orders'
import type { ProductRecord } from '../cloudfunctions/lib/store/products'
import type { ShippingTemplateRecord } from '../cloudfunctions/lib/store/shipping-templates'
import type { SupplierDayRecord } from '../cloudfunctions/lib/store/supplier-days'
import type { SupplierRecord } from '../cloudfunctions/lib/store/suppliers'
import { ORDER_TAG, dueAt, orderNumber, quoteTotals, type Consignee, type OrderStatus } from '../src/domain/order'
import { agentPrice } from '../src/domain/tiers'
import { DAY_MS, MINUTE_MS, shanghaiDay } from '../src/domain/time'
import { demoOpenids } from './people'
import type { DemoShareDay } from './posts'

/**
 * The demo's orders (R17): a few per status for both demo agents, so 我的订单, 已卖出的商品, the admin
 * home's 待发货 and 经营数据 show something on `npm start`; with the address book and the daily
 * counters the orders would have written. Only what people chose is written here (who ordered
 * what to whom, and when things happened); prices, shipping, totals, snapshots, ids and counters are
 * made by the product's own rules from the demo's catalogue, tiers and shipping template, as
 * `order.create` makes them (tests/demo/demo-orders.test.ts checks them against `order.quote`).
 */
interface DemoLine {
  productId: string
  specId: string
  qty: number
}

type DemoOrderName = 'unpaid' | 'paid' | 'paid-2' | 'shipped' | 'completed' | 'cancelled'

interface DemoOrder {
  name: DemoOrderName
  agent: 0 | 1
  status: OrderStatus
  minutesAgo: number
  lines: DemoLine[]
  consignee: Consignee
  paidMinutesAfter?: number
  shipped?: { carrier: string; trackingNo: string; minutesAgo: number }
  completedMinutesAgo?: number
  cancelledMinutesAgo?: number
}

const customer: Consignee = {
  name: '王女士',
  phone: '13757112345',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  address: '文三路 90 号 东部软件园 3 号楼',
}
const ownAddress: Consignee = {
  name: '小美',
  phone: '13912345678',
  province: '广东省',
  city: '深圳市',
  district: '南山区',
  address: '科技园南区 1 栋 101',
}
const xinjiang: Consignee = {
  name: '阿依古丽',
  phone: '13999112233',
  province: '新疆维吾尔自治区',
  city: '乌鲁木齐市',
  district: '天山区',
  address: '人民路 18 号',
}

/** The first agent's consignees, for the orders the after-sales demo places (demo/aftersales.ts). */
export const DEMO_CONSIGNEES = { customer, ownAddress } as const

const orders: readonly DemoOrder[] = [
  {
    name: 'unpaid',
    agent: 0,
    status: 'pending_payment',
    minutesAgo: 3,
    lines: [{ productId: 'demo-p-dress', specId: 'dress-s1', qty: 1 }],
    consignee: customer,
  },
  {
    name: 'paid',
    agent: 0,
    status: 'paid',
    minutesAgo: 120,
    paidMinutesAfter: 2,
    lines: [{ productId: 'demo-p-cardigan', specId: 'cardigan-s1', qty: 2 }],
    consignee: ownAddress,
  },
  {
    name: 'paid-2',
    agent: 1,
    status: 'paid',
    minutesAgo: 30,
    paidMinutesAfter: 1,
    lines: [{ productId: 'demo-p-hoodie', specId: 'hoodie-s1', qty: 2 }],
    consignee: xinjiang,
  },
  {
    name: 'shipped',
    agent: 0,
    status: 'shipped',
    minutesAgo: 3 * 24 * 60,
    paidMinutesAfter: 5,
    lines: [{ productId: 'demo-p-cleanser', specId: 'cleanser-s1', qty: 3 }],
    consignee: customer,
    shipped: { carrier: '中通快递', trackingNo: 'ZT7788990011', minutesAgo: 2 * 24 * 60 },
  },
  {
    name: 'completed',
    agent: 0,
    status: 'completed',
    minutesAgo: 20 * 24 * 60,
    paidMinutesAfter: 3,
    lines: [{ productId: 'demo-p-earrings', specId: 'earrings-s1', qty: 2 }],
    consignee: ownAddress,
    shipped: { carrier: '顺丰速运', trackingNo: 'SF1400123456789', minutesAgo: 19 * 24 * 60 },
    completedMinutesAgo: 15 * 24 * 60,
  },
  {
    name: 'cancelled',
    agent: 1,
    status: 'cancelled',
    minutesAgo: 26 * 60,
    lines: [{ productId: 'demo-p-tote', specId: 'tote-s1', qty: 1 }],
    consignee: customer,
    cancelledMinutesAgo: 25 * 60 + 30,
  },
]

/** Order numbers from the demo's own times: the same shape the functions make, fixed random part. */
function demoNumber(at: number, index: number): string {
  return orderNumber(at, String(100_000 + index * 7919).slice(-6))
}

/** The shop the demo orders are placed at, as the store holds it before they are. */
export interface DemoShop {
  supplier: SupplierRecord
  bindings: readonly BindingRecord[]
  templates: readonly ShippingTemplateRecord[]
  products: readonly ProductRecord[]
}

/** What `order.create` keys an order by: the agent's idempotency key, here one per demo order. */
const idempotencyKeyOf = (name: DemoOrderName) => `demo-order-${name}`

function agentOf(order: Pick<DemoOrder, 'agent'>): string {
  return demoOpenids.agents[order.agent]
}

/** A demo order's `_id`: the id the store's helper makes of its agent and idempotency key. */
function demoOrderId(name: DemoOrderName): string {
  const order = orders.find((o) => o.name === name)
  if (!order) throw new Error(`no demo order ${name}`)
  return keyedId(agentOf(order), idempotencyKeyOf(name))
}

/**
 * Each line as `order.create` prices it: the agent's tier price of the spec (R11) and the snapshot
 * of the product as it is; the shipping by the product's template for the consignee's province (R7).
 */
function priced(order: DemoOrder, shop: DemoShop): Pick<OrderRecord, 'items' | 'goodsTotal' | 'shippingFee' | 'total'> {
  const binding = shop.bindings.find((b) => b.agentOpenid === agentOf(order) && b.supplierId === shop.supplier._id)
  if (!binding) throw new Error(`demo order ${order.name}: its agent is not bound to the demo shop`)
  const lines = order.lines.map((line) => {
    const product = shop.products.find((p) => p._id === line.productId)
    const spec = product?.specs.find((s) => s.id === line.specId)
    if (!product || !spec) throw new Error(`demo order ${order.name}: no ${line.productId}/${line.specId} in the catalogue`)
    const item: OrderItemRecord = {
      productId: product._id,
      specId: spec.id,
      qty: line.qty,
      unitPrice: agentPrice(spec, shop.supplier.tiers, binding.tierId),
      snapshot: {
        description: product.description,
        specName: spec.name,
        category: product.category,
        image: spec.images[0] ?? product.specs.find((s) => s.images.length > 0)?.images[0] ?? '',
      },
    }
    return { item, shippingTemplateId: product.shippingTemplateId }
  })
  const totals = quoteTotals(
    lines.map(({ item, shippingTemplateId }) => ({ unitPrice: item.unitPrice, qty: item.qty, shippingTemplateId })),
    new Map(shop.templates.map((template) => [template._id, template])),
    order.consignee.province,
  )
  return { items: lines.map((line) => line.item), ...totals }
}

export function demoOrderRecords(now: number, shop: DemoShop): OrderRecord[] {
  return orders.map((order, index) => {
    const createdAt = now - order.minutesAgo * MINUTE_MS
    const paidAt = order.paidMinutesAfter !== undefined ? createdAt + order.paidMinutesAfter * MINUTE_MS : undefined
    const shippedAt = order.shipped ? now - order.shipped.minutesAgo * MINUTE_MS : undefined
    const completedAt = order.completedMinutesAgo !== undefined ? now - order.completedMinutesAgo * MINUTE_MS : undefined
    const cancelledAt = order.cancelledMinutesAgo !== undefined ? now - order.cancelledMinutesAgo * MINUTE_MS : undefined
    const due =
      order.status === 'pending_payment'
        ? dueAt('pending_payment', createdAt)
        : order.status === 'shipped' && shippedAt
          ? dueAt('shipped', shippedAt)
          : null
    return {
      _id: demoOrderId(order.name),
      orderNo: demoNumber(createdAt, index),
      supplierId: shop.supplier._id,
      agentOpenid: agentOf(order),
      tag: ORDER_TAG,
      status: order.status,
      ...priced(order, shop),
      consignee: order.consignee,
      ...(order.shipped && shippedAt
        ? { logistics: { carrier: order.shipped.carrier, trackingNo: order.shipped.trackingNo, shippedAt } }
        : {}),
      idempotencyKey: idempotencyKeyOf(order.name),
      createdAt,
      updatedAt: Math.max(createdAt, paidAt ?? 0, shippedAt ?? 0, completedAt ?? 0, cancelledAt ?? 0),
      dueAt: due,
      cancelNoticeSent: false,
      ...(paidAt ? { paidAt, transactionId: `4200demo${String(index).padStart(20, '0')}` } : {}),
      ...(shippedAt ? { shippedAt } : {}),
      ...(completedAt !== undefined ? { completedAt, completedBy: 'agent' as const } : {}),
      ...(cancelledAt !== undefined ? { cancelledAt, cancelledBy: 'timer' as const } : {}),
    }
  })
}

/**
 * The address books the orders wrote: `order.create` remembers each consignee an agent orders to,
 * keyed as the store keys it, last used when the latest of those orders was placed.
 */
export function demoAddresses(placed: readonly OrderRecord[]): AddressRecord[] {
  const book = new Map<string, AddressRecord>()
  for (const order of placed) {
    const _id = addressId(order.agentOpenid, order.consignee)
    const usedAt = Math.max(book.get(_id)?.usedAt ?? 0, order.createdAt)
    book.set(_id, { _id, agentOpenid: order.agentOpenid, consignee: order.consignee, usedAt })
  }
  return [...book.values()]
}

/** The daily counters (经营数据) the paid demo orders and the demo's forwarding would have written. */
export function demoSupplierDays(
  now: number,
  supplierId: string,
  paid: readonly OrderRecord[],
  shareDays: readonly DemoShareDay[],
): SupplierDayRecord[] {
  const days = new Map<string, SupplierDayRecord>()
  const dayOf = (day: string) => {
    const record = days.get(day) ?? {
      _id: supplierDayId(supplierId, day),
      supplierId,
      day,
      paidOrders: 0,
      salesFen: 0,
      refunds: 0,
      refundedFen: 0,
      forwards: 0,
      shares: 0,
      views: 0,
    }
    days.set(day, record)
    return record
  }
  for (const order of paid) {
    if (order.paidAt === undefined) continue
    const record = dayOf(shanghaiDay(order.paidAt))
    record.paidOrders += 1
    record.salesFen += order.total
  }
  for (const act of shareDays) {
    const record = dayOf(shanghaiDay(now - act.daysAgo * DAY_MS))
    record.forwards += act.forwards
    record.shares += act.shares
    record.views += act.views
  }
  return [...days.values()]
}

/** The demo orders the page tests open by id. */
export const DEMO_ORDER_IDS = {
  unpaid: demoOrderId('unpaid'),
  paid: demoOrderId('paid'),
  shipped: demoOrderId('shipped'),
} as const

/** The catalogue with the pieces of unpaid demo orders taken out of stock, as ordering takes them. */
export function withStockHeld(products: ProductRecord[], placed: readonly OrderRecord[]): ProductRecord[] {
  const held = new Map<string, number>()
  for (const order of placed) {
    if (order.status !== 'pending_payment') continue
    for (const item of order.items)
      held.set(`${item.productId}/${item.specId}`, (held.get(`${item.productId}/${item.specId}`) ?? 0) + item.qty)
  }
  return products.map((product) => ({
    ...product,
    specs: product.specs.map((spec) => ({ ...spec, stock: Math.max(0, spec.stock - (held.get(`${product._id}/${spec.id}`) ?? 0)) })),
  }))
}

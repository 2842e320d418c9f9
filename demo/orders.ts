import type { AddressRecord } from '../cloudfunctions/lib/store/addresses'
import type { OrderRecord } from '../cloudfunctions/lib/store/orders'
import type { ProductRecord } from '../cloudfunctions/lib/store/products'
import type { SupplierDayRecord } from '../cloudfunctions/lib/store/supplier-days'
import { dueAt, orderNumber, type Consignee, type OrderStatus } from '../src/domain/order'
import { DAY_MS, HOUR_MS, MINUTE_MS, shanghaiDay } from '../src/domain/time'
import type { DemoShareDay } from './posts'

/**
 * The demo's orders (R17): a few per status for both demo agents, so 我的订单, 已卖出的商品, the admin
 * home's 待发货 and 经营数据 show something on `npm start`; with the address book and the daily
 * counters the orders would have written. Typed with the functions' stored shapes. Prices are what
 * each agent's tier pays (the gold agent gets the tier price where the spec has one) and shipping
 * follows the demo template (¥8 + ¥2 per extra piece, 新疆/西藏 ¥20 + ¥10, free from ¥99).
 */
interface DemoLine {
  productId: string
  specId: string
  qty: number
  unitPrice: number
  description: string
  specName: string
  category: string
  photo: string
}

interface DemoOrder {
  id: string
  agent: 0 | 1
  status: OrderStatus
  minutesAgo: number
  lines: DemoLine[]
  shippingFee: number
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

const dress = { productId: 'demo-p-dress', description: '🌸2026春季新款碎花连衣裙！', category: '女装' }

const orders: readonly DemoOrder[] = [
  {
    id: 'demo-order-unpaid',
    agent: 0,
    status: 'pending_payment',
    minutesAgo: 3,
    lines: [{ ...dress, specId: 'dress-s1', qty: 1, unitPrice: 5580, specName: '碎花红 / M', photo: 'demo-p-dress-s1-1.png' }],
    shippingFee: 800,
    consignee: customer,
  },
  {
    id: 'demo-order-paid',
    agent: 0,
    status: 'paid',
    minutesAgo: 120,
    paidMinutesAfter: 2,
    lines: [
      {
        productId: 'demo-p-cardigan',
        specId: 'cardigan-s1',
        qty: 2,
        unitPrice: 4500,
        description: '☁️软糯到心坎的针织开衫',
        specName: '奶油白 / 均码',
        category: '女装',
        photo: 'demo-p-cardigan-s1-1.png',
      },
    ],
    shippingFee: 1000,
    consignee: ownAddress,
  },
  {
    id: 'demo-order-paid-2',
    agent: 1,
    status: 'paid',
    minutesAgo: 30,
    paidMinutesAfter: 1,
    lines: [
      {
        productId: 'demo-p-hoodie',
        specId: 'hoodie-s1',
        qty: 2,
        unitPrice: 3200,
        description: '👦👧儿童加绒卫衣，宝妈回购率超高！',
        specName: '110cm',
        category: '童装',
        photo: 'demo-p-hoodie-s1-1.png',
      },
    ],
    shippingFee: 3000,
    consignee: xinjiang,
  },
  {
    id: 'demo-order-shipped',
    agent: 0,
    status: 'shipped',
    minutesAgo: 3 * 24 * 60,
    paidMinutesAfter: 5,
    lines: [
      {
        productId: 'demo-p-cleanser',
        specId: 'cleanser-s1',
        qty: 3,
        unitPrice: 1690,
        description: '🧴氨基酸洗面奶 150ml',
        specName: '150ml',
        category: '美妆日化',
        photo: 'demo-p-cleanser-s1-1.png',
      },
    ],
    shippingFee: 1200,
    consignee: customer,
    shipped: { carrier: '中通快递', trackingNo: 'ZT7788990011', minutesAgo: 2 * 24 * 60 },
  },
  {
    id: 'demo-order-completed',
    agent: 0,
    status: 'completed',
    minutesAgo: 20 * 24 * 60,
    paidMinutesAfter: 3,
    lines: [
      {
        productId: 'demo-p-earrings',
        specId: 'earrings-s1',
        qty: 2,
        unitPrice: 2600,
        description: '💎淡水珍珠耳环，S925 银针防过敏',
        specName: '珍珠白',
        category: '配饰',
        photo: 'demo-p-earrings-s1-1.png',
      },
    ],
    shippingFee: 1000,
    consignee: ownAddress,
    shipped: { carrier: '顺丰速运', trackingNo: 'SF1400123456789', minutesAgo: 19 * 24 * 60 },
    completedMinutesAgo: 15 * 24 * 60,
  },
  {
    id: 'demo-order-cancelled',
    agent: 1,
    status: 'cancelled',
    minutesAgo: 26 * 60,
    lines: [
      {
        productId: 'demo-p-tote',
        specId: 'tote-s1',
        qty: 1,
        unitPrice: 2200,
        description: '👜大容量帆布托特包',
        specName: '米白',
        category: '箱包',
        photo: 'demo-p-tote-s1-1.png',
      },
    ],
    shippingFee: 800,
    consignee: customer,
    cancelledMinutesAgo: 25 * 60 + 30,
  },
]

/** Order numbers from the demo's own times: the same shape the functions make, fixed random part. */
function demoNumber(at: number, index: number): string {
  return orderNumber(at, String(100_000 + index * 7919).slice(-6))
}

export function demoOrderRecords(
  now: number,
  supplierId: string,
  agents: readonly string[],
  fileIdOf: (photo: string) => string,
): OrderRecord[] {
  return orders.map((order, index) => {
    const createdAt = now - order.minutesAgo * MINUTE_MS
    const paidAt = order.paidMinutesAfter !== undefined ? createdAt + order.paidMinutesAfter * MINUTE_MS : undefined
    const shippedAt = order.shipped ? now - order.shipped.minutesAgo * MINUTE_MS : undefined
    const goodsTotal = order.lines.reduce((sum, line) => sum + line.unitPrice * line.qty, 0)
    const due =
      order.status === 'pending_payment'
        ? dueAt('pending_payment', createdAt)
        : order.status === 'shipped' && shippedAt
          ? dueAt('shipped', shippedAt)
          : null
    return {
      _id: order.id,
      orderNo: demoNumber(createdAt, index),
      supplierId,
      agentOpenid: agents[order.agent] ?? '',
      tag: '微供',
      status: order.status,
      items: order.lines.map((line) => ({
        productId: line.productId,
        specId: line.specId,
        qty: line.qty,
        unitPrice: line.unitPrice,
        snapshot: { description: line.description, specName: line.specName, category: line.category, image: fileIdOf(line.photo) },
      })),
      goodsTotal,
      shippingFee: order.shippingFee,
      total: goodsTotal + order.shippingFee,
      consignee: order.consignee,
      ...(order.shipped && shippedAt
        ? { logistics: { carrier: order.shipped.carrier, trackingNo: order.shipped.trackingNo, shippedAt } }
        : {}),
      idempotencyKey: `demo-key-${order.id}`,
      createdAt,
      updatedAt: createdAt,
      dueAt: due,
      cancelNoticeSent: false,
      ...(paidAt ? { paidAt, transactionId: `4200demo${String(index).padStart(20, '0')}` } : {}),
      ...(shippedAt ? { shippedAt } : {}),
      ...(order.completedMinutesAgo !== undefined
        ? { completedAt: now - order.completedMinutesAgo * MINUTE_MS, completedBy: 'agent' as const }
        : {}),
      ...(order.cancelledMinutesAgo !== undefined
        ? { cancelledAt: now - order.cancelledMinutesAgo * MINUTE_MS, cancelledBy: 'timer' as const }
        : {}),
    }
  })
}

/** The first demo agent's address book: its own address and its customer's (一件代发). */
export function demoAddresses(now: number, agent: string): AddressRecord[] {
  return [
    { _id: 'demo-address-customer', agentOpenid: agent, consignee: customer, usedAt: now - 3 * MINUTE_MS },
    { _id: 'demo-address-own', agentOpenid: agent, consignee: ownAddress, usedAt: now - 2 * HOUR_MS },
  ]
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
      _id: `${supplierId}:${day}`,
      supplierId,
      day,
      paidOrders: 0,
      salesFen: 0,
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
  unpaid: 'demo-order-unpaid',
  paid: 'demo-order-paid',
  shipped: 'demo-order-shipped',
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

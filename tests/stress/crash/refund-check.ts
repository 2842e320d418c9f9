import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { openDatabase } from '../../../local/db'
import type { OrderRecord } from '../../../cloudfunctions/lib/store/orders'
import type { RefundRecord } from '../../../cloudfunctions/lib/store/refunds'
import { type Invariants, groupBy, sum } from '../invariants'
import { root } from './cloud-process'
import { STOCKS } from './write-run'

/**
 * After a crash in the middle of a refund (R19): the store and WeChat Pay's stand-in opened as the
 * crash left them. A refund is recorded before WeChat Pay is asked, so WeChat Pay never holds a refund
 * the store does not; each refund number is refunded at most once; what an order counts as refunded,
 * and what the supplier's days take off, is exactly what WeChat Pay's confirmed refunds add up to.
 */

interface WeChatRefund {
  outRefundNo: string
  outTradeNo: string
  refundFee: number
  totalFee: number
  state: 'PROCESSING' | 'SUCCESS'
  notified?: boolean
}
interface StoredProduct {
  _id: string
  specs: Array<{ id: string; stock: number }>
}
interface StoredDay {
  supplierId: string
  refunds?: number
  refundedFen?: number
}

export class RefundCheck {
  constructor(
    private readonly inv: Invariants,
    private readonly dataDir: string,
  ) {}

  /** WeChat Pay's record of every refund it accepted (the stand-in's file). */
  weChatRefunds(): WeChatRefund[] {
    const file = path.join(this.dataDir, 'refunds.json')
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as WeChatRefund[]) : []
  }

  /** The store's orders, refunds and supplier days as the crash left them. */
  stored(): { orders: OrderRecord[]; refunds: RefundRecord[]; days: StoredDay[]; products: StoredProduct[] } {
    const db = openDatabase({
      file: path.join(this.dataDir, 'db.sqlite'),
      declaration: JSON.parse(readFileSync(path.join(root, 'cloudfunctions/database.json'), 'utf8')),
      now: () => Date.now(),
    })
    try {
      return {
        orders: db.find('orders', {}) as unknown as OrderRecord[],
        refunds: db.find('refunds', {}) as unknown as RefundRecord[],
        days: db.find('supplier_days', {}) as unknown as StoredDay[],
        products: db.find('products', {}) as unknown as StoredProduct[],
      }
    } finally {
      db.close()
    }
  }

  /** What must hold at any moment, a crash's included. */
  check(label: string): void {
    const { inv } = this
    const { orders, refunds, days, products } = this.stored()
    // A refunded order's stock came back with its cancellation, once.
    for (const product of products)
      product.specs.forEach((spec, i) => {
        const held = sum(
          orders
            .filter((o) => o.status !== 'cancelled')
            .flatMap((o) => o.items.filter((item) => item.productId === product._id && item.specId === spec.id).map((item) => item.qty)),
        )
        inv.equal(spec.stock + held, STOCKS[i], `${label}: stock + sold = stocked (${product._id}/${spec.id})`)
      })
    const atWeChat = this.weChatRefunds()
    const recorded = new Map(refunds.map((r) => [r._id, r]))
    for (const [no, rows] of groupBy(atWeChat, (r) => r.outRefundNo))
      inv.equal(rows.length, 1, `${label}: WeChat Pay holds one refund numbered ${no}`)
    for (const refund of atWeChat) {
      const mine = recorded.get(refund.outRefundNo)
      inv.check(
        mine !== undefined && mine.amountFen === refund.refundFee && mine.orderNo === refund.outTradeNo,
        `${label}: WeChat Pay's refund ${refund.outRefundNo} is recorded, with its amount`,
        () => ({ refund, mine }),
      )
    }
    for (const [trade, rows] of groupBy(atWeChat, (r) => r.outTradeNo)) {
      const paid = rows[0]?.totalFee ?? 0
      inv.check(sum(rows.map((r) => r.refundFee)) <= paid, `${label}: order ${trade} is never refunded more than was paid`, () => rows)
    }
    // Recorded as done only on WeChat Pay's confirmation.
    const done = new Set(atWeChat.filter((r) => r.state === 'SUCCESS').map((r) => r.outRefundNo))
    for (const refund of refunds.filter((r) => r.status === 'succeeded'))
      inv.check(done.has(refund._id), `${label}: refund ${refund._id} recorded done was confirmed by WeChat Pay`)
    // The order's refunded amount, and the days' refund counters, move with the refund's record.
    const succeeded = refunds.filter((r) => r.status === 'succeeded')
    const byOrder = groupBy(succeeded, (r) => r.orderId)
    for (const order of orders)
      inv.equal(
        order.refundedFen ?? 0,
        sum((byOrder.get(order._id) ?? []).map((r) => r.amountFen)),
        `${label}: order ${order.orderNo} refunded = its refunds done`,
      )
    const bySupplier = groupBy(succeeded, (r) => r.supplierId)
    for (const supplierId of new Set([...bySupplier.keys(), ...days.map((d) => d.supplierId)])) {
      const mine = days.filter((d) => d.supplierId === supplierId)
      const confirmed = bySupplier.get(supplierId) ?? []
      inv.equal(
        { refunds: sum(mine.map((d) => d.refunds ?? 0)), refundedFen: sum(mine.map((d) => d.refundedFen ?? 0)) },
        { refunds: confirmed.length, refundedFen: sum(confirmed.map((r) => r.amountFen)) },
        `${label}: supplier_days of ${supplierId} take off its refunds done, once`,
      )
    }
    // An order cancelled by its refund has the refund's record (one transaction).
    for (const order of orders.filter((o) => o.refundNo))
      inv.check(recorded.has(order.refundNo as string), `${label}: order ${order.orderNo}'s refund ${order.refundNo} is recorded`)
  }

  /** After a restart has settled: the order's whole payment came back once, recorded once. */
  settled(label: string, order: { _id: string; orderNo: string; total: number }): void {
    const { orders, refunds } = this.stored()
    const stored = orders.find((o) => o._id === order._id)
    const mine = refunds.filter((r) => r.orderId === order._id)
    const atWeChat = this.weChatRefunds().filter((r) => r.outTradeNo === order.orderNo)
    this.inv.equal(
      { status: stored?.status, refundedFen: stored?.refundedFen, refunds: mine.map((r) => [r._id, r.status, r.amountFen]) },
      { status: 'cancelled', refundedFen: order.total, refunds: [[`${order.orderNo}-S`, 'succeeded', order.total]] },
      `${label}: order ${order.orderNo} is refunded once, in full`,
    )
    this.inv.equal(
      atWeChat.map((r) => [r.outRefundNo, r.refundFee, r.state, r.notified]),
      [[`${order.orderNo}-S`, order.total, 'SUCCESS', true]],
      `${label}: WeChat Pay refunded order ${order.orderNo} once and its notice was acknowledged`,
    )
  }
}

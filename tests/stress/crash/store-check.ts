import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { shanghaiDay } from '@/domain/time'
import { openDatabase } from '../../../local/db'
import type { OrderRecord } from '../../../cloudfunctions/lib/store/orders'
import { type Invariants, groupBy, sum } from '../invariants'
import { root } from './cloud-process'
import { PAID, STOCKS, acknowledged } from './write-run'

/**
 * After a crash: the store opened as the crash left it and checked — every write answered ok is
 * there, nothing is half-done (an order without its stock or the reverse, a paid order without its
 * payment), every invariant holds.
 */

type Store = ReturnType<typeof openDatabase>

interface StoredProduct {
  _id: string
  specs: Array<{ id: string; stock: number }>
}
interface StoredPayment {
  outTradeNo: string
  totalFee: number
  state: string
  transactionId?: string
}

export class StoreCheck {
  /** Answered writes looked for, and those missing. */
  acknowledgedChecked = 0
  lost = 0
  /** Payments taken whose order did not record them when the store was last checked. */
  private unrecordedAtLastKill = new Set<string>()

  constructor(
    private readonly inv: Invariants,
    private readonly dataDir: string,
  ) {}

  private openStore(): Store {
    return openDatabase({
      file: path.join(this.dataDir, 'db.sqlite'),
      declaration: JSON.parse(readFileSync(path.join(root, 'cloudfunctions/database.json'), 'utf8')),
      now: () => Date.now(),
    })
  }

  /** WeChat Pay's record of every payment (the local stand-in's file). */
  private payments(): StoredPayment[] {
    const file = path.join(this.dataDir, 'payments.json')
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredPayment[]) : []
  }

  /** How many payments WeChat Pay took, acknowledged to the payer or not. */
  paymentsTaken(): number {
    return this.payments().filter((payment) => payment.state === 'SUCCESS').length
  }

  /** One order as stored, with WeChat Pay's record of its payment and its supplier's day counters. */
  order(id: string): { order?: OrderRecord; payment?: StoredPayment; paidOrdersCounted: number } {
    const db = this.openStore()
    try {
      const order = (db.find('orders', { _id: id }) as unknown as OrderRecord[])[0]
      const days = db.find('supplier_days', {}) as Array<{ paidOrders: number }>
      const payment = this.payments().find((p) => p.outTradeNo === order?.orderNo)
      return { order, payment, paidOrdersCounted: sum(days.map((d) => d.paidOrders)) }
    } finally {
      db.close()
    }
  }

  /** `afterRestart`: the store was left by a restart, not a crash, so nothing may be in flight. */
  check(label: string, afterRestart = false): void {
    const db = this.openStore()
    try {
      const products = db.find('products', {}) as unknown as StoredProduct[]
      const orders = db.find('orders', {}) as unknown as OrderRecord[]
      const bindings = db.find('bindings', {}) as Array<{ agentOpenid: string; supplierId: string }>
      const payments = this.payments()
      this.survived(label, products, orders, bindings, payments)
      this.wholeAndCounted(label, products, orders, payments, afterRestart)
      const days = db.find('supplier_days', {}) as Array<{ supplierId: string; day: string; paidOrders: number; salesFen: number }>
      this.counters(label, orders, days)
      this.unique(label, orders, bindings)
      this.opensCounted(label, db)
    } finally {
      db.close()
    }
  }

  /** Every write answered ok is there. */
  private survived(
    label: string,
    products: StoredProduct[],
    orders: OrderRecord[],
    bindings: Array<{ agentOpenid: string }>,
    payments: StoredPayment[],
  ): void {
    const productIds = new Set(products.map((p) => p._id))
    const ordersById = new Map(orders.map((o) => [o._id, o]))
    const bound = new Set(bindings.map((b) => b.agentOpenid))
    const survived = (holds: boolean, what: string, detail?: () => unknown) => {
      this.acknowledgedChecked += 1
      if (!holds) this.lost += 1
      this.inv.check(holds, `${label}: ${what}`, detail)
    }
    // What the store and WeChat Pay hold of an order, to tell a lost write from a wrong expectation.
    const stateOf = (id: string) => {
      const o = ordersById.get(id)
      if (!o) return { order: null }
      const { status, paidAt, transactionId, cancelledAt, cancelledBy } = o
      return {
        order: { status, paidAt, transactionId, cancelledAt, cancelledBy },
        payment: payments.find((p) => p.outTradeNo === o.orderNo),
      }
    }
    for (const id of acknowledged.products.keys()) survived(productIds.has(id), `published product ${id} is there`)
    for (const agent of acknowledged.agents) survived(bound.has(agent), `binding of ${agent} is there`)
    for (const id of acknowledged.orders.keys()) survived(ordersById.has(id), `order ${id} is there`)
    for (const id of acknowledged.paid) survived(PAID.includes(ordersById.get(id)?.status ?? ''), `order ${id} is paid`, () => stateOf(id))
    for (const [id, transactionId] of acknowledged.refundsOwed) {
      const o = ordersById.get(id)
      const payment = payments.find((p) => p.outTradeNo === o?.orderNo)
      survived(
        o?.status === 'cancelled' &&
          o.transactionId !== transactionId &&
          payment?.state === 'SUCCESS' &&
          payment.transactionId === transactionId,
        `order ${id} stays cancelled, its payment owed back`,
        () => stateOf(id),
      )
    }
    for (const id of acknowledged.cancelled)
      survived(ordersById.get(id)?.status === 'cancelled', `order ${id} is cancelled`, () => stateOf(id))
    for (const id of acknowledged.shipped)
      survived(['shipped', 'completed'].includes(ordersById.get(id)?.status ?? ''), `order ${id} is shipped`, () => stateOf(id))
    for (const [cloudPath, bytes] of acknowledged.files) {
      const file = path.join(this.dataDir, 'files', cloudPath)
      const meta = path.join(this.dataDir, 'files-meta', cloudPath)
      survived(
        existsSync(file) && readFileSync(file).equals(bytes) && existsSync(meta),
        `uploaded file ${cloudPath} is there, whole, with its creator`,
      )
    }
  }

  /** Nothing half-done: stock and orders moved together; payments and orders agree. */
  private wholeAndCounted(
    label: string,
    products: StoredProduct[],
    orders: OrderRecord[],
    payments: StoredPayment[],
    afterRestart: boolean,
  ): void {
    const { inv } = this
    // Stock and orders moved together, for every product (answered or not).
    const productIds = new Set(products.map((p) => p._id))
    for (const product of products) {
      product.specs.forEach((spec, i) => {
        const held = sum(
          orders
            .filter((o) => o.status !== 'cancelled')
            .flatMap((o) => o.items.filter((item) => item.productId === product._id && item.specId === spec.id).map((item) => item.qty)),
        )
        inv.check(spec.stock >= 0, `${label}: stock never negative`, () => spec)
        inv.equal(spec.stock + held, STOCKS[i], `${label}: stock + sold = stocked (${product._id}/${spec.id})`)
      })
    }
    for (const o of orders) {
      for (const item of o.items) inv.check(productIds.has(item.productId), `${label}: an order's product exists`, () => item)
    }

    // A paid order has its payment, and a payment taken is on its order (or its order was cancelled
    // first: a refund). The crash may have come between the payment and its callback; WeChat Pay then
    // sends the notice again, so by the next crash (after a restart) it must be recorded.
    const paymentOf = new Map(payments.map((payment) => [payment.outTradeNo, payment]))
    const orderOfNo = new Map(orders.map((o) => [o.orderNo, o]))
    for (const paidOrder of orders.filter((o) => PAID.includes(o.status))) {
      const payment = paymentOf.get(paidOrder.orderNo)
      inv.check(
        payment?.state === 'SUCCESS' && payment.transactionId === paidOrder.transactionId && payment.totalFee === paidOrder.total,
        `${label}: paid order ${paidOrder.orderNo} has its payment`,
        () => ({ status: paidOrder.status, transactionId: paidOrder.transactionId, payment }),
      )
    }
    const taken = payments.filter((payment) => payment.state === 'SUCCESS')
    const unrecorded = new Set(
      taken
        .filter((payment) => {
          const paidOrder = orderOfNo.get(payment.outTradeNo)
          return paidOrder === undefined || (paidOrder.status !== 'cancelled' && paidOrder.transactionId !== payment.transactionId)
        })
        .map((payment) => payment.outTradeNo),
    )
    for (const no of taken.map((payment) => payment.outTradeNo)) {
      const late = unrecorded.has(no) && (afterRestart || this.unrecordedAtLastKill.has(no))
      inv.check(!late, `${label}: payment ${no} is recorded on its order after a restart`, () => ({ status: orderOfNo.get(no)?.status }))
    }
    this.unrecordedAtLastKill = unrecorded
  }

  /** Counters: the supplier's days add up to its paid orders. */
  private counters(
    label: string,
    orders: OrderRecord[],
    days: Array<{ supplierId: string; day: string; paidOrders: number; salesFen: number }>,
  ): void {
    const paidOrders = orders.filter((o) => o.paidAt !== undefined && o.status !== 'cancelled')
    const byDay = groupBy(paidOrders, (o) => `${o.supplierId}:${shanghaiDay(o.paidAt ?? 0)}`)
    for (const key of new Set([...byDay.keys(), ...days.map((d) => `${d.supplierId}:${d.day}`)])) {
      const counted = days.find((d) => `${d.supplierId}:${d.day}` === key)
      const paid = byDay.get(key) ?? []
      this.inv.equal(
        { paidOrders: counted?.paidOrders ?? 0, salesFen: counted?.salesFen ?? 0 },
        { paidOrders: paid.length, salesFen: sum(paid.map((o) => o.total)) },
        `${label}: supplier_days ${key} = its paid orders`,
      )
    }
  }

  /**
   * Every open of the shared card answered ok is counted exactly once: in the folded counters (the
   * share's views, the supplier's days, the product's and the agent's share stats) or still pending
   * (an event no committed fold holds), never both and never neither, wherever a fold was killed.
   */
  private opensCounted(label: string, db: Store): void {
    const card = acknowledged.card
    if (!card) return
    const [share] = db.find('shares', { token: card.token }) as Array<{ _id: string; supplierId: string; views?: number }>
    if (!share) return void this.inv.check(false, `${label}: the shared card is there`)
    const committed = new Set((db.find('share_folds', {}) as Array<{ _id: string }>).map((f) => f._id))
    const pending = (db.find('share_opens', { shareId: share._id }) as Array<{ fold?: string }>).filter(
      (open) => open.fold === undefined || !committed.has(open.fold),
    ).length
    const days = db.find('supplier_days', { supplierId: share.supplierId }) as Array<{ views?: number }>
    const stats = db.find('share_stats', { supplierId: share.supplierId }) as Array<{ subject: string; views?: number }>
    const statViews = (subject: string) => sum(stats.filter((row) => row.subject === subject).map((row) => row.views ?? 0))
    const counted = {
      share: (share.views ?? 0) + pending,
      day: sum(days.map((d) => d.views ?? 0)) + pending,
      product: statViews(`p:${card.productId}`) + pending,
      agent: statViews(`a:${card.agent}`) + pending,
    }
    for (const [counter, value] of Object.entries(counted)) {
      // Fewer is a lost write (an answered open not counted); more is an open counted twice.
      this.acknowledgedChecked += 1
      if (value < acknowledged.opens) this.lost += 1
      this.inv.equal(value, acknowledged.opens, `${label}: every answered open counted once (${counter})`)
    }
  }

  /**
   * Where the share-open folds stood when the store was left: `claimed` (a fold holds opens it has not
   * committed), `committed` (counts committed, its opens not yet removed), `recorded` (opens removed,
   * its record not), or none of these.
   */
  foldStages(): Set<'claimed' | 'committed' | 'recorded'> {
    const db = this.openStore()
    try {
      const committed = new Set((db.find('share_folds', {}) as Array<{ _id: string }>).map((f) => f._id))
      const held = new Set((db.find('share_opens', {}) as Array<{ fold?: string }>).flatMap((open) => (open.fold ? [open.fold] : [])))
      const stages = new Set<'claimed' | 'committed' | 'recorded'>()
      for (const fold of held) stages.add(committed.has(fold) ? 'committed' : 'claimed')
      for (const fold of committed) if (!held.has(fold)) stages.add('recorded')
      return stages
    } finally {
      db.close()
    }
  }

  /** Unique: one binding per agent, one order per key and per number. */
  private unique(label: string, orders: OrderRecord[], bindings: Array<{ agentOpenid: string; supplierId: string }>): void {
    const { inv } = this
    for (const [agent, rows] of groupBy(bindings, (b) => `${b.supplierId}/${b.agentOpenid}`))
      inv.equal(rows.length, 1, `${label}: one binding ${agent}`)
    for (const [key, rows] of groupBy(orders, (o) => `${o.agentOpenid}/${o.idempotencyKey}`))
      inv.equal(rows.length, 1, `${label}: one order for ${key}`)
    for (const [no, rows] of groupBy(orders, (o) => o.orderNo)) inv.equal(rows.length, 1, `${label}: one order numbered ${no}`)
    for (const [key, id] of acknowledged.keys) {
      const [agent, idempotencyKey] = key.split('/')
      inv.equal(
        orders.filter((o) => o.agentOpenid === agent && o.idempotencyKey === idempotencyKey).map((o) => o._id),
        [id],
        `${label}: the key ${key} names its answered order`,
      )
    }
  }
}

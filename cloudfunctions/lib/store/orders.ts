import type { Consignee, OrderCounts, OrderStatus } from '@/domain/order'
import { ORDER_STATUSES } from '@/domain/order'
import type { ShippingReportStatus } from '@/domain/shipping-report'
import { command, db, rowsOf, totalOf } from '../platform/cloud'
import { newestFirst } from '../platform/cursor'
import type { KeyedRecord } from '../platform/idempotency'
import type { Transaction } from '../platform/transaction'

/** Orders as stored (R17). This module owns every query of the `orders` collection. */
export interface OrderItemRecord {
  productId: string
  specId: string
  qty: number
  /** The agent's tier price at the moment of ordering (R11), in fen. */
  unitPrice: number
  /** What was bought, kept whole so the order reads the same after the product is edited or deleted (R10). */
  snapshot: { description: string; specName: string; category: string; image: string }
}

export interface OrderRecord extends KeyedRecord {
  _id: string
  orderNo: string
  supplierId: string
  agentOpenid: string
  tag: '微供'
  status: OrderStatus
  items: OrderItemRecord[]
  goodsTotal: number
  shippingFee: number
  total: number
  consignee: Consignee
  logistics?: { carrier: string; trackingNo: string; shippedAt: number }
  /** Per agent: a retried create with the same key finds this order (unique index). */
  idempotencyKey: string
  createdAt: number
  updatedAt: number
  /** When the timer acts next: the unpaid order's deadline, the shipped order's auto-completion; null otherwise. */
  dueAt: number | null
  /** The "about to be cancelled" notice went out (sent once). */
  cancelNoticeSent: boolean
  paidAt?: number
  transactionId?: string
  shippedAt?: number
  completedAt?: number
  completedBy?: 'agent' | 'timer'
  cancelledAt?: number
  cancelledBy?: 'agent' | 'supplier' | 'timer'
  /** Why a paid order was cancelled with a refund (R19): the supplier's reason. */
  cancelReason?: string
  /** The refund that cancelled a paid order (its WeChat Pay refund number, store/refunds.ts). */
  refundNo?: string
  /** What WeChat Pay has confirmed refunded of this order, in fen (R19); absent: nothing. */
  refundedFen?: number
  /** The order's open after-sales case (R19: at most one, set and cleared in the case's own transactions); absent or null: none. */
  openCaseId?: string | null
  /** How many after-sales cases the order has had: the next case is number caseCount + 1. */
  caseCount?: number
  /** The shipment as reported to WeChat's shipping-information service (WeChat Pay orders only, R20). */
  shippingReport?: ShippingReportRecord
}

export interface ShippingReportRecord {
  status: ShippingReportStatus
  attempts: number
  /** A reporter holds the report until then, so the ship move and the timer never upload it twice at once. */
  claimedUntil: number
  reportedAt?: number
  lastError?: string
}

export type NewOrder = Omit<OrderRecord, '_id'>

const COLLECTION = 'orders'
const orders = () => db.collection(COLLECTION)
const fields = {
  _id: true,
  orderNo: true,
  supplierId: true,
  agentOpenid: true,
  tag: true,
  status: true,
  items: true,
  goodsTotal: true,
  shippingFee: true,
  total: true,
  consignee: true,
  logistics: true,
  idempotencyKey: true,
  requestFingerprint: true,
  createdAt: true,
  updatedAt: true,
  dueAt: true,
  cancelNoticeSent: true,
  paidAt: true,
  transactionId: true,
  shippedAt: true,
  completedAt: true,
  completedBy: true,
  cancelledAt: true,
  cancelledBy: true,
  cancelReason: true,
  refundNo: true,
  refundedFen: true,
  openCaseId: true,
  caseCount: true,
  shippingReport: true,
}

async function updatedOf(pending: unknown): Promise<number> {
  const { stats } = (await pending) as { stats?: { updated?: number } }
  return stats?.updated ?? 0
}

// ---- inside a transaction (creation, cancellation: the order and its stock together) -----------

export async function addOrderIn(tx: Transaction, record: NewOrder): Promise<OrderRecord> {
  const { _id } = await tx.collection<OrderRecord>(COLLECTION).add({ data: record })
  return { _id, ...record }
}

export async function getOrderIn(tx: Transaction, id: string): Promise<OrderRecord | null> {
  try {
    const { data } = await tx.collection<OrderRecord>(COLLECTION).doc(id).get()
    return data ?? null
  } catch {
    return null
  }
}

export async function updateOrderIn(tx: Transaction, id: string, changes: Partial<NewOrder>): Promise<void> {
  await tx.collection<OrderRecord>(COLLECTION).doc(id).update({ data: changes })
}

// ---- reads ----------------------------------------------------------------------------------

export async function findOrder(id: string): Promise<OrderRecord | null> {
  const [row] = await rowsOf<OrderRecord>(orders().where({ _id: id }).field(fields).limit(1).get())
  return row ?? null
}

export async function findOrderByNo(orderNo: string): Promise<OrderRecord | null> {
  const [row] = await rowsOf<OrderRecord>(orders().where({ orderNo }).field(fields).limit(1).get())
  return row ?? null
}

export async function findOrderByKey(agentOpenid: string, idempotencyKey: string): Promise<OrderRecord | null> {
  const [row] = await rowsOf<OrderRecord>(orders().where({ agentOpenid, idempotencyKey }).field(fields).limit(1).get())
  return row ?? null
}

/** One page (plus one row) newest first, by (owner, status?, createdAt desc): index agent_status_created / supplier_status_created. */
async function listNewestFirst(owner: Record<string, unknown>, status: OrderStatus | undefined, cursor: string | undefined, limit: number) {
  const where = { ...owner, ...(status ? { status } : {}) }
  return rowsOf<OrderRecord>(
    newestFirst(orders(), [where], 'createdAt', cursor, limit + 1)
      .field(fields)
      .get(),
  )
}

export function listAgentOrders(agentOpenid: string, status: OrderStatus | undefined, cursor: string | undefined, limit: number) {
  return listNewestFirst({ agentOpenid }, status, cursor, limit)
}

/**
 * The supplier's orders; `q` matches an order number, a consignee's phone or name exactly (each has
 * its own index with the supplier, so a search costs the same at 100k orders as at 100).
 */
export function listSupplierOrders(
  supplierId: string,
  status: OrderStatus | undefined,
  q: string | undefined,
  cursor: string | undefined,
  limit: number,
) {
  if (!q) return listNewestFirst({ supplierId }, status, cursor, limit)
  const match = command.or([{ orderNo: q }, { 'consignee.phone': q }, { 'consignee.name': q }])
  const conditions = [{ supplierId, ...(status ? { status } : {}) }, match]
  return rowsOf<OrderRecord>(
    newestFirst(orders(), conditions, 'createdAt', cursor, limit + 1)
      .field(fields)
      .get(),
  )
}

/** Counts per status, one indexed count each (never a scan of the orders). */
async function countByStatus(owner: Record<string, unknown>): Promise<OrderCounts> {
  const totals = await Promise.all(
    ORDER_STATUSES.map((status) =>
      totalOf(
        orders()
          .where({ ...owner, status })
          .count(),
      ),
    ),
  )
  return Object.fromEntries(ORDER_STATUSES.map((status, i) => [status, totals[i] ?? 0])) as OrderCounts
}

export function countAgentOrders(agentOpenid: string): Promise<OrderCounts> {
  return countByStatus({ agentOpenid })
}

export function countSupplierOrders(supplierId: string): Promise<OrderCounts> {
  return countByStatus({ supplierId })
}

/**
 * Orders per agent with this supplier, for the agent list (R13). Cancelled orders are not counted:
 * they never became business. Agents without orders are absent from the map.
 */
export async function countOrdersOfAgents(supplierId: string, agentOpenids: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  if (agentOpenids.length === 0) return counts
  const $ = command.aggregate
  const { list } = (await orders()
    .aggregate()
    .match({ supplierId, agentOpenid: command.in(agentOpenids), status: command.neq('cancelled') })
    .group({ _id: '$agentOpenid', orders: $.sum(1) })
    .end()) as { list: Array<{ _id: string; orders: number }> }
  for (const row of list) counts.set(row._id, row.orders)
  return counts
}

/** 待发货 on the admin home: paid orders not shipped yet. */
export async function countOrdersToShip(supplierId: string): Promise<number> {
  return totalOf(orders().where({ supplierId, status: 'paid' }).count())
}

/** The supplier's orders placed in [from, to), oldest first, for the export (index supplier_created). */
export async function listOrdersPlacedBetween(supplierId: string, from: number, to: number, status: OrderStatus | undefined, max: number) {
  const rows: OrderRecord[] = []
  let after = from - 1
  let afterId = ''
  // The SDK answers at most 1000 rows per read; page by (createdAt, _id) until done.
  while (rows.length < max) {
    const page = await rowsOf<OrderRecord>(
      orders()
        .where(
          command.and([
            { supplierId, ...(status ? { status } : {}), createdAt: command.lt(to) },
            command.or([{ createdAt: command.gt(after) }, { createdAt: after, _id: command.gt(afterId) }]),
          ]),
        )
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(Math.min(1000, max - rows.length))
        .field(fields)
        .get(),
    )
    rows.push(...page)
    const last = page[page.length - 1]
    if (!last || page.length < 1000) break
    after = last.createdAt
    afterId = last._id
  }
  return rows
}

// ---- transitions outside a transaction: each re-checks the status it moves from ----------------

/** Moves the order only if it is still in `from`; answers whether it moved (false: someone else moved it first). */
export async function moveOrder(id: string, from: OrderStatus, changes: Partial<NewOrder>): Promise<boolean> {
  return (await updatedOf(orders().where({ _id: id, status: from }).update({ data: changes }))) === 1
}

// ---- shipping reports (R20) ------------------------------------------------------------------

/** Takes a pending report for one reporter until `until`, unless another holds it; answers whether this one did. */
export async function claimShippingReport(order: OrderRecord, at: number, until: number): Promise<boolean> {
  const report = order.shippingReport
  if (!report || report.status !== 'pending') return false
  const where = { _id: order._id, 'shippingReport.status': 'pending', 'shippingReport.claimedUntil': command.lte(at) }
  return (
    (await updatedOf(
      orders()
        .where(where)
        .update({ data: { shippingReport: { ...report, claimedUntil: until } } }),
    )) === 1
  )
}

export async function saveShippingReport(id: string, report: ShippingReportRecord): Promise<void> {
  await orders()
    .where({ _id: id })
    .update({ data: { shippingReport: report } })
}

/** Shipments whose report is still pending and held by no reporter, oldest claim first. */
export async function findPendingShippingReports(now: number, limit: number): Promise<OrderRecord[]> {
  return rowsOf<OrderRecord>(
    orders()
      .where({ 'shippingReport.status': 'pending', 'shippingReport.claimedUntil': command.lte(now) })
      .orderBy('shippingReport.claimedUntil', 'asc')
      .limit(limit)
      .field(fields)
      .get(),
  )
}

/** Orders of this status whose `dueAt` has come (index status_due), oldest first. */
export async function findDueOrders(status: OrderStatus, now: number, limit: number): Promise<OrderRecord[]> {
  return rowsOf<OrderRecord>(
    orders()
      .where({ status, dueAt: command.lte(now) })
      .orderBy('dueAt', 'asc')
      .limit(limit)
      .field(fields)
      .get(),
  )
}

/** Unpaid orders due before `by` whose agent has not been told yet. */
export async function findOrdersToWarn(by: number, limit: number): Promise<OrderRecord[]> {
  return rowsOf<OrderRecord>(
    orders()
      .where({ status: 'pending_payment', cancelNoticeSent: false, dueAt: command.lte(by) })
      .orderBy('dueAt', 'asc')
      .limit(limit)
      .field(fields)
      .get(),
  )
}

/** Claims the notice of one order: true for exactly one caller, so the agent is told once. */
export async function claimCancelNotice(id: string): Promise<boolean> {
  return (
    (await updatedOf(
      orders()
        .where({ _id: id, status: 'pending_payment', cancelNoticeSent: false })
        .update({ data: { cancelNoticeSent: true } }),
    )) === 1
  )
}

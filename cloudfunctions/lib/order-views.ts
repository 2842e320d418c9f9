import { DEFAULT_NICKNAME } from '@/domain/user'
import { refundNumber } from '@/domain/aftersale-refunds'
import { AppError } from '@/domain/errors'
import { ORDER_TAG, type Order } from '@/domain/order'
import { usesWeChatConfirm } from '@/domain/shipping-report'
import type { OrderParty } from './lifecycles/orders'
import { viewableUrls } from './platform/files'
import { findCasesByIds, type AftersaleRecord } from './store/aftersales'
import { findBindingsOfAgents } from './store/bindings'
import type { OrderRecord } from './store/orders'
import { findSupplierByOwner, findSuppliersByIds, type SupplierRecord } from './store/suppliers'
import { findUsersByOpenids } from './store/users'

/** Which party of an order the caller is, and what each party sees of it (R17): shared by the order use cases. */

const ORDER_HIDDEN = '订单不存在'

/** The caller's parts in the order, or NOT_FOUND when it has none (another agent's or supplier's order is simply not there). */
export async function partiesIn(
  order: OrderRecord | null,
  openid: string,
): Promise<{ order: OrderRecord; parties: OrderParty[]; supplier: SupplierRecord | null }> {
  if (!order) throw new AppError('NOT_FOUND', ORDER_HIDDEN)
  const parties: OrderParty[] = []
  if (order.agentOpenid === openid) parties.push('agent')
  const supplier = await findSupplierByOwner(openid)
  if (supplier && supplier._id === order.supplierId) parties.push('supplier')
  if (parties.length === 0) throw new AppError('NOT_FOUND', ORDER_HIDDEN)
  return { order, parties, supplier }
}

/**
 * The latest case of each order that has had one, by order id. The order names it (its open case, or
 * its case count): one read for a whole page, none for a page of orders without cases nor when the
 * caller holds the case already (`known`: a case's own view).
 */
async function latestCases(records: OrderRecord[], known: readonly AftersaleRecord[]): Promise<Map<string, Pick<Order, 'aftersale'>>> {
  const ids = new Map<string, string>()
  for (const r of records) {
    const caseNo = r.caseCount ?? 0
    const id = r.openCaseId ?? (caseNo > 0 ? refundNumber(r.orderNo, { kind: 'aftersale', caseNo }) : null)
    if (id) ids.set(id, r._id)
  }
  const latest = new Map<string, Pick<Order, 'aftersale'>>()
  const have = known.filter((c) => ids.has(c._id))
  const missing = [...ids.keys()].filter((id) => !have.some((c) => c._id === id))
  for (const c of [...have, ...(await findCasesByIds(missing))]) {
    // Only the case its order names, and on that order.
    if (ids.get(c._id) === c.orderId) latest.set(c.orderId, { aftersale: { caseId: c._id, status: c.status } })
  }
  return latest
}

export async function toOrderViews(records: OrderRecord[], viewer: OrderParty, known: readonly AftersaleRecord[] = []): Promise<Order[]> {
  const [urls, cases] = await Promise.all([
    viewableUrls(records.flatMap((r) => r.items.map((i) => i.snapshot.image))),
    latestCases(records, known),
  ])
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
      counterparts.set(u.openid, {
        name: u.nickname || DEFAULT_NICKNAME,
        ...(remarks.get(u.openid) ? { remark: remarks.get(u.openid) } : {}),
      })
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
    ...(r.cancelReason !== undefined ? { cancelReason: r.cancelReason } : {}),
    ...(r.refundedFen ? { refundedFen: r.refundedFen } : {}),
    ...cases.get(r._id),
    ...(viewer === 'supplier' && r.shippingReport ? { shippingReport: { status: r.shippingReport.status } } : {}),
    // The agent paid it: its own payment's id opens WeChat's confirm-receipt for it (R20).
    ...(viewer === 'agent' && r.transactionId && usesWeChatConfirm(r) ? { wechatConfirm: { transactionId: r.transactionId } } : {}),
    counterpart: counterparts.get(viewer === 'agent' ? r.supplierId : r.agentOpenid) ?? {
      name: viewer === 'agent' ? '供应商' : DEFAULT_NICKNAME,
    },
  }))
}

export async function toOrderView(record: OrderRecord, viewer: OrderParty, known: readonly AftersaleRecord[] = []): Promise<Order> {
  const [view] = await toOrderViews([record], viewer, known)
  if (!view) throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
  return view
}

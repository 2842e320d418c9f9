import { refundableFen } from '@/domain/aftersale-refunds'
import type { Aftersale, AftersaleSummary } from '@/domain/aftersale-schemas'
import { AppError } from '@/domain/errors'
import { maskPhone, type Order } from '@/domain/order'
import { DEFAULT_NICKNAME } from '@/domain/user'
import { toOrderView } from './order-views'
import { viewableUrls } from './platform/files'
import { toRefundView } from './refund-views'
import type { AftersaleRecord } from './store/aftersales'
import { findBindingsOfAgents } from './store/bindings'
import { findOrder } from './store/orders'
import { findRefund } from './store/refunds'
import { findSuppliersByIds } from './store/suppliers'
import { findUsersByOpenids } from './store/users'

/**
 * What each side sees of an after-sales case (R19). The agent sees the supplier's name; the supplier
 * the agent's name and remark (as order.listSold shows them, never an OPENID beyond the order's);
 * the operator the supplier's name and the order without the agent's identity or its customer's. Photos are temporary URLs. A page of a list costs the same few
 * reads whatever its depth: one for the counterparts, one for the pictures.
 */
export type CaseViewer = 'agent' | 'supplier' | 'operator'

async function counterparts(records: AftersaleRecord[], viewer: CaseViewer): Promise<Map<string, { name: string; remark?: string }>> {
  const names = new Map<string, { name: string; remark?: string }>()
  if (records.length === 0) return names
  if (viewer !== 'supplier') {
    for (const s of await findSuppliersByIds([...new Set(records.map((r) => r.supplierId))])) names.set(s._id, { name: s.name })
    return names
  }
  const agents = [...new Set(records.map((r) => r.agentOpenid))]
  const [supplierId] = records.map((r) => r.supplierId)
  // A supplier's list is its own cases: its remarks for its agents.
  const [users, bindings] = await Promise.all([findUsersByOpenids(agents), supplierId ? findBindingsOfAgents(supplierId, agents) : []])
  const remarks = new Map(bindings.map((b) => [b.agentOpenid, b.remark]))
  for (const u of users) {
    const remark = remarks.get(u.openid)
    names.set(u.openid, { name: u.nickname || DEFAULT_NICKNAME, ...(remark ? { remark } : {}) })
  }
  return names
}

function summaryOf(
  record: AftersaleRecord,
  viewer: CaseViewer,
  names: Map<string, { name: string; remark?: string }>,
  urls: Map<string, string>,
): AftersaleSummary {
  return {
    _id: record._id,
    orderId: record.orderId,
    orderNo: record.orderNo,
    supplierId: record.supplierId,
    caseNo: record.caseNo,
    kind: record.kind,
    status: record.status,
    phase: record.phase,
    reason: record.reason,
    amountFen: record.amountFen,
    escalated: record.escalated,
    dueAt: record.dueAt,
    item: { ...record.item, image: urls.get(record.item.image) ?? '' },
    counterpart: names.get(viewer === 'supplier' ? record.agentOpenid : record.supplierId) ?? {
      name: viewer === 'supplier' ? DEFAULT_NICKNAME : '供应商',
    },
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  }
}

export async function toCaseSummaries(records: AftersaleRecord[], viewer: CaseViewer): Promise<AftersaleSummary[]> {
  const [names, urls] = await Promise.all([counterparts(records, viewer), viewableUrls(records.map((r) => r.item.image))])
  return records.map((record) => summaryOf(record, viewer, names, urls))
}

/** The whole case: its timeline with photos, the order as the viewer sees it, its refund. */
export async function toCaseView(record: AftersaleRecord, viewer: CaseViewer): Promise<Aftersale> {
  const order = await findOrder(record.orderId)
  if (!order) throw new AppError('NOT_FOUND', '售后不存在')
  const photos = [record.item.image, ...record.photos, ...record.timeline.flatMap((step) => step.photos)]
  const [names, urls, refund, orderView] = await Promise.all([
    counterparts([record], viewer),
    viewableUrls(photos),
    record.refundNo ? findRefund(record.refundNo) : Promise.resolve(null),
    // The case is at hand: the order's view names it without reading it again.
    toOrderView(order, viewer === 'supplier' ? 'supplier' : 'agent', [record]),
  ])
  // A photo WeChat found risky is shown only to the side that sent it, with why (R20).
  const hidden = record.hiddenPhotos ?? []
  const hiddenHere = new Set(hidden.filter((h) => h.by !== viewer).map((h) => h.fileId))
  const shown = (ids: string[]) =>
    ids
      .filter((id) => !hiddenHere.has(id))
      .map((id) => urls.get(id) ?? '')
      .filter(Boolean)
  const ownHidden = hidden.filter((h) => h.by === viewer).map((h) => ({ url: urls.get(h.fileId) ?? '', reason: h.reason }))
  const phase = record.phase === 'before_shipping' && order.status === 'paid' ? 'before_shipping' : 'after_shipping'
  return {
    ...summaryOf(record, viewer, names, urls),
    note: record.note,
    photos: shown(record.photos),
    refundableFen: refundableFen(
      {
        status: order.status,
        goodsTotal: order.goodsTotal,
        shippingFee: order.shippingFee,
        total: order.total,
        refundedFen: order.refundedFen ?? 0,
      },
      phase,
    ),
    ...(record.returnAddress ? { returnAddress: record.returnAddress } : {}),
    ...(record.returnLogistics ? { returnLogistics: record.returnLogistics } : {}),
    ...(refund ? { refund: toRefundView(refund) } : {}),
    ...(ownHidden.length > 0 ? { hiddenPhotos: ownHidden } : {}),
    timeline: record.timeline.map((step) => ({
      at: step.at,
      actor: step.actor,
      action: step.action,
      status: step.status,
      ...(step.reason ? { reason: step.reason } : {}),
      ...(step.note ? { note: step.note } : {}),
      photos: shown(step.photos),
      ...(step.amountFen !== undefined ? { amountFen: step.amountFen } : {}),
      ...(step.logistics ? { logistics: step.logistics } : {}),
      ...(step.returnAddress ? { returnAddress: step.returnAddress } : {}),
    })),
    order: viewer === 'operator' ? forOperator(orderView) : orderView,
  }
}

/**
 * The order as the platform sees it to decide (R19): what was bought, for how much, by which
 * supplier; not who the agent is nor where its customer lives.
 */
function forOperator(order: Order): Order {
  // wechatConfirm carries the agent's own payment (its transaction id): the agent's to see only.
  const { consignee, wechatConfirm: _payment, ...rest } = order
  return {
    ...rest,
    agentOpenid: '',
    consignee: { ...consignee, name: `${Array.from(consignee.name)[0] ?? ''}**`, phone: maskPhone(consignee.phone), address: '' },
  }
}

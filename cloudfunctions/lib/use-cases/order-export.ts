import { DEFAULT_NICKNAME } from '@/domain/user'
import { randomBytes } from 'node:crypto'
import type { ActionArgs } from '@/domain/api'
import { AppError } from '@/domain/errors'
import { CSV_HEADER, EXPORT_DAYS_MAX, EXPORT_ORDERS_MAX, orderCsvRow, shanghaiDayRange, toCsv } from '@/domain/order-csv'
import { DAY_MS } from '@/domain/time'
import { requireOwnSupplier } from '../access'
import type { Caller } from '../platform/caller'
import { uploadFile, viewableUrls } from '../platform/files'
import { findBindingsOfAgents } from '../store/bindings'
import { listOrdersPlacedBetween } from '../store/orders'
import { findRefundsOfSupplierSince, type RefundRecord } from '../store/refunds'
import { findUsersByOpenids } from '../store/users'

/**
 * 导出订单: the supplier's orders placed on some Shanghai days, as a CSV file Excel opens, with what
 * was refunded of each (R19).
 */

export async function exportOrders(input: ActionArgs<'order', 'export'>, caller: Caller) {
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
  const [users, bindings, refunds] = await Promise.all([
    findUsersByOpenids(agents),
    findBindingsOfAgents(supplier._id, agents),
    findRefundsOfSupplierSince(supplier._id, from),
  ])
  const refundsOf = new Map<string, RefundRecord[]>()
  for (const refund of refunds) refundsOf.set(refund.orderId, [...(refundsOf.get(refund.orderId) ?? []), refund])
  const names = new Map(users.map((u) => [u.openid, u.nickname || DEFAULT_NICKNAME]))
  const remarks = new Map(bindings.map((b) => [b.agentOpenid, b.remark]))
  const csv = toCsv([
    CSV_HEADER,
    ...rows.map((r) =>
      orderCsvRow({
        ...r,
        agentName: remarks.get(r.agentOpenid) || names.get(r.agentOpenid) || DEFAULT_NICKNAME,
        consignee: { ...r.consignee, district: r.consignee.district ?? '' },
        refunds: refundsOf.get(r._id) ?? [],
      }),
    ),
  ])
  // A random folder: the temporary URL carries the path, and nobody should guess another export's.
  const cloudPath = `exports/${randomBytes(12).toString('hex')}/orders-${input.fromDay}-${input.toDay}.csv`
  const fileID = await uploadFile(cloudPath, Buffer.from(csv, 'utf8'))
  const url = (await viewableUrls([fileID])).get(fileID) ?? ''
  return { fileID, url, fileName: `微供订单_${input.fromDay}_${input.toDay}.csv`, count: rows.length }
}

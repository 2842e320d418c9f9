import { shippingReport, type Carrier } from '@/domain/shipping-report'
import { uploadShippingInfo } from '../platform/shipping-report'
import {
  claimShippingReport,
  findPendingShippingReports,
  saveShippingReport,
  type OrderRecord,
  type ShippingReportRecord,
} from '../store/orders'

/**
 * Reporting shipments of WeChat Pay orders to WeChat (R20). The ship move stores the report as
 * pending, held by the shipping call, together with the shipment; the call then reports it. A report
 * WeChat refuses or never answers stays pending, and the `expire` timer reports it later: the
 * shipment is never undone, and a report is uploaded until accepted, by one reporter at a time.
 */

/** How long one reporter holds a report: longer than an upload can take, shorter than the timer's 10 minutes. */
export const REPORT_HOLD_MS = 2 * 60_000

/** The report a ship move stores with the shipment: none without a WeChat Pay payment; by hand for 其他. */
export function newShippingReport(order: OrderRecord, carrier: string, at: number): ShippingReportRecord | undefined {
  if (!order.transactionId) return undefined
  const status = carrier === '其他' ? 'manual' : 'pending'
  return { status, attempts: 0, claimedUntil: at + REPORT_HOLD_MS }
}

/** Uploads a held report once and records the outcome; answers the report as now stored. */
export async function reportShipment(order: OrderRecord, at: number): Promise<ShippingReportRecord | undefined> {
  const report = order.shippingReport
  if (!report || report.status !== 'pending' || !order.transactionId || !order.logistics) return report
  const params = shippingReport(
    {
      transactionId: order.transactionId,
      payerOpenid: order.agentOpenid,
      carrier: order.logistics.carrier as Carrier,
      trackingNo: order.logistics.trackingNo,
      consigneePhone: order.consignee.phone,
      items: order.items,
    },
    at,
  )
  if (!params) return save(order._id, { ...report, status: 'manual' })
  const outcome = await uploadShippingInfo(params)
  const attempts = report.attempts + 1
  if (outcome.ok) return save(order._id, { status: 'reported', attempts, claimedUntil: report.claimedUntil, reportedAt: at })
  console.error(`[wegong] shipping report of ${order.orderNo} failed (attempt ${attempts}): ${outcome.error}`)
  // Released at once: the next timer run retries it.
  return save(order._id, { ...report, attempts, claimedUntil: at, lastError: outcome.error })
}

async function save(id: string, report: ShippingReportRecord): Promise<ShippingReportRecord> {
  await saveShippingReport(id, report)
  return report
}

const BATCH = 50

/** The timer's retry: every pending report no one holds, each claimed first so a racing reporter skips it. */
export async function reportPendingShipments(at: number): Promise<{ reportedShipments: number; pendingShipments: number }> {
  let reportedShipments = 0
  let pendingShipments = 0
  for (const order of await findPendingShippingReports(at, BATCH)) {
    if (!(await claimShippingReport(order, at, at + REPORT_HOLD_MS))) continue
    const report = order.shippingReport as ShippingReportRecord
    const saved = await reportShipment({ ...order, shippingReport: { ...report, claimedUntil: at + REPORT_HOLD_MS } }, at)
    if (saved?.status === 'reported') reportedShipments += 1
    else pendingShipments += 1
  }
  return { reportedShipments, pendingShipments }
}

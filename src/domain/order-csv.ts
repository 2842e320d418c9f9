import { z } from './zod'
import type { Consignee } from './consignee'
import { formatYuan } from './money'
import { orderStatusText, type OrderStatus } from './order-machine'
import { shortTitle } from './order-rules'
import { DAY_MS, formatShanghai } from './time'

/** 导出订单: which days an export covers, and the CSV file Excel opens (one row per order). */

/** An export covers at most this many Shanghai days and this many orders. */
export const EXPORT_DAYS_MAX = 93
export const EXPORT_ORDERS_MAX = 5000

export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

/** The UTC instants [from, to) of Shanghai days `fromDay`..`toDay` inclusive. */
export function shanghaiDayRange(fromDay: string, toDay: string): { from: number; to: number } {
  const start = Date.parse(`${fromDay}T00:00:00+08:00`)
  const end = Date.parse(`${toDay}T00:00:00+08:00`) + DAY_MS
  return { from: start, to: end }
}

export interface ExportOrder {
  orderNo: string
  status: OrderStatus
  createdAt: number
  paidAt?: number
  agentName: string
  items: ReadonlyArray<{ qty: number; unitPrice: number; snapshot: { description: string; specName: string } }>
  goodsTotal: number
  shippingFee: number
  total: number
  consignee: Consignee
  logistics?: { carrier: string; trackingNo: string }
  /** What WeChat Pay confirmed refunded (R19); absent while nothing was. */
  refundedFen?: number
  /** The order's refunds, oldest first; absent when it has none. */
  refunds?: readonly ExportRefund[]
}

/** A refund of the order as the export shows it. */
export interface ExportRefund {
  status: 'requested' | 'processing' | 'succeeded' | 'failed'
  succeededAt?: number
}

const refundStatusText: Record<ExportRefund['status'], string> = {
  requested: '退款中',
  processing: '退款中',
  succeeded: '退款成功',
  failed: '退款失败',
}

/**
 * 退款金额, 退款状态, 退款时间: what was refunded (confirmed by WeChat Pay only, so 实付金额 less it is
 * what the supplier kept), the latest refund's state, and when the latest confirmed refund came back.
 */
function refundCells(order: ExportOrder): string[] {
  const refunds = order.refunds ?? []
  const latest = refunds[refunds.length - 1]
  const succeeded = refunds.filter((r) => r.status === 'succeeded' && r.succeededAt !== undefined)
  const backAt = succeeded[succeeded.length - 1]?.succeededAt
  return [
    formatYuan(order.refundedFen ?? 0),
    latest ? refundStatusText[latest.status] : '',
    backAt === undefined ? '' : formatShanghai(backAt, 'YYYY-MM-DD HH:mm:ss'),
  ]
}

export const CSV_HEADER = [
  '订单号',
  '下单时间',
  '付款时间',
  '状态',
  '代理',
  '商品',
  '件数',
  '商品金额',
  '运费',
  '实付金额',
  '收货人',
  '手机',
  '省份',
  '城市',
  '区县',
  '详细地址',
  '快递公司',
  '快递单号',
  '退款金额',
  '退款状态',
  '退款时间',
]

/**
 * One row per order, so the money columns add up in Excel; the goods as 「商品 规格 ×2；…」, money as
 * yuan with two decimals, times in Shanghai. `toCsv` quotes the cells.
 */
export function orderCsvRow(order: ExportOrder): string[] {
  return [
    order.orderNo,
    formatShanghai(order.createdAt, 'YYYY-MM-DD HH:mm:ss'),
    order.paidAt ? formatShanghai(order.paidAt, 'YYYY-MM-DD HH:mm:ss') : '',
    orderStatusText[order.status],
    order.agentName,
    order.items.map((item) => `${shortTitle(item.snapshot.description)} ${item.snapshot.specName} ×${item.qty}`).join('；'),
    String(order.items.reduce((sum, item) => sum + item.qty, 0)),
    formatYuan(order.goodsTotal),
    formatYuan(order.shippingFee),
    formatYuan(order.total),
    order.consignee.name,
    order.consignee.phone,
    order.consignee.province,
    order.consignee.city,
    order.consignee.district,
    order.consignee.address,
    order.logistics?.carrier ?? '',
    order.logistics?.trackingNo ?? '',
    ...refundCells(order),
  ]
}

/** RFC 4180 quoting, and a leading apostrophe for cells Excel would run as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** UTF-8 with a BOM and CRLF line ends, which is what makes Excel on Windows open Chinese text right. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\ufeff${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`
}

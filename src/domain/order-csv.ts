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

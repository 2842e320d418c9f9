import { z } from './zod'
import { formatFen } from './money'
import { provinces, shippingFee, type Shipping } from './shipping'
import { requiredText } from './text'
import { DAY_MS, MINUTE_MS, formatShanghai, shanghai } from './time'
import { shortTitle } from './order-rules'

export { shortTitle } from './order-rules'

/**
 * R17 in one place: the consignee, the quote (goods, shipping by template and province, total), the
 * order's state machine (which transition, by whom), order numbers and the CSV export. Pure: the
 * functions and the pages both use these.
 */

export const ORDER_STATUSES = ['pending_payment', 'paid', 'shipped', 'completed', 'cancelled'] as const
export const OrderStatus = z.enum(ORDER_STATUSES)
export type OrderStatus = z.infer<typeof OrderStatus>

export const orderStatusText: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  paid: '待发货',
  shipped: '已发货',
  completed: '已完成',
  cancelled: '已取消',
}

/** Unpaid orders cancel themselves 30 minutes after creation and give the stock back. */
export const PAYMENT_WINDOW_MS = 30 * MINUTE_MS
/** The agent is told its unpaid order is about to be cancelled once this little time is left. */
export const CANCEL_NOTICE_BEFORE_MS = 10 * MINUTE_MS
/** Shipped orders complete themselves 15 days after shipping. */
export const AUTO_COMPLETE_MS = 15 * DAY_MS
export const ORDER_LINES_MAX = 50
export const QTY_MAX = 9999
/** Every order of 微供 carries this tag in the supplier's lists (R17). */
export const ORDER_TAG = '微供'

// ---- consignee ------------------------------------------------------------------------------

const PhoneSchema = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '请填写正确的手机号（如 13800138000）')

export const ConsigneeSchema = z
  .object({
    name: requiredText('收货人', 20),
    phone: PhoneSchema,
    province: requiredText('省份', 20),
    city: requiredText('城市', 20),
    /** Some cities (东莞, 中山…) have no district level. */
    district: z.string().trim().max(20, '区县最多 20 个字').default(''),
    address: requiredText('详细地址', 100),
  })
  .strict()
  .superRefine((consignee, ctx) => {
    if (shippingProvince(consignee.province) === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['province'], message: '暂不支持配送到该地区' })
    }
  })
export type Consignee = z.infer<typeof ConsigneeSchema>
export type ConsigneeInput = z.input<typeof ConsigneeSchema>

/**
 * The shipping-template province of an address's province as people and WeChat write it
 * (「广东省」「内蒙古自治区」「北京市」 → 广东, 内蒙古, 北京); null outside the mainland provinces.
 */
export function shippingProvince(province: string): (typeof provinces)[number] | null {
  const name = province.trim()
  return provinces.find((p) => name.startsWith(p)) ?? null
}

/** One line of the consignee for lists and the CSV: 「广东省 深圳市 南山区 科技园1号」. */
export function consigneeAddress(consignee: Pick<Consignee, 'province' | 'city' | 'district' | 'address'>): string {
  return [consignee.province, consignee.city === consignee.province ? '' : consignee.city, consignee.district, consignee.address]
    .filter(Boolean)
    .join(' ')
}

/** 138****8000: what another screen than the order itself shows of a phone number. */
export function maskPhone(phone: string): string {
  return phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone
}

// ---- order lines and the quote --------------------------------------------------------------

export const OrderLineInput = z
  .object({
    productId: z.string().min(1).max(64),
    specId: z.string().min(1).max(64),
    qty: z
      .number({ invalid_type_error: '请填写数量' })
      .int('数量必须是整数')
      .min(1, '至少买 1 件')
      .max(QTY_MAX, `一次最多买 ${QTY_MAX} 件`),
  })
  .strict()
export type OrderLineInput = z.infer<typeof OrderLineInput>

export const OrderLinesSchema = z
  .array(OrderLineInput)
  .min(1, '请选择要购买的商品')
  .max(ORDER_LINES_MAX, `一单最多 ${ORDER_LINES_MAX} 种规格`)
  .superRefine((lines, ctx) => {
    const seen = new Set<string>()
    lines.forEach((line, index) => {
      const key = `${line.productId}/${line.specId}`
      if (seen.has(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index, 'specId'], message: '同一规格重复了，请合并数量' })
      seen.add(key)
    })
  })

/** What the quote needs of each line: its price, quantity and the product's shipping template. */
export interface PricedLine {
  unitPrice: number
  qty: number
  shippingTemplateId: string
}

export type ShippingRule = Pick<Shipping, 'firstFee' | 'additionalFee' | 'regions' | 'freeOver'>

export interface QuoteTotals {
  goodsTotal: number
  shippingFee: number
  total: number
}

/**
 * R7 for an order of several products: lines sharing a template are shipped as one parcel under that
 * template (its first piece once, every further piece at the additional fee, free once their goods
 * reach its threshold); each template's parcel is charged separately. A province without a region
 * override pays the template's base fees; no province yet (the cart before an address) does too.
 */
export function quoteTotals(
  lines: readonly PricedLine[],
  templates: ReadonlyMap<string, ShippingRule>,
  province: string | null,
): QuoteTotals {
  const goodsTotal = lines.reduce((sum, line) => sum + line.unitPrice * line.qty, 0)
  const parcels = new Map<string, { pieces: number; goods: number }>()
  for (const line of lines) {
    const parcel = parcels.get(line.shippingTemplateId) ?? { pieces: 0, goods: 0 }
    parcel.pieces += line.qty
    parcel.goods += line.unitPrice * line.qty
    parcels.set(line.shippingTemplateId, parcel)
  }
  const region = province === null ? '' : (shippingProvince(province) ?? '')
  let shipping = 0
  for (const [templateId, parcel] of parcels) {
    const template = templates.get(templateId)
    if (!template) throw new Error(`missing shipping template ${templateId}`)
    shipping += shippingFee(template, region, parcel.pieces, parcel.goods)
  }
  return { goodsTotal, shippingFee: shipping, total: goodsTotal + shipping }
}

// ---- the state machine ----------------------------------------------------------------------

/** Who moves an order: its agent, its supplier, WeChat Pay's callback, or the timer. */
export type OrderActor = 'agent' | 'supplier' | 'payment' | 'timer'
export type OrderEvent = 'pay' | 'ship' | 'cancel' | 'confirm'

const machine: Record<OrderEvent, { from: OrderStatus; to: OrderStatus; by: readonly OrderActor[] }> = {
  pay: { from: 'pending_payment', to: 'paid', by: ['payment'] },
  ship: { from: 'paid', to: 'shipped', by: ['supplier'] },
  cancel: { from: 'pending_payment', to: 'cancelled', by: ['agent', 'supplier', 'timer'] },
  confirm: { from: 'shipped', to: 'completed', by: ['agent', 'timer'] },
}

const refusals: Record<OrderEvent, string> = {
  pay: '订单不是待付款状态，无法支付',
  ship: '只有待发货的订单可以发货',
  cancel: '只有待付款的订单可以取消',
  confirm: '只有已发货的订单可以确认收货',
}

const forbidden: Record<OrderEvent, string> = {
  pay: '订单只能通过微信支付完成付款',
  ship: '只有供应商可以发货',
  cancel: '无权取消该订单',
  confirm: '只有下单的代理可以确认收货',
}

export type Transition = { ok: true; to: OrderStatus } | { ok: false; code: 'FORBIDDEN' | 'FAILED_PRECONDITION'; message: string }

/**
 * The only legal moves: 待付款 → 待发货 (paid, only by the payment callback) → 已发货 (by the supplier)
 * → 已完成 (by the agent, or the timer 15 days on); 待付款 → 已取消 (by either party or the timer).
 * A party that may never make the move is FORBIDDEN; a legal move from the wrong state is
 * FAILED_PRECONDITION.
 */
export function transition(status: OrderStatus, event: OrderEvent, actor: OrderActor): Transition {
  const rule = machine[event]
  if (!rule.by.includes(actor)) return { ok: false, code: 'FORBIDDEN', message: forbidden[event] }
  if (status !== rule.from) return { ok: false, code: 'FAILED_PRECONDITION', message: refusals[event] }
  return { ok: true, to: rule.to }
}

/** When the timer acts on an order of this status (unpaid: the payment window; shipped: auto-complete); null for none. */
export function dueAt(status: OrderStatus, at: number): number | null {
  if (status === 'pending_payment') return at + PAYMENT_WINDOW_MS
  if (status === 'shipped') return at + AUTO_COMPLETE_MS
  return null
}

// ---- order numbers --------------------------------------------------------------------------

/**
 * 「20261201153012」 + 6 random digits: readable (the Shanghai date and time it was placed), sortable,
 * at most 32 characters as WeChat Pay's out_trade_no requires. `digits` is random (injected so this
 * stays pure); the store's unique index catches the one-in-a-million clash of the same second.
 */
export function orderNumber(at: number, digits: string): string {
  if (!/^\d{6}$/.test(digits)) throw new Error('order number needs 6 random digits')
  return `${shanghai(at).format('YYYYMMDDHHmmss')}${digits}`
}

export const OrderNoSchema = z.string().regex(/^\d{20}$/)

// ---- carriers and shipping -------------------------------------------------------------------

/** Common carriers of mainland China, as suppliers pick them when shipping. */
export const CARRIERS = [
  '顺丰速运',
  '中通快递',
  '圆通速递',
  '韵达快递',
  '申通快递',
  '极兔速递',
  '邮政快递包裹',
  'EMS',
  '京东快递',
  '德邦快递',
  '其他',
] as const
export const CarrierSchema = z.enum(CARRIERS, { errorMap: () => ({ message: '请选择快递公司' }) })

export const TrackingNoSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{6,40}$/, '请填写正确的快递单号（6–40 位字母或数字）')

// ---- CSV export -----------------------------------------------------------------------------

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
  const yuan = (fen: number) => formatFen(fen).replace('¥', '')
  return [
    order.orderNo,
    formatShanghai(order.createdAt, 'YYYY-MM-DD HH:mm:ss'),
    order.paidAt ? formatShanghai(order.paidAt, 'YYYY-MM-DD HH:mm:ss') : '',
    orderStatusText[order.status],
    order.agentName,
    order.items.map((item) => `${shortTitle(item.snapshot.description)} ${item.snapshot.specName} ×${item.qty}`).join('；'),
    String(order.items.reduce((sum, item) => sum + item.qty, 0)),
    yuan(order.goodsTotal),
    yuan(order.shippingFee),
    yuan(order.total),
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

// ---- answers ------------------------------------------------------------------------------

export const ConsigneeViewSchema = z.object({
  name: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  address: z.string(),
})

export const OrderItemSchema = z.object({
  productId: z.string(),
  specId: z.string(),
  qty: z.number().int(),
  unitPrice: z.number().int(),
  /** What was bought, as it was when ordered (R10: still complete after the product is edited or deleted). */
  snapshot: z.object({ description: z.string(), specName: z.string(), category: z.string(), image: z.string() }),
})

export const LogisticsSchema = z.object({ carrier: z.string(), trackingNo: z.string(), shippedAt: z.number().int() })

export const OrderSchema = z.object({
  _id: z.string(),
  orderNo: z.string(),
  supplierId: z.string(),
  /** The ordering agent (itself, or one of the supplier's agents as network.listAgents names them). */
  agentOpenid: z.string(),
  tag: z.literal(ORDER_TAG),
  status: OrderStatus,
  items: z.array(OrderItemSchema),
  goodsTotal: z.number().int(),
  shippingFee: z.number().int(),
  total: z.number().int(),
  consignee: ConsigneeViewSchema,
  logistics: LogisticsSchema.optional(),
  createdAt: z.number().int(),
  /** Unpaid: when it cancels itself. */
  payDeadline: z.number().int().optional(),
  paidAt: z.number().int().optional(),
  shippedAt: z.number().int().optional(),
  /** Shipped: when it completes itself. */
  autoCompleteAt: z.number().int().optional(),
  completedAt: z.number().int().optional(),
  cancelledAt: z.number().int().optional(),
  cancelledBy: z.enum(['agent', 'supplier', 'timer']).optional(),
  /** The other party: the supplier's name for the agent, the agent's name and remark for the supplier. */
  counterpart: z.object({ name: z.string(), remark: z.string().optional() }),
})
export type Order = z.infer<typeof OrderSchema>

export const QuoteLineSchema = z.object({
  productId: z.string(),
  specId: z.string(),
  title: z.string(),
  specName: z.string(),
  image: z.string(),
  unitPrice: z.number().int(),
  qty: z.number().int(),
  subtotal: z.number().int(),
  stock: z.number().int(),
})
export const QuoteSchema = z.object({
  supplierId: z.string(),
  lines: z.array(QuoteLineSchema),
  goodsTotal: z.number().int(),
  shippingFee: z.number().int(),
  total: z.number().int(),
  /** The template province the shipping was computed for; null: base fees (no address yet). */
  province: z.string().nullable(),
})
export type Quote = z.infer<typeof QuoteSchema>

/** What `wx.requestPayment` takes (cloudPay's unifiedOrder answers it as `payment`). */
export const PaymentSchema = z.object({
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.string(),
  paySign: z.string(),
})
export type Payment = z.infer<typeof PaymentSchema>

export const OrderCountsSchema = z.object(
  Object.fromEntries(ORDER_STATUSES.map((status) => [status, z.number().int()])) as Record<OrderStatus, z.ZodNumber>,
)
export type OrderCounts = z.infer<typeof OrderCountsSchema>

export const AddressEntrySchema = z.object({ id: z.string(), consignee: ConsigneeViewSchema, usedAt: z.number().int() })

export const SalesDaySchema = z.object({
  day: z.string(),
  paidOrders: z.number().int(),
  salesFen: z.number().int(),
  forwards: z.number().int(),
})
/** 经营数据 covers this many Shanghai days, today included. */
export const STATS_DAYS = 30

export const OrderSearchSchema = z.string().trim().max(40)

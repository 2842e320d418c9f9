import { z } from './zod'
import { AFTERSALE_STATUSES } from './aftersale'
import { ConsigneeViewSchema } from './consignee'
import { ORDER_STATUSES, OrderStatus } from './order-machine'
import { shanghai } from './time'

export { shortTitle } from './order-rules'
// The parts of R17 live in their own modules; the pages take them from here as before.
export * from './consignee'
export * from './order-machine'
export * from './order-quote'
export * from './order-csv'

/**
 * The order as the API answers it (R17), its number, and how it ships. The rest of R17 has one module
 * per reason to change: `consignee`, `order-machine` (statuses and moves), `order-quote` (lines and
 * prices) and `order-csv` (the export). Pure: the functions and the pages both use these.
 */

/** Every order of 微供 carries this tag in the supplier's lists (R17). */
export const ORDER_TAG = '微供'

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

// ---- answers ------------------------------------------------------------------------------

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
  /** Cancelled with a refund (R19: 无法发货，退款): the reason the supplier gave. */
  cancelReason: z.string().optional(),
  /** What WeChat Pay has confirmed refunded of this order (R19), in fen; absent while nothing was. */
  refundedFen: z.number().int().optional(),
  /**
   * The order's latest after-sales case (R19), absent while it has had none: its id opens 售后详情,
   * its status says where it stands (an order has at most one open case, always its latest).
   */
  aftersale: z.object({ caseId: z.string(), status: z.enum(AFTERSALE_STATUSES) }).optional(),
  /**
   * The supplier's view of a WeChat Pay order's shipment as reported to WeChat (R20): reported;
   * pending (未上报: retried every 10 minutes until WeChat accepts); manual (其他 carrier: enter it in
   * the console's 发货信息管理).
   */
  shippingReport: z.object({ status: z.enum(['reported', 'pending', 'manual']) }).optional(),
  /**
   * The agent's view of a shipped WeChat Pay order whose shipment WeChat has (R20): 确认收货 goes
   * through WeChat's own confirm-receipt component for this payment.
   */
  wechatConfirm: z.object({ transactionId: z.string() }).optional(),
  /** The other party: the supplier's name for the agent, the agent's name and remark for the supplier. */
  counterpart: z.object({ name: z.string(), remark: z.string().optional() }),
})
export type Order = z.infer<typeof OrderSchema>

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

/** 我的订单's counts: per status, and the agent's open after-sales cases (R19: the 售后 badge), in one call. */
export const MyOrderCountsSchema = OrderCountsSchema.extend({ aftersaleOpen: z.number().int() })
export type MyOrderCounts = z.infer<typeof MyOrderCountsSchema>

export const AddressEntrySchema = z.object({ id: z.string(), consignee: ConsigneeViewSchema, usedAt: z.number().int() })

export const SalesDaySchema = z.object({
  day: z.string(),
  paidOrders: z.number().int(),
  /** Net of refunds: what was paid that day less what WeChat Pay confirmed refunded that day (R19). */
  salesFen: z.number().int(),
  refundedFen: z.number().int(),
  forwards: z.number().int(),
})
/** 经营数据 covers this many Shanghai days, today included. */
export const STATS_DAYS = 30

export const OrderSearchSchema = z.string().trim().max(40)

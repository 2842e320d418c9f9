import { z } from 'zod'
import type { LocalClock } from './clock'

/**
 * The stand-in for WeChat's shipping-information service (发货信息管理, R20):
 * `wxa.sec.order.uploadShippingInfo` is checked against WeChat's documented field rules and, when
 * valid, recorded; `GET /_local/shipping-reports` lists the accepted reports and the refused calls.
 * `POST /_local/shipping-reports {"available": false}` makes every upload answer WeChat's system
 * error (-1) until set true again, as when WeChat cannot be reached.
 */

/** WeChat delivery ids the stand-in knows (those of the carriers the app offers; WeChat's list is longer). */
export const KNOWN_DELIVERY_IDS = new Set(['SF', 'ZTO', 'YTO', 'YD', 'STO', 'JTSD', 'YZPY', 'EMS', 'JD', 'DBL'])

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/
/** A masked contact: WeChat shows it to the buyer, so digits in the middle must be hidden. */
const MASKED = /^[^*]{0,8}\*{4,}[^*]{0,8}$/
const chars = (min: number, max: number) => z.string().refine((s) => Array.from(s).length >= min && Array.from(s).length <= max)

const Parcel = z.object({
  tracking_no: chars(1, 128).optional(),
  express_company: z.string().optional(),
  item_desc: chars(1, 120),
  contact: z.object({ consignor_contact: chars(1, 1024).optional(), receiver_contact: chars(1, 1024).optional() }).optional(),
})

const Params = z.object({
  order_key: z.union([
    z.object({ order_number_type: z.literal(2), transaction_id: z.string().min(1) }),
    z.object({ order_number_type: z.literal(1), mchid: z.string().min(1), out_trade_no: z.string().min(1) }),
  ]),
  logistics_type: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  delivery_mode: z.union([z.literal(1), z.literal(2)]),
  is_all_delivered: z.boolean().optional(),
  shipping_list: z.array(Parcel).min(1).max(15),
  upload_time: z.string().regex(RFC3339),
  payer: z.object({ openid: z.string().min(1) }),
})

export type ShippingReportParams = z.infer<typeof Params>

export interface RecordedReport {
  at: number
  from: string
  /** The payment it reports (transaction id, or merchant and order number). */
  payment: string
  params: ShippingReportParams
}

export interface RefusedReport {
  at: number
  from: string
  errcode: number
  errmsg: string
}

type WeChatAnswer = Record<string, unknown>

export class LocalShippingReports {
  private readonly reports: RecordedReport[] = []
  private readonly refused: RefusedReport[] = []
  private available = true

  constructor(private readonly clock: LocalClock) {}

  upload(raw: Record<string, unknown>, from: string): WeChatAnswer {
    const refuse = (errcode: number, errmsg: string): WeChatAnswer => {
      this.refused.push({ at: this.clock.now(), from, errcode, errmsg })
      return { errcode, errmsg }
    }
    if (!this.available) return refuse(-1, 'system error')
    const parsed = Params.safeParse(raw)
    if (!parsed.success) return refuse(47001, `data format error: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`)
    const params = parsed.data
    if (params.delivery_mode === 1 && params.shipping_list.length !== 1)
      return refuse(47001, 'data format error: 统一发货 takes one parcel')
    if (params.delivery_mode === 2 && params.is_all_delivered === undefined) return refuse(47001, 'data format error: is_all_delivered')
    for (const [i, parcel] of params.shipping_list.entries()) {
      if (params.logistics_type === 1) {
        if (!parcel.tracking_no) return refuse(47001, `data format error: shipping_list.${i}.tracking_no`)
        if (!parcel.express_company || !KNOWN_DELIVERY_IDS.has(parcel.express_company))
          return refuse(47001, `data format error: shipping_list.${i}.express_company`)
      }
      if (parcel.express_company === 'SF') {
        const contact = parcel.contact?.receiver_contact ?? parcel.contact?.consignor_contact
        if (!contact) return refuse(47001, `data format error: shipping_list.${i}.contact is required for SF`)
        if (!MASKED.test(contact)) return refuse(47001, `data format error: shipping_list.${i}.contact must be masked`)
      }
    }
    const key = params.order_key
    const payment = key.order_number_type === 2 ? key.transaction_id : `${key.mchid}/${key.out_trade_no}`
    // WeChat lets a payment's shipment be changed once after it was first reported.
    if (this.reports.filter((r) => r.payment === payment).length >= 2)
      return refuse(10060003, 'the shipment of this payment was already changed once (local stand-in)')
    this.reports.push({ at: this.clock.now(), from, payment, params })
    return { errcode: 0, errmsg: 'ok' }
  }

  setAvailable(available: boolean): void {
    this.available = available
  }

  snapshot() {
    return { available: this.available, reports: [...this.reports], refused: [...this.refused] }
  }
}

import type { CARRIERS } from './order'
import { oneLine, truncate } from './text-rules'
import { formatShanghai } from './time'

/**
 * What WeChat's shipping-information service (发货信息管理, `upload_shipping_info`) needs to hear of a
 * shipment of a WeChat Pay order (R20): until it is reported, the payment is not settled to the
 * merchant. Pure: the order's facts in, WeChat's fields out.
 */

export type Carrier = (typeof CARRIERS)[number]

/**
 * The carriers suppliers pick, as WeChat's delivery ids (`get_delivery_list` of 发货信息管理).
 * 其他 names no carrier WeChat can track: such a shipment is entered by hand in the console.
 */
export const WECHAT_DELIVERY_IDS: Record<Carrier, string | null> = {
  顺丰速运: 'SF',
  中通快递: 'ZTO',
  圆通速递: 'YTO',
  韵达快递: 'YD',
  申通快递: 'STO',
  极兔速递: 'JTSD',
  邮政快递包裹: 'YZPY',
  EMS: 'EMS',
  京东快递: 'JD',
  德邦快递: 'DBL',
  其他: null,
}

/** WeChat's item description holds at most 120 characters. */
export const ITEM_DESC_MAX = 120

/** Where a shipment's report stands: reported to WeChat, waiting for a retry, or to be entered by hand. */
export type ShippingReportStatus = 'reported' | 'pending' | 'manual'

/** 「139****5678」: WeChat takes only a masked contact (required when the carrier is 顺丰). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  if (digits.length < 7) return '****'
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`
}

/** 「碎花连衣裙 红色 / M ×2；…」 within WeChat's 120 characters. */
export function itemDescription(items: ReadonlyArray<{ qty: number; snapshot: { description: string; specName: string } }>): string {
  const lines = items.map((item) => `${truncate(oneLine(item.snapshot.description), 30)} ${item.snapshot.specName} ×${item.qty}`)
  // truncate marks a cut with …, one character more than it keeps.
  return truncate(lines.join('；') || '微供订单商品', ITEM_DESC_MAX - 1)
}

/** RFC 3339 in Shanghai time, as WeChat's examples write it: 2026-12-07T14:05:09.120+08:00. */
export function uploadTime(at: number): string {
  return formatShanghai(at, 'YYYY-MM-DD[T]HH:mm:ss.SSS[+08:00]')
}

export interface ShipmentFacts {
  transactionId: string
  payerOpenid: string
  carrier: Carrier
  trackingNo: string
  consigneePhone: string
  items: ReadonlyArray<{ qty: number; snapshot: { description: string; specName: string } }>
}

/**
 * The parameters of `upload_shipping_info` (camelCase; the SDK sends them snake_case): the payment
 * by WeChat Pay's transaction id, one parcel by express (统一发货), the masked receiver contact for
 * 顺丰. Null when the carrier has no WeChat delivery id (其他).
 */
export function shippingReport(facts: ShipmentFacts, at: number) {
  const expressCompany = WECHAT_DELIVERY_IDS[facts.carrier]
  if (expressCompany === null) return null
  return {
    orderKey: { orderNumberType: 2, transactionId: facts.transactionId },
    // 1 = express delivery; 1 = one parcel for the whole order.
    logisticsType: 1,
    deliveryMode: 1,
    shippingList: [
      {
        trackingNo: facts.trackingNo,
        expressCompany,
        itemDesc: itemDescription(facts.items),
        ...(expressCompany === 'SF' ? { contact: { receiverContact: maskPhone(facts.consigneePhone) } } : {}),
      },
    ],
    uploadTime: uploadTime(at),
    payer: { openid: facts.payerOpenid },
  }
}

/**
 * Whether the agent's 确认收货 goes through WeChat's confirm-receipt component (R20): only for a
 * shipped order paid by WeChat Pay whose shipment WeChat accepted; WeChat knows no other order.
 */
export function usesWeChatConfirm(order: {
  status: string
  transactionId?: string
  shippingReport?: { status: ShippingReportStatus }
}): boolean {
  return order.status === 'shipped' && !!order.transactionId && order.shippingReport?.status === 'reported'
}

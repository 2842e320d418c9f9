import type { shippingReport } from '@/domain/shipping-report'
import { cloud } from './cloud'

/**
 * WeChat's shipping-information service (发货信息管理): `upload_shipping_info` by cloud call
 * (`wxa.sec.order.uploadShippingInfo`). Answers WeChat's refusal or failure as text rather than
 * throwing: a report that fails is retried by the timer, and never undoes the shipment.
 */
export type ShippingReportParams = NonNullable<ReturnType<typeof shippingReport>>

export async function uploadShippingInfo(params: ShippingReportParams): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await cloud.openapi.wxa.sec.order.uploadShippingInfo(params)
    return { ok: true }
  } catch (error) {
    const { errCode, errMsg } = error as { errCode?: unknown; errMsg?: unknown }
    return { ok: false, error: `${String(errCode ?? '')} ${String(errMsg ?? (error as Error).message ?? error)}`.trim().slice(0, 300) }
  }
}

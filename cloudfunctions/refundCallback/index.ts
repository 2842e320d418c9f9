import { recordRefundNotice } from '../lib/lifecycles/refunds'
import { now } from '../lib/platform/clock'
import { RefundNoticeSchema, type PayResult } from '../lib/platform/pay'

/**
 * WeChat Pay's refund notification (cloudPay calls the function named in `refund`). Its event is
 * parsed here, at the entry; only the refund number is taken from it, to ask WeChat Pay what was
 * refunded. It answers in WeChat's shape: `errcode: 0` means "handled, stop retrying". It never
 * throws: anything unexpected is logged and answered non-zero, so WeChat retries later.
 */
export async function main(event: unknown): Promise<PayResult> {
  try {
    const notice = RefundNoticeSchema.safeParse(event)
    if (!notice.success) return { errcode: 1, errmsg: 'bad notice' }
    return await recordRefundNotice(notice.data.reqInfo.outRefundNo, now())
  } catch (error) {
    console.error('[wegong] refund notice failed', error)
    return { errcode: 500, errmsg: 'internal error' }
  }
}

import { PayNoticeSchema, type PayResult } from '../lib/platform/pay'
import { recordPayment } from '../lib/use-cases/order-payments'

/**
 * WeChat Pay's result notification (cloudPay calls the function named in unifiedOrder). Its event is
 * parsed here, at the entry; the use case gets the notice. It answers in WeChat's shape, not the
 * app's envelope: `errcode: 0` means "handled, stop retrying". It never throws: anything unexpected
 * is logged and answered non-zero, so WeChat retries later.
 */
export async function main(event: unknown): Promise<PayResult> {
  try {
    const notice = PayNoticeSchema.safeParse(event)
    if (!notice.success) return { errcode: 1, errmsg: 'bad notice' }
    return await recordPayment(notice.data)
  } catch (error) {
    console.error('[wegong] payment notice failed', error)
    return { errcode: 500, errmsg: 'internal error' }
  }
}

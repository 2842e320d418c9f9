import { recordPayment, type PayResult } from '../lib/use-cases/orders'

/**
 * WeChat Pay's result notification (cloudPay calls the function named in unifiedOrder). It answers
 * in WeChat's shape, not the app's envelope: `errcode: 0` means "handled, stop retrying". It never
 * throws: anything unexpected is logged and answered non-zero, so WeChat retries later.
 */
export async function main(event: unknown): Promise<PayResult> {
  try {
    return await recordPayment(event)
  } catch (error) {
    console.error('[wegong] payment notice failed', error)
    return { errcode: 500, errmsg: 'internal error' }
  }
}

import { AppError } from '@/domain/errors'
import type { Payment } from '@/domain/order'
import { PaymentSchema } from '@/domain/order'
import { shanghai } from '@/domain/time'
import { z } from '@/domain/zod'
import { cloud } from './cloud'
import { now } from './clock'
import { config } from './config'
import { randomToken } from './ids'

/**
 * WeChat Pay through cloudPay (云支付): `unifiedOrder` makes the payment the mini-program hands to
 * `wx.requestPayment`, and names the function WeChat calls when the payer has paid (`payCallback`);
 * `refund` gives money back and names the function WeChat calls when it is back (`refundCallback`).
 * Locally the local cloud stands in for cloudPay (local/README.md). Amounts are fen (R18).
 */
export const PAY_CALLBACK_FUNCTION = 'payCallback'
/** The function WeChat Pay notifies when a refund is done (R19). */
export const REFUND_CALLBACK_FUNCTION = 'refundCallback'
/** WeChat Pay refuses a time_expire less than 5 minutes away; a little margin for the round trip. */
const PAY_WINDOW_MIN_MS = 6 * 60_000

/** The SDK's typings leave cloudPay out; these are the calls we make (parameters camelCase, the SDK sends snake_case). */
interface CloudPay {
  unifiedOrder(params: Record<string, unknown>): Promise<unknown>
  queryOrder(params: Record<string, unknown>): Promise<unknown>
  closeOrder(params: Record<string, unknown>): Promise<unknown>
  refund(params: Record<string, unknown>): Promise<unknown>
  queryRefund(params: Record<string, unknown>): Promise<unknown>
}
const cloudPay = (): CloudPay => (cloud as unknown as { cloudPay: CloudPay }).cloudPay

const UnifiedOrderAnswer = z
  .object({
    returnCode: z.string(),
    returnMsg: z.string().optional(),
    resultCode: z.string().optional(),
    errCode: z.union([z.string(), z.number()]).optional(),
    errCodeDes: z.string().optional(),
    payment: PaymentSchema.passthrough().optional(),
  })
  .passthrough()

const QueryOrderAnswer = z
  .object({
    returnCode: z.string(),
    resultCode: z.string().optional(),
    tradeState: z.string().optional(),
    totalFee: z.coerce.number().optional(),
    outTradeNo: z.string().optional(),
    transactionId: z.string().optional(),
  })
  .passthrough()

function merchant(): string {
  const subMchId = config().WEGONG_PAY_SUB_MCH_ID
  if (!subMchId) throw new AppError('FAILED_PRECONDITION', '供应商暂未开通微信支付，请联系供应商')
  return subMchId
}

/** WeChat Pay's time format: yyyyMMddHHmmss in Beijing time. */
function payTime(at: number): string {
  return shanghai(at).format('YYYYMMDDHHmmss')
}

export interface PaymentRequest {
  orderNo: string
  /** What the payer's bill shows (≤ 128 bytes). */
  body: string
  totalFen: number
  /** After this the payment can no longer be made (the order cancels itself then). */
  expiresAt: number
}

export async function unifiedOrder(request: PaymentRequest): Promise<Payment> {
  const subMchId = merchant()
  let raw: unknown
  try {
    raw = await cloudPay().unifiedOrder({
      body: request.body,
      outTradeNo: request.orderNo,
      spbillCreateIp: '127.0.0.1',
      subMchId,
      totalFee: request.totalFen,
      envId: String(cloud.getWXContext().ENV ?? ''),
      functionName: PAY_CALLBACK_FUNCTION,
      nonceStr: randomToken(24),
      tradeType: 'JSAPI',
      // WeChat Pay keeps a payment open at least 5 minutes; a later cancellation closes it (closeTrade).
      timeExpire: payTime(Math.max(request.expiresAt, now() + PAY_WINDOW_MIN_MS)),
    })
  } catch (error) {
    console.error('[wegong] cloudPay.unifiedOrder failed', error)
    throw new AppError('INTERNAL', '微信支付暂时不可用，请稍后再试')
  }
  const answer = UnifiedOrderAnswer.safeParse(raw)
  if (!answer.success || answer.data.returnCode !== 'SUCCESS' || answer.data.resultCode !== 'SUCCESS' || !answer.data.payment) {
    const reason = answer.success
      ? `${answer.data.errCode ?? ''} ${answer.data.errCodeDes ?? answer.data.returnMsg ?? ''}`
      : 'unreadable answer'
    console.error('[wegong] cloudPay.unifiedOrder refused', reason)
    // The SDK overwrites WeChat Pay's err_code with `errCode: 0`; only err_code_des survives (docs/cloudbase/wire.md §7.3).
    if (answer.success && answer.data.resultCode === 'FAIL')
      throw new AppError('FAILED_PRECONDITION', `微信支付：${answer.data.errCodeDes ?? '下单失败'}`)
    throw new AppError('INTERNAL', '微信支付暂时不可用，请稍后再试')
  }
  const { timeStamp, nonceStr, package: pkg, signType, paySign } = answer.data.payment
  return { timeStamp, nonceStr, package: pkg, signType, paySign }
}

export interface PaidTrade {
  paid: boolean
  totalFen: number
  transactionId: string
}

/**
 * Asks WeChat Pay itself whether the order was paid and how much. The callback trusts this, not its
 * event: anyone can call a cloud function with a made-up event, nobody can make up this answer.
 */
export async function queryTrade(orderNo: string): Promise<PaidTrade> {
  const raw = await cloudPay().queryOrder({ subMchId: merchant(), outTradeNo: orderNo, nonceStr: randomToken(24) })
  const answer = QueryOrderAnswer.parse(raw)
  const paid = answer.returnCode === 'SUCCESS' && answer.resultCode === 'SUCCESS' && answer.tradeState === 'SUCCESS'
  return { paid, totalFen: answer.totalFee ?? 0, transactionId: answer.transactionId ?? '' }
}

/** Closes an unpaid payment so that a cancelled order can no longer be paid. Best effort. */
export async function closeTrade(orderNo: string): Promise<void> {
  try {
    if (!config().WEGONG_PAY_SUB_MCH_ID) return
    await cloudPay().closeOrder({ subMchId: merchant(), outTradeNo: orderNo, nonceStr: randomToken(24) })
  } catch (error) {
    console.error('[wegong] cloudPay.closeOrder failed', error)
  }
}

// ---- refunds (R19) ------------------------------------------------------------------------------

const RefundAnswer = z
  .object({
    returnCode: z.string(),
    returnMsg: z.string().optional(),
    resultCode: z.string().optional(),
    errCodeDes: z.string().optional(),
  })
  .passthrough()

const QueryRefundAnswer = z
  .object({
    returnCode: z.string(),
    resultCode: z.string().optional(),
    outRefundNoList: z.array(z.string()).optional(),
    refundFeeList: z.array(z.coerce.number()).optional(),
    refundStatusList: z.array(z.string()).optional(),
  })
  .passthrough()

export interface RefundRequest {
  orderNo: string
  /** Derived from the cause (src/domain/aftersale-refunds.ts): asking again never refunds twice. */
  refundNo: string
  /** What the payer paid for the order (WeChat Pay checks it). */
  totalFen: number
  refundFen: number
}

/**
 * WeChat Pay's answer to a refund request: accepted (done when its notice comes), refused with its
 * reason (the merchant's balance, …; the same number may be asked again later), or not answered
 * (the request may or may not have arrived: ask again with the same number).
 */
export type RefundOutcome = { kind: 'accepted' } | { kind: 'refused'; reason: string } | { kind: 'unanswered' }

export async function requestRefund(request: RefundRequest): Promise<RefundOutcome> {
  let raw: unknown
  try {
    raw = await cloudPay().refund({
      subMchId: merchant(),
      outTradeNo: request.orderNo,
      outRefundNo: request.refundNo,
      totalFee: request.totalFen,
      refundFee: request.refundFen,
      envId: String(cloud.getWXContext().ENV ?? ''),
      functionName: REFUND_CALLBACK_FUNCTION,
      nonceStr: randomToken(24),
    })
  } catch (error) {
    console.error(`[wegong] cloudPay.refund of ${request.refundNo} failed`, error)
    return { kind: 'unanswered' }
  }
  const answer = RefundAnswer.safeParse(raw)
  if (!answer.success || answer.data.returnCode !== 'SUCCESS') {
    console.error(`[wegong] cloudPay.refund of ${request.refundNo}: unreadable or failed answer`, raw)
    return { kind: 'unanswered' }
  }
  // As for payments, the SDK's errCode: 0 hides err_code; err_code_des says why (wire.md §7.3).
  if (answer.data.resultCode !== 'SUCCESS') return { kind: 'refused', reason: answer.data.errCodeDes ?? '微信支付拒绝了退款' }
  return { kind: 'accepted' }
}

export interface RefundState {
  /** WeChat Pay's status of the refund: SUCCESS (the money is back), PROCESSING, CHANGE (failed), REFUNDCLOSE; NOTFOUND when it knows none. */
  status: string
  refundFen: number
}

/**
 * Asks WeChat Pay itself about one refund. The refund callback trusts this, not its event: anyone
 * can call a cloud function with a made-up notice, nobody can make up this answer.
 */
export async function queryRefund(refundNo: string): Promise<RefundState> {
  const raw = await cloudPay().queryRefund({ subMchId: merchant(), outRefundNo: refundNo, nonceStr: randomToken(24) })
  const answer = QueryRefundAnswer.parse(raw)
  if (answer.returnCode !== 'SUCCESS' || answer.resultCode !== 'SUCCESS') return { status: 'NOTFOUND', refundFen: 0 }
  const index = (answer.outRefundNoList ?? []).indexOf(refundNo)
  if (index < 0) return { status: 'NOTFOUND', refundFen: 0 }
  return { status: answer.refundStatusList?.[index] ?? 'NOTFOUND', refundFen: answer.refundFeeList?.[index] ?? 0 }
}

/**
 * WeChat Pay's refund notice as cloudPay passes it to the refund callback (camelCase, `reqInfo`
 * decrypted), parsed at the function's entry. Only `reqInfo.outRefundNo` is read, and only to ask
 * WeChat Pay (`queryRefund`); the amounts in it are ignored.
 */
export const RefundNoticeSchema = z
  .object({ reqInfo: z.object({ outRefundNo: z.string().regex(/^[A-Za-z0-9_\-|*@]{1,64}$/) }).passthrough() })
  .passthrough()
export type RefundNotice = z.infer<typeof RefundNoticeSchema>

/**
 * What cloudPay passes the callback function (camelCase), parsed at the function's entry. Only
 * `outTradeNo` is trusted, and only to ask WeChat Pay (`queryTrade`).
 */
export const PayNoticeSchema = z
  .object({ outTradeNo: z.string().min(1).max(32), totalFee: z.coerce.number().int().optional(), resultCode: z.string().optional() })
  .passthrough()
export type PayNotice = z.infer<typeof PayNoticeSchema>

/** The callback's answer in WeChat's shape: `errcode: 0` means "handled, stop retrying". */
export type PayResult = { errcode: 0; errmsg: string } | { errcode: number; errmsg: string }

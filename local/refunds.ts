import { randomBytes, randomInt } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomicSync } from './atomic-file'
import type { LocalClock } from './clock'
import { LOCAL_APPID, LOCAL_ENV_ID } from './cloud-env'
import type { LocalPayment } from './pay'

/**
 * The stand-in for cloudPay's refunds (docs/cloudbase/wire.md §7.3): `refund` and `queryRefund` as
 * the unmodified SDK sends them (snake_case JSON in, snake_case JSON out). A refund is keyed by its
 * `out_refund_no`: asking again with the same number answers the same refund and never makes a
 * second one, as WeChat Pay does. An accepted refund is PROCESSING; a moment later it succeeds and
 * WeChat Pay's refund notice goes to the function named by `function_name` until that function
 * answers `errcode: 0` (also after a restart). `armFailure` makes the next request refused, as
 * WeChat Pay refuses a refund the merchant's balance cannot cover.
 */
export type RefundState = 'PROCESSING' | 'SUCCESS'

export interface LocalRefund {
  outRefundNo: string
  refundId: string
  outTradeNo: string
  transactionId: string
  totalFee: number
  refundFee: number
  subMchId: string
  envId: string
  /** The function WeChat Pay notifies; none: no notice is sent. */
  functionName: string | null
  createdAt: number
  state: RefundState
  succeededAt?: number
  /** Succeeded, and its notice not yet acknowledged with `errcode: 0`. */
  notified?: boolean
}

const Stored = z.array(
  z.object({
    outRefundNo: z.string(),
    refundId: z.string(),
    outTradeNo: z.string(),
    transactionId: z.string(),
    totalFee: z.number(),
    refundFee: z.number(),
    subMchId: z.string(),
    envId: z.string(),
    functionName: z.string().nullable(),
    createdAt: z.number(),
    state: z.enum(['PROCESSING', 'SUCCESS']),
    succeededAt: z.number().optional(),
    notified: z.boolean().optional(),
  }),
)

/** WeChat Pay v2's refund fields (out_refund_no 1–64 of [A-Za-z0-9_-|*@], fees ≥ 1 fen). */
const RefundRequest = z.object({
  sub_mch_id: z.string().min(1),
  out_trade_no: z.string().min(1).max(32).optional(),
  transaction_id: z.string().min(1).max(32).optional(),
  out_refund_no: z.string().regex(/^[A-Za-z0-9_\-|*@]{1,64}$/),
  total_fee: z.number().int().min(1),
  refund_fee: z.number().int().min(1),
  env_id: z.string().optional(),
  function_name: z.string().min(1).optional(),
  nonce_str: z.string().max(32).optional(),
  refund_desc: z.string().max(80).optional(),
})
const RefundQuery = z.object({
  sub_mch_id: z.string().min(1),
  out_refund_no: z.string().min(1).optional(),
  out_trade_no: z.string().min(1).optional(),
})

export interface RefundFailure {
  errCode: string
  errCodeDes: string
}
const BALANCE_TOO_LOW: RefundFailure = { errCode: 'NOTENOUGH', errCodeDes: '基本账户余额不足，请充值后重新发起' }

function toPayTime(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14)
}

export class LocalRefunds {
  private readonly refunds = new Map<string, LocalRefund>()
  private failNext: RefundFailure | null = null

  constructor(
    private readonly file: string,
    private readonly clock: LocalClock,
    private readonly tradeOf: (outTradeNo: string | undefined, transactionId: string | undefined) => LocalPayment | undefined,
    /** After every save (the crash control counts it as a write). */
    private readonly saved: () => void = () => undefined,
  ) {
    if (existsSync(file)) {
      for (const refund of Stored.parse(JSON.parse(readFileSync(file, 'utf8')))) this.refunds.set(refund.outRefundNo, refund)
    }
  }

  /** The next refund request is refused with this reason (default: the merchant's balance is too low). */
  armFailure(failure: RefundFailure = BALANCE_TOO_LOW): void {
    this.failNext = failure
  }

  /** `apiName=refund`: accepts the refund (PROCESSING) or refuses it; the same number answers the same refund. */
  refund(params: unknown): { answer: Record<string, unknown>; accepted: LocalRefund | null } {
    const parsed = RefundRequest.safeParse(params)
    if (!parsed.success)
      return { answer: fail('PARAM_ERROR', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')), accepted: null }
    const p = parsed.data
    const existing = this.refunds.get(p.out_refund_no)
    if (existing) {
      if (existing.refundFee !== p.refund_fee || existing.outTradeNo !== (p.out_trade_no ?? existing.outTradeNo))
        return { answer: fail('PARAM_ERROR', '同一退款单号的订单金额或退款金额与之前请求不一致'), accepted: null }
      return { answer: this.answer(existing), accepted: null }
    }
    const trade = this.tradeOf(p.out_trade_no, p.transaction_id)
    if (!trade || trade.subMchId !== p.sub_mch_id || trade.state !== 'SUCCESS')
      return { answer: fail('ORDERNOTEXIST', '订单不存在或未支付'), accepted: null }
    if (p.total_fee !== trade.totalFee) return { answer: fail('PARAM_ERROR', '订单金额与实际支付金额不一致'), accepted: null }
    const refunded = this.list()
      .filter((r) => r.outTradeNo === trade.outTradeNo)
      .reduce((sum, r) => sum + r.refundFee, 0)
    if (refunded + p.refund_fee > trade.totalFee) return { answer: fail('INVALID_REQUEST', '申请退款金额超过订单可退金额'), accepted: null }
    if (this.failNext) {
      const failure = this.failNext
      this.failNext = null
      return { answer: fail(failure.errCode, failure.errCodeDes), accepted: null }
    }
    const refund: LocalRefund = {
      outRefundNo: p.out_refund_no,
      refundId: `5030${toPayTime(this.clock.now()).slice(0, 8)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e7)).padStart(7, '0')}`,
      outTradeNo: trade.outTradeNo,
      transactionId: trade.transactionId ?? '',
      totalFee: trade.totalFee,
      refundFee: p.refund_fee,
      subMchId: p.sub_mch_id,
      envId: p.env_id ?? LOCAL_ENV_ID,
      functionName: p.function_name ?? null,
      createdAt: this.clock.now(),
      state: 'PROCESSING',
    }
    this.refunds.set(refund.outRefundNo, refund)
    this.save()
    return { answer: this.answer(refund), accepted: refund }
  }

  private answer(refund: LocalRefund): Record<string, unknown> {
    return {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      appid: LOCAL_APPID,
      mch_id: 'local-mch',
      sub_mch_id: refund.subMchId,
      nonce_str: randomBytes(12).toString('hex'),
      result_code: 'SUCCESS',
      transaction_id: refund.transactionId,
      out_trade_no: refund.outTradeNo,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_fee: refund.refundFee,
      total_fee: refund.totalFee,
      cash_fee: refund.totalFee,
    }
  }

  /**
   * `apiName=queryRefund`: by `out_refund_no` (that refund) or `out_trade_no` (all of the trade's),
   * as WeChat Pay's lists (`out_refund_no_list`, `refund_fee_list`, `refund_status_list`, …).
   */
  queryRefund(params: unknown): Record<string, unknown> {
    const parsed = RefundQuery.safeParse(params)
    if (!parsed.success || (!parsed.data.out_refund_no && !parsed.data.out_trade_no))
      return fail('PARAM_ERROR', 'out_refund_no or out_trade_no, and sub_mch_id, are required')
    const { out_refund_no: outRefundNo, out_trade_no: outTradeNo, sub_mch_id: subMchId } = parsed.data
    const found = this.list().filter(
      (r) => r.subMchId === subMchId && (outRefundNo ? r.outRefundNo === outRefundNo : r.outTradeNo === outTradeNo),
    )
    const [first] = found
    if (!first) return fail('REFUNDNOTEXIST', '退款订单查询失败')
    return {
      return_code: 'SUCCESS',
      result_code: 'SUCCESS',
      transaction_id: first.transactionId,
      out_trade_no: first.outTradeNo,
      total_fee: first.totalFee,
      cash_fee: first.totalFee,
      refund_count: found.length,
      out_refund_no_list: found.map((r) => r.outRefundNo),
      refund_id_list: found.map((r) => r.refundId),
      refund_fee_list: found.map((r) => r.refundFee),
      refund_status_list: found.map((r) => r.state),
      refund_success_time_list: found.map((r) => (r.succeededAt ? toPayTime(r.succeededAt) : '')),
    }
  }

  /** WeChat Pay completes a PROCESSING refund. Answers the refund and its notice (null: already done, or no one to notify). */
  succeed(outRefundNo: string): { refund: LocalRefund; notice: Record<string, unknown> } | null {
    const refund = this.refunds.get(outRefundNo)
    if (!refund || refund.state !== 'PROCESSING') return null
    refund.state = 'SUCCESS'
    refund.succeededAt = this.clock.now()
    refund.notified = refund.functionName === null
    this.save()
    return refund.functionName ? { refund, notice: this.noticeOf(refund) } : null
  }

  /** The refund callback answered `errcode: 0`: WeChat Pay stops sending this refund's notice. */
  acknowledged(outRefundNo: string): void {
    const refund = this.refunds.get(outRefundNo)
    if (!refund || refund.notified !== false) return
    refund.notified = true
    this.save()
  }

  /** Refunds still PROCESSING (a restart completes them). */
  processing(): LocalRefund[] {
    return this.list().filter((r) => r.state === 'PROCESSING')
  }

  /** Succeeded refunds whose callback has not acknowledged the notice: each with the notice to send again. */
  unacknowledged(): Array<{ refund: LocalRefund; notice: Record<string, unknown> }> {
    return this.list()
      .filter((r) => r.state === 'SUCCESS' && r.notified === false && r.functionName !== null)
      .map((refund) => ({ refund, notice: this.noticeOf(refund) }))
  }

  /**
   * WeChat Pay's refund notice as cloudPay hands it to the callback function (camelCase, `reqInfo`
   * decrypted). Only `reqInfo.outRefundNo` should be trusted, and only to ask `queryRefund`.
   */
  private noticeOf(refund: LocalRefund): Record<string, unknown> {
    return {
      returnCode: 'SUCCESS',
      appid: LOCAL_APPID,
      mchId: 'local-mch',
      subMchId: refund.subMchId,
      nonceStr: randomBytes(12).toString('hex'),
      reqInfo: {
        transactionId: refund.transactionId,
        outTradeNo: refund.outTradeNo,
        refundId: refund.refundId,
        outRefundNo: refund.outRefundNo,
        totalFee: refund.totalFee,
        refundFee: refund.refundFee,
        settlementRefundFee: refund.refundFee,
        refundStatus: refund.state,
        successTime: refund.succeededAt ? toPayTime(refund.succeededAt) : '',
        refundRecvAccout: '支付用户零钱',
        refundAccount: 'REFUND_SOURCE_RECHARGE_FUNDS',
        refundRequestSource: 'API',
      },
    }
  }

  list(): LocalRefund[] {
    return [...this.refunds.values()].sort((a, b) => a.createdAt - b.createdAt || a.outRefundNo.localeCompare(b.outRefundNo))
  }

  private save(): void {
    writeFileAtomicSync(this.file, JSON.stringify(this.list()))
    this.saved()
  }
}

function fail(errCode: string, errCodeDes: string): Record<string, unknown> {
  return { return_code: 'SUCCESS', return_msg: 'OK', result_code: 'FAIL', err_code: errCode, err_code_des: errCodeDes }
}

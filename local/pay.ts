import { createHash, randomBytes, randomInt } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomicSync } from './atomic-file'
import type { LocalClock } from './clock'
import { LOCAL_APPID, LOCAL_ENV_ID } from './cloud-env'
import type { FormPart } from './multipart'
import type { LocalRefund, LocalRefunds } from './refunds'

/**
 * The stand-in for WeChat Pay's cloudPay (docs/cloudbase/wire.md §7.3): `unifiedOrder`, `queryOrder`
 * and `closeOrder` as the unmodified SDK sends them (`action=wx.wxPayApi`, snake_case JSON), and
 * `POST /_local/pay {"package"}`, which pays as the user would in the WeChat payment sheet and then
 * notifies the function named by `function_name`, as WeChat does. It knows no product: an order is
 * an `out_trade_no` and an amount in fen.
 */
export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED'

export interface LocalPayment {
  prepayId: string
  outTradeNo: string
  totalFee: number
  body: string
  subMchId: string
  envId: string
  functionName: string
  payerOpenid: string | null
  createdAt: number
  /** After this instant the payment can no longer be made (`time_expire`); null: WeChat's default two hours. */
  expiresAt: number
  state: TradeState
  transactionId?: string
  paidAt?: number
  /**
   * Paid, and its callback has not yet answered `errcode: 0`: WeChat Pay keeps sending the notice
   * until it does, so the next start sends it again (a crash between paying and the callback, or a
   * callback that failed). Absent: a payment stored before this field, taken as notified.
   */
  notified?: boolean
}

export interface WxPayReply {
  contentType: string
  body: Buffer
}

const PAYMENT_DEFAULT_EXPIRY_MS = 2 * 3600_000
const MIN_EXPIRY_MS = 5 * 60_000
/** WeChat Pay v2: 订单生成后不能马上调用关单接口，最短调用时间间隔为5分钟. */
const CLOSE_AFTER_MS = 5 * 60_000

/** WeChat Pay v2 rules for the fields it checks (out_trade_no 6–32 of [A-Za-z0-9_-|*], fee ≥ 1 fen). */
const UnifiedOrder = z.object({
  body: z.string().min(1).max(128),
  out_trade_no: z.string().regex(/^[A-Za-z0-9_\-|*]{6,32}$/),
  total_fee: z.number().int().min(1),
  sub_mch_id: z.string().min(1),
  env_id: z.string().optional(),
  function_name: z.string().min(1),
  trade_type: z.literal('JSAPI').default('JSAPI'),
  nonce_str: z.string().max(32).optional(),
  spbill_create_ip: z.string().optional(),
  time_expire: z
    .string()
    .regex(/^\d{14}$/)
    .optional(),
})
const ByTradeNo = z.object({ out_trade_no: z.string().min(1), sub_mch_id: z.string().min(1) })

const Stored = z.array(
  z.object({
    prepayId: z.string(),
    outTradeNo: z.string(),
    totalFee: z.number(),
    body: z.string(),
    subMchId: z.string(),
    envId: z.string(),
    functionName: z.string(),
    payerOpenid: z.string().nullable(),
    createdAt: z.number(),
    expiresAt: z.number(),
    state: z.enum(['NOTPAY', 'SUCCESS', 'CLOSED']),
    transactionId: z.string().optional(),
    paidAt: z.number().optional(),
    notified: z.boolean().optional(),
  }),
)

/** yyyyMMddHHmmss in Beijing time (WeChat Pay's format) ↔ epoch ms. */
function fromPayTime(text: string): number {
  const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(8, 10)}:${text.slice(10, 12)}:${text.slice(12, 14)}+08:00`
  return Date.parse(iso)
}
function toPayTime(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14)
}

export class PayError extends Error {
  constructor(
    readonly status: 404 | 409,
    readonly code: 'NOT_FOUND' | 'FAILED_PRECONDITION',
    message: string,
  ) {
    super(message)
  }
}

export class LocalPay {
  private readonly payments = new Map<string, LocalPayment>()
  private refunds: { store: LocalRefunds; accepted: (refund: LocalRefund) => void } | null = null

  constructor(
    private readonly file: string,
    private readonly clock: LocalClock,
    /** After every save (the crash control counts it as a write). */
    private readonly saved: () => void = () => undefined,
  ) {
    if (existsSync(file)) {
      for (const payment of Stored.parse(JSON.parse(readFileSync(file, 'utf8')))) this.payments.set(payment.outTradeNo, payment)
    }
  }

  /** cloudPay's refund APIs are answered by `store`; `accepted` hears of each new refund (to complete it a moment later). */
  attachRefunds(store: LocalRefunds, accepted: (refund: LocalRefund) => void): void {
    this.refunds = { store, accepted }
  }

  /** The paid or unpaid trade by its merchant number or WeChat's transaction id. */
  trade(outTradeNo: string | undefined, transactionId: string | undefined): LocalPayment | undefined {
    if (outTradeNo) return this.payments.get(outTradeNo)
    return transactionId ? this.list().find((p) => p.transactionId === transactionId) : undefined
  }

  /** `action=wx.wxPayApi`: the JSON answer (snake_case; the SDK camelCases it). */
  handle(form: Map<string, FormPart>, payerOpenid: string | undefined): WxPayReply {
    const apiName = form.get('apiName')?.data.toString('utf8') ?? ''
    let params: unknown
    try {
      params = JSON.parse(form.get('requestData')?.data.toString('utf8') ?? '')
    } catch {
      return tcbError('cloudPay requestData is not JSON')
    }
    switch (apiName) {
      case 'unifiedOrder':
        return reply(this.unifiedOrder(params, payerOpenid ?? null))
      case 'queryOrder':
        return reply(this.queryOrder(params))
      case 'closeOrder':
        return reply(this.closeOrder(params))
      case 'refund': {
        if (!this.refunds) break
        const { answer, accepted } = this.refunds.store.refund(params)
        if (accepted) this.refunds.accepted(accepted)
        return reply(answer)
      }
      case 'queryRefund':
        if (!this.refunds) break
        return reply(this.refunds.store.queryRefund(params))
      default:
        break
    }
    return tcbError(`the local cloud does not implement cloudPay.${apiName}`)
  }

  private unifiedOrder(params: unknown, payerOpenid: string | null): Record<string, unknown> {
    const parsed = UnifiedOrder.safeParse(params)
    if (!parsed.success) return fail('PARAM_ERROR', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
    const p = parsed.data
    const now = this.clock.now()
    const existing = this.payments.get(p.out_trade_no)
    if (existing) {
      if (existing.state === 'SUCCESS') return fail('ORDERPAID', '该订单已支付')
      if (existing.state === 'CLOSED') return fail('ORDERCLOSED', '该订单已关闭')
      if (existing.totalFee !== p.total_fee) return fail('INVALID_REQUEST', '201 商户订单号重复')
      return this.answer(existing)
    }
    const expiresAt = p.time_expire ? fromPayTime(p.time_expire) : now + PAYMENT_DEFAULT_EXPIRY_MS
    // WeChat Pay v2: a JSAPI payment must stay open at least 5 minutes.
    if (expiresAt - now < MIN_EXPIRY_MS) return fail('PARAM_ERROR', 'time_expire时间过短，刷卡至少1分钟，其他5分钟')
    const payment: LocalPayment = {
      prepayId: `wx${toPayTime(now)}${randomBytes(10).toString('hex')}`,
      outTradeNo: p.out_trade_no,
      totalFee: p.total_fee,
      body: p.body,
      subMchId: p.sub_mch_id,
      envId: p.env_id ?? LOCAL_ENV_ID,
      functionName: p.function_name,
      payerOpenid,
      createdAt: now,
      expiresAt,
      state: 'NOTPAY',
    }
    this.payments.set(payment.outTradeNo, payment)
    this.save()
    return this.answer(payment)
  }

  private answer(payment: LocalPayment): Record<string, unknown> {
    const nonceStr = randomBytes(12).toString('hex')
    const timeStamp = String(Math.floor(this.clock.now() / 1000))
    const pkg = `prepay_id=${payment.prepayId}`
    const paySign = createHash('md5').update(`${LOCAL_APPID}${timeStamp}${nonceStr}${pkg}local`).digest('hex').toUpperCase()
    return {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      appid: LOCAL_APPID,
      mch_id: 'local-mch',
      sub_mch_id: payment.subMchId,
      nonce_str: nonceStr,
      result_code: 'SUCCESS',
      trade_type: 'JSAPI',
      prepay_id: payment.prepayId,
      payment: { appId: LOCAL_APPID, timeStamp, nonceStr, package: pkg, signType: 'MD5', paySign },
    }
  }

  private queryOrder(params: unknown): Record<string, unknown> {
    const parsed = ByTradeNo.safeParse(params)
    if (!parsed.success) return fail('PARAM_ERROR', 'out_trade_no and sub_mch_id are required')
    const payment = this.payments.get(parsed.data.out_trade_no)
    if (!payment || payment.subMchId !== parsed.data.sub_mch_id) return fail('ORDERNOTEXIST', '此交易订单号不存在')
    return {
      return_code: 'SUCCESS',
      result_code: 'SUCCESS',
      out_trade_no: payment.outTradeNo,
      total_fee: payment.totalFee,
      trade_state: payment.state,
      ...(payment.transactionId ? { transaction_id: payment.transactionId, time_end: toPayTime(payment.paidAt ?? 0) } : {}),
    }
  }

  private closeOrder(params: unknown): Record<string, unknown> {
    const parsed = ByTradeNo.safeParse(params)
    if (!parsed.success) return fail('PARAM_ERROR', 'out_trade_no and sub_mch_id are required')
    const payment = this.payments.get(parsed.data.out_trade_no)
    if (!payment) return fail('ORDERNOTEXIST', '此交易订单号不存在')
    if (payment.state === 'SUCCESS') return fail('ORDERPAID', '订单已支付，不能发起关单')
    if (this.clock.now() - payment.createdAt < CLOSE_AFTER_MS)
      return fail('SYSTEMERROR', '订单生成后不能马上调用关单接口，最短调用时间间隔为5分钟')
    payment.state = 'CLOSED'
    this.save()
    return { return_code: 'SUCCESS', result_code: 'SUCCESS' }
  }

  /**
   * The user pays in the payment sheet. Answers the payment and the notice WeChat sends to its
   * callback function. Paying an already paid payment only sends the notice again, as WeChat
   * retries notices; a closed or expired payment cannot be paid.
   */
  pay(pkg: string): { payment: LocalPayment; notice: Record<string, unknown> } {
    const prepayId = /^prepay_id=(.+)$/.exec(pkg)?.[1]
    const payment = prepayId ? [...this.payments.values()].find((p) => p.prepayId === prepayId) : undefined
    if (!payment) throw new PayError(404, 'NOT_FOUND', `no payment with package "${pkg}"`)
    if (payment.state === 'CLOSED') throw new PayError(409, 'FAILED_PRECONDITION', 'the payment was closed (订单已关闭)')
    if (payment.state === 'NOTPAY') {
      const now = this.clock.now()
      if (now >= payment.expiresAt) throw new PayError(409, 'FAILED_PRECONDITION', 'the payment expired (time_expire passed: 订单已过期)')
      payment.state = 'SUCCESS'
      payment.paidAt = now
      payment.transactionId = `4200${toPayTime(now).slice(0, 8)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e7)).padStart(7, '0')}`
      payment.notified = false
      this.save()
    }
    return { payment, notice: this.noticeOf(payment) }
  }

  /** The callback answered `errcode: 0`: WeChat Pay stops sending this payment's notice. */
  acknowledged(outTradeNo: string): void {
    const payment = this.payments.get(outTradeNo)
    if (!payment || payment.notified !== false) return
    payment.notified = true
    this.save()
  }

  /** Paid payments whose callback has not acknowledged the notice: each with the notice to send again. */
  unacknowledged(): Array<{ payment: LocalPayment; notice: Record<string, unknown> }> {
    return this.list()
      .filter((payment) => payment.state === 'SUCCESS' && payment.notified === false)
      .map((payment) => ({ payment, notice: this.noticeOf(payment) }))
  }

  /** WeChat Pay's result notice for a paid payment, as its callback function receives it. */
  private noticeOf(payment: LocalPayment): Record<string, unknown> {
    return {
      returnCode: 'SUCCESS',
      appid: LOCAL_APPID,
      mchId: 'local-mch',
      subMchId: payment.subMchId,
      nonceStr: randomBytes(12).toString('hex'),
      resultCode: 'SUCCESS',
      openid: payment.payerOpenid ?? '',
      isSubscribe: 'N',
      subOpenid: payment.payerOpenid ?? '',
      subIsSubscribe: 'N',
      tradeType: 'JSAPI',
      bankType: 'OTHERS',
      totalFee: payment.totalFee,
      feeType: 'CNY',
      cashFee: payment.totalFee,
      transactionId: payment.transactionId ?? '',
      outTradeNo: payment.outTradeNo,
      timeEnd: toPayTime(payment.paidAt ?? this.clock.now()),
    }
  }

  list(): LocalPayment[] {
    return [...this.payments.values()].sort((a, b) => a.createdAt - b.createdAt)
  }

  private save(): void {
    writeFileAtomicSync(this.file, JSON.stringify(this.list()))
    this.saved()
  }
}

function fail(errCode: string, errCodeDes: string): Record<string, unknown> {
  return { return_code: 'SUCCESS', return_msg: 'OK', result_code: 'FAIL', err_code: errCode, err_code_des: errCodeDes }
}

/** cloudPay answers are raw JSON sent as anything but exactly JSON-UTF-8 (wire.md §7.3). */
function reply(body: Record<string, unknown>): WxPayReply {
  return { contentType: 'text/plain; charset=utf-8', body: Buffer.from(JSON.stringify(body)) }
}

function tcbError(message: string): WxPayReply {
  return {
    contentType: 'application/json; charset=utf-8',
    body: Buffer.from(JSON.stringify({ requestId: 'local', code: 'INVALID_PARAM', message })),
  }
}

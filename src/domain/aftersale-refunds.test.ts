import { describe, expect, it } from 'vitest'
import { AFTER_COMPLETION_WINDOW_MS } from './aftersale'
import {
  caseOpening,
  checkRefundAmount,
  isFullRefund,
  refundNumber,
  refundPhase,
  refundableFen,
  type RefundableOrder,
} from './aftersale-refunds'
import type { OrderStatus } from './order-machine'

/** ¥100.00 of goods and ¥8.00 shipping. */
const order = (status: OrderStatus, refundedFen = 0, completedAt?: number): RefundableOrder => ({
  status,
  goodsTotal: 10_000,
  shippingFee: 800,
  total: 10_800,
  refundedFen,
  ...(completedAt === undefined ? {} : { completedAt }),
})

describe('refundPhase', () => {
  const table: Array<[OrderStatus, string | null]> = [
    ['pending_payment', null],
    ['paid', 'before_shipping'],
    ['shipped', 'after_shipping'],
    ['completed', 'after_shipping'],
    ['cancelled', null],
  ]
  it.each(table)('%s → %s', (status, phase) => expect(refundPhase(status)).toBe(phase))
})

describe('refundableFen (shipping comes back only before shipping)', () => {
  const table: Array<[string, RefundableOrder, 'before_shipping' | 'after_shipping', number]> = [
    ['before shipping: goods and shipping', order('paid'), 'before_shipping', 10_800],
    ['after shipping: goods only', order('shipped'), 'after_shipping', 10_000],
    ['after shipping, 1 fen refunded', order('shipped', 1), 'after_shipping', 9_999],
    ['after shipping, all goods refunded', order('shipped', 10_000), 'after_shipping', 0],
    ['more refunded than goods (never negative)', order('shipped', 10_800), 'after_shipping', 0],
    ['before shipping, all refunded', order('paid', 10_800), 'before_shipping', 0],
  ]
  it.each(table)('%s', (_name, o, phase, left) => expect(refundableFen(o, phase)).toBe(left))
})

describe('checkRefundAmount (amounts at the edges)', () => {
  const table: Array<[string, RefundableOrder, 'before_shipping' | 'after_shipping', number, number | string]> = [
    ['1 fen after shipping', order('shipped'), 'after_shipping', 1, 1],
    ['all the goods after shipping', order('shipped'), 'after_shipping', 10_000, 10_000],
    ['goods and shipping after shipping: more than left', order('shipped'), 'after_shipping', 10_800, '退款金额不能超过可退金额 100.00 元'],
    ['1 fen more than left', order('shipped'), 'after_shipping', 10_001, '退款金额不能超过可退金额 100.00 元'],
    ['partial, then the rest', order('shipped', 3_000), 'after_shipping', 7_000, 7_000],
    ['partial, then more than the rest', order('shipped', 3_000), 'after_shipping', 7_001, '退款金额不能超过可退金额 70.00 元'],
    ['after everything was refunded', order('completed', 10_000), 'after_shipping', 1, '该订单已全部退款'],
    ['0 fen', order('shipped'), 'after_shipping', 0, '退款金额至少 0.01 元'],
    ['negative', order('shipped'), 'after_shipping', -1, '退款金额至少 0.01 元'],
    ['a fraction of a fen', order('shipped'), 'after_shipping', 1.5, '退款金额至少 0.01 元'],
    ['NaN', order('shipped'), 'after_shipping', Number.NaN, '退款金额至少 0.01 元'],
    ['before shipping: the whole order with shipping', order('paid'), 'before_shipping', 10_800, 10_800],
    ['before shipping: goods only is refused', order('paid'), 'before_shipping', 10_000, '发货前退款须退还全部货款和运费'],
    ['before shipping: 1 fen is refused', order('paid'), 'before_shipping', 1, '发货前退款须退还全部货款和运费'],
    ['before shipping: more than paid', order('paid'), 'before_shipping', 10_801, '退款金额不能超过可退金额 108.00 元'],
  ]
  it.each(table)('%s', (_name, o, phase, amount, outcome) => {
    const check = checkRefundAmount(o, phase, amount)
    expect(check.ok ? check.amountFen : check.message).toBe(outcome)
  })
})

describe('isFullRefund', () => {
  const table: Array<[string, RefundableOrder, number, boolean]> = [
    ['the whole order before shipping', order('paid'), 10_800, true],
    ['all goods after shipping: the shipping fee stays paid', order('shipped'), 10_000, false],
    ['1 fen', order('shipped'), 1, false],
    ['the last fen', order('shipped', 10_799), 1, true],
  ]
  it.each(table)('%s', (_name, o, amount, full) => expect(isFullRefund(o, amount)).toBe(full))
})

describe('caseOpening (when the agent may ask)', () => {
  const completedAt = 5_000_000
  const table: Array<[string, RefundableOrder, 'refund_only' | 'return_refund', number, string]> = [
    ['unpaid', order('pending_payment'), 'refund_only', 0, '只有已付款的订单可以申请售后'],
    ['cancelled', order('cancelled'), 'refund_only', 0, '只有已付款的订单可以申请售后'],
    ['paid: 仅退款 of the whole order', order('paid'), 'refund_only', 0, 'before_shipping 10800'],
    ['paid: no return before shipping', order('paid'), 'return_refund', 0, '订单尚未发货，只能申请退款'],
    ['shipped: 仅退款', order('shipped'), 'refund_only', 0, 'after_shipping 10000'],
    ['shipped: 退货退款', order('shipped'), 'return_refund', 0, 'after_shipping 10000'],
    ['shipped, part refunded', order('shipped', 2_500), 'return_refund', 0, 'after_shipping 7500'],
    ['shipped, all goods refunded', order('shipped', 10_000), 'refund_only', 0, '该订单已全部退款'],
    [
      'completed, at the 7th day',
      order('completed', 0, completedAt),
      'return_refund',
      completedAt + AFTER_COMPLETION_WINDOW_MS,
      'after_shipping 10000',
    ],
    [
      'completed, 1 ms past 7 days',
      order('completed', 0, completedAt),
      'refund_only',
      completedAt + AFTER_COMPLETION_WINDOW_MS + 1,
      '订单完成已超过 7 天，无法申请售后',
    ],
  ]
  it.each(table)('%s', (_name, o, kind, at, outcome) => {
    const opening = caseOpening(o, kind, at)
    expect(opening.ok ? `${opening.phase} ${opening.maxFen}` : opening.message).toBe(outcome)
  })
})

describe('refundNumber (one number per cause, so a retry never refunds twice)', () => {
  it('each cause has its own number, the same every time it is asked', () => {
    expect(refundNumber('20261201233012004217', { kind: 'cannot_ship' })).toBe('20261201233012004217-S')
    expect(refundNumber('20261201233012004217', { kind: 'late_payment' })).toBe('20261201233012004217-P')
    expect(refundNumber('20261201233012004217', { kind: 'aftersale', caseNo: 2 })).toBe('20261201233012004217-A2')
    expect(refundNumber('20261201233012004217', { kind: 'aftersale', caseNo: 2 })).toBe(
      refundNumber('20261201233012004217', { kind: 'aftersale', caseNo: 2 }),
    )
  })
  it("numbers fit WeChat Pay's out_refund_no (≤ 64 of [A-Za-z0-9_-])", () => {
    const longest = refundNumber('9'.repeat(32), { kind: 'aftersale', caseNo: 999 })
    expect(longest).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
  })
  it('a case number below 1 is a programming error', () => {
    expect(() => refundNumber('1', { kind: 'aftersale', caseNo: 0 })).toThrow(RangeError)
  })
})

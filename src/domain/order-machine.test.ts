import { describe, expect, it } from 'vitest'
import { dueAt, paymentOpening, transition, type OrderActor, type OrderEvent, type OrderStatus } from './order-machine'
import { DAY_MS, MINUTE_MS } from './time'

describe('transition (who moves an order, from where)', () => {
  const table: Array<[OrderStatus, OrderEvent, OrderActor, OrderStatus | 'FORBIDDEN' | 'FAILED_PRECONDITION']> = [
    ['pending_payment', 'pay', 'payment', 'paid'],
    ['pending_payment', 'pay', 'agent', 'FORBIDDEN'],
    ['paid', 'pay', 'payment', 'FAILED_PRECONDITION'],
    ['paid', 'ship', 'supplier', 'shipped'],
    ['paid', 'ship', 'agent', 'FORBIDDEN'],
    ['pending_payment', 'ship', 'supplier', 'FAILED_PRECONDITION'],
    ['shipped', 'ship', 'supplier', 'FAILED_PRECONDITION'],
    ['pending_payment', 'cancel', 'agent', 'cancelled'],
    ['pending_payment', 'cancel', 'supplier', 'cancelled'],
    ['pending_payment', 'cancel', 'timer', 'cancelled'],
    ['pending_payment', 'cancel', 'payment', 'FORBIDDEN'],
    ['paid', 'cancel', 'supplier', 'FAILED_PRECONDITION'],
    ['paid', 'cancel', 'agent', 'FAILED_PRECONDITION'],
    ['cancelled', 'cancel', 'agent', 'FAILED_PRECONDITION'],
    ['shipped', 'confirm', 'agent', 'completed'],
    ['shipped', 'confirm', 'timer', 'completed'],
    ['shipped', 'confirm', 'supplier', 'FORBIDDEN'],
    ['paid', 'confirm', 'agent', 'FAILED_PRECONDITION'],
    ['completed', 'confirm', 'agent', 'FAILED_PRECONDITION'],
    ['paid', 'refund', 'supplier', 'cancelled'],
    ['paid', 'refund', 'aftersale', 'cancelled'],
    ['paid', 'refund', 'agent', 'FORBIDDEN'],
    ['paid', 'refund', 'timer', 'FORBIDDEN'],
    ['paid', 'refund', 'payment', 'FORBIDDEN'],
    ['pending_payment', 'refund', 'supplier', 'FAILED_PRECONDITION'],
    ['shipped', 'refund', 'supplier', 'FAILED_PRECONDITION'],
    ['completed', 'refund', 'aftersale', 'FAILED_PRECONDITION'],
    ['cancelled', 'refund', 'supplier', 'FAILED_PRECONDITION'],
  ]
  it.each(table)('%s --%s by %s--> %s', (status, event, actor, expected) => {
    const result = transition(status, event, actor)
    if (result.ok) expect(result.to).toBe(expected)
    else expect(result.code).toBe(expected)
  })
})

describe('dueAt', () => {
  it('unpaid orders are due 30 minutes after, shipped ones 15 days after; others never', () => {
    expect(dueAt('pending_payment', 0)).toBe(30 * MINUTE_MS)
    expect(dueAt('shipped', 0)).toBe(15 * DAY_MS)
    expect(dueAt('paid', 0)).toBeNull()
    expect(dueAt('completed', 0)).toBeNull()
  })
})

describe('paymentOpening (may the agent start paying now)', () => {
  const due = 30 * MINUTE_MS
  const table: Array<[OrderStatus, number, 'open' | string]> = [
    ['pending_payment', 0, 'open'],
    ['pending_payment', due - 1, 'open'],
    ['pending_payment', due, '订单已超时，请重新下单'],
    ['paid', 0, '订单不是待付款状态，无法支付'],
    ['shipped', 0, '订单不是待付款状态，无法支付'],
    ['completed', 0, '订单不是待付款状态，无法支付'],
    ['cancelled', due, '订单不是待付款状态，无法支付'],
  ]
  it.each(table)('when %s at %i ms, then %s', (status, at, expected) => {
    const opening = paymentOpening({ status, dueAt: status === 'pending_payment' ? due : null }, at)
    expect(opening.ok ? 'open' : opening.message).toBe(expected)
    if (!opening.ok) expect(opening.code).toBe('FAILED_PRECONDITION')
  })
  it("when the status is not payable, then the refusal is the state machine's own for 'pay'", () => {
    expect(paymentOpening({ status: 'paid', dueAt: null }, 0)).toEqual(transition('paid', 'pay', 'payment'))
  })
})

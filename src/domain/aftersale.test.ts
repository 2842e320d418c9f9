import { describe, expect, it } from 'vitest'
import {
  AFTERSALE_STATUSES,
  ANSWER_WINDOW_MS,
  RECEIPT_WINDOW_MS,
  RETURN_SHIP_WINDOW_MS,
  canMove,
  caseDueAt,
  caseTransition,
  isOpenCase,
  timerEvent,
  type AftersaleActor,
  type AftersaleEvent,
  type AftersaleKind,
  type AftersaleStatus,
} from './aftersale'

type Outcome = AftersaleStatus | 'FORBIDDEN' | 'FAILED_PRECONDITION'
const ACTORS: readonly AftersaleActor[] = ['agent', 'supplier', 'operator', 'timer', 'wechatpay']

/**
 * Every legal move: (status, event, actor, kind) → status. Every other combination of every status,
 * event, actor and kind is refused, which the exhaustive table below checks.
 */
const legal: Array<[AftersaleStatus, AftersaleEvent, AftersaleActor, AftersaleKind, AftersaleStatus]> = []
const both = (status: AftersaleStatus, event: AftersaleEvent, actor: AftersaleActor, to: AftersaleStatus) => {
  legal.push([status, event, actor, 'refund_only', to], [status, event, actor, 'return_refund', to])
}
both('refused', 'reapply', 'agent', 'pending')
legal.push(
  ['pending', 'agree', 'supplier', 'refund_only', 'refunding'],
  ['pending', 'agree', 'supplier', 'return_refund', 'awaiting_return'],
)
legal.push(['pending', 'agree', 'timer', 'refund_only', 'refunding'], ['pending', 'agree', 'timer', 'return_refund', 'awaiting_return'])
both('pending', 'refuse', 'supplier', 'refused')
both('awaiting_return', 'returnShip', 'agent', 'returning')
both('returning', 'confirmReceipt', 'supplier', 'refunding')
both('returning', 'confirmReceipt', 'timer', 'refunding')
both('returning', 'refuseReceipt', 'supplier', 'refused')
for (const from of ['pending', 'refused', 'awaiting_return', 'returning', 'escalated'] as const) both(from, 'withdraw', 'agent', 'closed')
both('refused', 'escalate', 'agent', 'escalated')
both('escalated', 'decideRefund', 'operator', 'refunding')
both('escalated', 'decideClose', 'operator', 'closed')
both('awaiting_return', 'expireReturn', 'timer', 'closed')
both('refunding', 'refundDone', 'wechatpay', 'refunded')
both('refund_failed', 'refundDone', 'wechatpay', 'refunded')
both('refunding', 'refundFailed', 'wechatpay', 'refund_failed')
both('refund_failed', 'retryRefund', 'supplier', 'refunding')
both('refund_failed', 'retryRefund', 'operator', 'refunding')

const EVENTS: readonly AftersaleEvent[] = [
  'reapply',
  'agree',
  'refuse',
  'returnShip',
  'confirmReceipt',
  'refuseReceipt',
  'withdraw',
  'escalate',
  'decideRefund',
  'decideClose',
  'expireReturn',
  'refundDone',
  'refundFailed',
  'retryRefund',
]

/** The actors that may ever make an event (from any status): anyone else is FORBIDDEN, whatever the status. */
function mayEver(event: AftersaleEvent, actor: AftersaleActor): boolean {
  return legal.some(([, e, a]) => e === event && a === actor)
}

function expected(status: AftersaleStatus, event: AftersaleEvent, actor: AftersaleActor, kind: AftersaleKind): Outcome {
  const move = legal.find(([s, e, a, k]) => s === status && e === event && a === actor && k === kind)
  if (move) return move[4]
  return mayEver(event, actor) ? 'FAILED_PRECONDITION' : 'FORBIDDEN'
}

const every: Array<[AftersaleStatus, AftersaleEvent, AftersaleActor, AftersaleKind, Outcome]> = []
for (const status of AFTERSALE_STATUSES)
  for (const event of EVENTS)
    for (const actor of ACTORS)
      for (const kind of ['refund_only', 'return_refund'] as const)
        every.push([status, event, actor, kind, expected(status, event, actor, kind)])

describe('caseTransition (every move by every party in every status)', () => {
  it('the table covers every status × event × actor × kind', () => {
    expect(every).toHaveLength(AFTERSALE_STATUSES.length * EVENTS.length * ACTORS.length * 2)
    expect(every.filter(([, , , , to]) => to !== 'FORBIDDEN' && to !== 'FAILED_PRECONDITION')).toHaveLength(legal.length)
  })
  it.each(every)('%s --%s by %s (%s)--> %s', (status, event, actor, kind, outcome) => {
    const result = caseTransition({ status, kind, escalated: false }, event, actor)
    if (result.ok) expect(result.to).toBe(outcome)
    else {
      expect(result.code).toBe(outcome)
      expect(result.message).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})

describe('caseTransition: 平台介入 once per case', () => {
  it('when the agent already asked the platform once, then a second request is refused, and the other moves are not', () => {
    const refusedOnce = { status: 'refused' as const, kind: 'refund_only' as const, escalated: true }
    expect(caseTransition(refusedOnce, 'escalate', 'agent')).toEqual({
      ok: false,
      code: 'FAILED_PRECONDITION',
      message: '平台介入只能申请一次',
    })
    expect(caseTransition(refusedOnce, 'reapply', 'agent')).toEqual({ ok: true, to: 'pending' })
    expect(caseTransition(refusedOnce, 'withdraw', 'agent')).toEqual({ ok: true, to: 'closed' })
  })
  it('when someone other than the agent asks for the platform, then FORBIDDEN comes before the once-only rule', () => {
    expect(caseTransition({ status: 'refused', kind: 'refund_only', escalated: true }, 'escalate', 'supplier')).toMatchObject({
      code: 'FORBIDDEN',
    })
  })
})

describe('canMove (what the pages offer)', () => {
  it('when a page asks, then it gets the machine’s answer: the agent withdraws until money moves, escalates a refusal once', () => {
    const at = (status: AftersaleStatus, escalated = false) => ({ status, kind: 'refund_only' as const, escalated })
    expect(AFTERSALE_STATUSES.filter((s) => canMove(at(s), 'withdraw', 'agent'))).toEqual([
      'pending',
      'refused',
      'awaiting_return',
      'returning',
      'escalated',
    ])
    expect(canMove(at('refused'), 'escalate', 'agent')).toBe(true)
    expect(canMove(at('refused', true), 'escalate', 'agent')).toBe(false)
    expect(canMove(at('pending'), 'agree', 'agent')).toBe(false)
    expect(AFTERSALE_STATUSES.filter((s) => canMove(at(s), 'retryRefund', 'supplier'))).toEqual(['refund_failed'])
  })
})

describe('deadlines', () => {
  const table: Array<[AftersaleStatus, number | null, AftersaleEvent | null]> = [
    ['pending', ANSWER_WINDOW_MS, 'agree'],
    ['awaiting_return', RETURN_SHIP_WINDOW_MS, 'expireReturn'],
    ['returning', RECEIPT_WINDOW_MS, 'confirmReceipt'],
    ['refused', null, null],
    ['escalated', null, null],
    ['refunding', null, null],
    ['refund_failed', null, null],
    ['refunded', null, null],
    ['closed', null, null],
  ]
  it.each(table)('a case entering %s at t is due at t + %s, when the timer makes %s', (status, after, event) => {
    const at = 1_000_000
    expect(caseDueAt(status, at)).toBe(after === null ? null : at + after)
    expect(timerEvent(status)).toBe(event)
    // The timer's move is one the timer may make from that status.
    if (event) expect(caseTransition({ status, kind: 'return_refund', escalated: false }, event, 'timer').ok).toBe(true)
  })
  it('48 hours to answer, 7 days to ship a return, 7 days to confirm receiving it', () => {
    expect(ANSWER_WINDOW_MS).toBe(48 * 3600_000)
    expect(RETURN_SHIP_WINDOW_MS).toBe(7 * 24 * 3600_000)
    expect(RECEIPT_WINDOW_MS).toBe(7 * 24 * 3600_000)
  })
})

describe('isOpenCase (one open case per order)', () => {
  const table: Array<[AftersaleStatus, boolean]> = AFTERSALE_STATUSES.map((status) => [
    status,
    status !== 'refunded' && status !== 'closed',
  ])
  it.each(table)('%s open: %s', (status, open) => expect(isOpenCase(status)).toBe(open))
})

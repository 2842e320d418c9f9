import { DAY_MS, HOUR_MS } from './time'

/**
 * R19's after-sales case (售后): its statuses, who may move a case from which status to which, and
 * when the timer acts. Every move of a case (cloudfunctions/lib/lifecycles/aftersales.ts) asks
 * `caseTransition`, as order moves ask order-machine's `transition`. Pure and zod-free: the app's
 * pages read the same texts.
 */

/** 仅退款 (money only) or 退货退款 (the goods go back first). */
export const AFTERSALE_KINDS = ['refund_only', 'return_refund'] as const
export type AftersaleKind = (typeof AFTERSALE_KINDS)[number]

export const aftersaleKindText: Record<AftersaleKind, string> = {
  refund_only: '仅退款',
  return_refund: '退货退款',
}

export const AFTERSALE_STATUSES = [
  'pending',
  'refused',
  'awaiting_return',
  'returning',
  'escalated',
  'refunding',
  'refund_failed',
  'refunded',
  'closed',
] as const
export type AftersaleStatus = (typeof AFTERSALE_STATUSES)[number]

export const aftersaleStatusText: Record<AftersaleStatus, string> = {
  pending: '待商家处理',
  refused: '商家已拒绝',
  awaiting_return: '待退货',
  returning: '待商家收货',
  escalated: '平台介入中',
  refunding: '退款中',
  refund_failed: '退款失败',
  refunded: '退款成功',
  closed: '已关闭',
}

/** A case in one of these blocks a new case on its order: at most one open case per order (every status but the two ends). */
export const OPEN_AFTERSALE_STATUSES: readonly AftersaleStatus[] = AFTERSALE_STATUSES.filter(
  (status) => status !== 'refunded' && status !== 'closed',
)

export function isOpenCase(status: AftersaleStatus): boolean {
  return OPEN_AFTERSALE_STATUSES.includes(status)
}

/** The supplier has to act: the 售后 badge (待处理) counts these. */
export const SUPPLIER_TODO_STATUSES: readonly AftersaleStatus[] = ['pending', 'returning', 'refund_failed']
/** The agent has to act: the agent's 售后 badge counts these. */
export const AGENT_TODO_STATUSES: readonly AftersaleStatus[] = ['refused', 'awaiting_return']

/** The supplier answers a request within 48 hours, else it is agreed automatically. */
export const ANSWER_WINDOW_MS = 48 * HOUR_MS
/** The agent ships a return within 7 days of the agreement, else the case closes. */
export const RETURN_SHIP_WINDOW_MS = 7 * DAY_MS
/** The supplier confirms receiving a return within 7 days of its shipping, else the refund goes out. */
export const RECEIPT_WINDOW_MS = 7 * DAY_MS
/** After shipping, a case may be opened until 7 days after the order completed. */
export const AFTER_COMPLETION_WINDOW_MS = 7 * DAY_MS

/**
 * Who moves a case: its agent, its supplier, the platform's operator, the timer (deadlines), or
 * WeChat Pay (the refund notice, or its refusal of a refund).
 */
export type AftersaleActor = 'agent' | 'supplier' | 'operator' | 'timer' | 'wechatpay'

export type AftersaleEvent =
  | 'reapply'
  | 'agree'
  | 'refuse'
  | 'returnShip'
  | 'confirmReceipt'
  | 'refuseReceipt'
  | 'withdraw'
  | 'escalate'
  | 'decideRefund'
  | 'decideClose'
  | 'expireReturn'
  | 'refundDone'
  | 'refundFailed'
  | 'retryRefund'

/** Where an agreement leads: money at once for 仅退款, the goods back first for 退货退款. */
type Target = AftersaleStatus | { refund_only: AftersaleStatus; return_refund: AftersaleStatus }

interface Rule {
  from: readonly AftersaleStatus[]
  to: Target
  by: readonly AftersaleActor[]
}

const machine: Record<AftersaleEvent, Rule> = {
  reapply: { from: ['refused'], to: 'pending', by: ['agent'] },
  agree: { from: ['pending'], to: { refund_only: 'refunding', return_refund: 'awaiting_return' }, by: ['supplier', 'timer'] },
  refuse: { from: ['pending'], to: 'refused', by: ['supplier'] },
  returnShip: { from: ['awaiting_return'], to: 'returning', by: ['agent'] },
  confirmReceipt: { from: ['returning'], to: 'refunding', by: ['supplier', 'timer'] },
  refuseReceipt: { from: ['returning'], to: 'refused', by: ['supplier'] },
  withdraw: { from: ['pending', 'refused', 'awaiting_return', 'returning', 'escalated'], to: 'closed', by: ['agent'] },
  escalate: { from: ['refused'], to: 'escalated', by: ['agent'] },
  decideRefund: { from: ['escalated'], to: 'refunding', by: ['operator'] },
  decideClose: { from: ['escalated'], to: 'closed', by: ['operator'] },
  expireReturn: { from: ['awaiting_return'], to: 'closed', by: ['timer'] },
  refundDone: { from: ['refunding', 'refund_failed'], to: 'refunded', by: ['wechatpay'] },
  refundFailed: { from: ['refunding'], to: 'refund_failed', by: ['wechatpay'] },
  retryRefund: { from: ['refund_failed'], to: 'refunding', by: ['supplier', 'operator'] },
}

const refusals: Record<AftersaleEvent, string> = {
  reapply: '只有被拒绝的售后可以重新申请',
  agree: '该售后已处理，无需再同意',
  refuse: '该售后已处理，无法拒绝',
  returnShip: '只有商家同意退货后才能填写退货物流',
  confirmReceipt: '只有退货中的售后可以确认收货',
  refuseReceipt: '只有退货中的售后可以拒绝收货',
  withdraw: '该售后已结束或正在退款，无法撤销',
  escalate: '只有被拒绝的售后可以申请平台介入',
  decideRefund: '只有平台介入中的售后可以裁决',
  decideClose: '只有平台介入中的售后可以裁决',
  expireReturn: '该售后不在待退货状态',
  refundDone: '该售后不在退款中',
  refundFailed: '该售后不在退款中',
  retryRefund: '只有退款失败的售后可以重新退款',
}

const forbidden: Record<AftersaleEvent, string> = {
  reapply: '只有申请售后的代理可以重新申请',
  agree: '只有供应商可以同意售后',
  refuse: '只有供应商可以拒绝售后',
  returnShip: '只有申请售后的代理可以填写退货物流',
  confirmReceipt: '只有供应商可以确认收到退货',
  refuseReceipt: '只有供应商可以拒绝收货',
  withdraw: '只有申请售后的代理可以撤销',
  escalate: '只有申请售后的代理可以申请平台介入',
  decideRefund: '只有平台可以裁决',
  decideClose: '只有平台可以裁决',
  expireReturn: '无权关闭该售后',
  refundDone: '退款结果只能由微信支付确认',
  refundFailed: '退款结果只能由微信支付确认',
  retryRefund: '只有供应商可以重新退款',
}

export type CaseTransition = { ok: true; to: AftersaleStatus } | { ok: false; code: 'FORBIDDEN' | 'FAILED_PRECONDITION'; message: string }

/** What a move needs to know of the case besides its status. */
export interface CaseFacts {
  status: AftersaleStatus
  kind: AftersaleKind
  /** The agent already asked the platform once (平台介入 is once per case). */
  escalated: boolean
}

/**
 * The only legal moves of a case. A party that may never make the move is FORBIDDEN; a legal move
 * from the wrong status (or a second 平台介入) is FAILED_PRECONDITION.
 */
export function caseTransition(facts: CaseFacts, event: AftersaleEvent, actor: AftersaleActor): CaseTransition {
  const rule = machine[event]
  if (!rule.by.includes(actor)) return { ok: false, code: 'FORBIDDEN', message: forbidden[event] }
  if (!rule.from.includes(facts.status)) return { ok: false, code: 'FAILED_PRECONDITION', message: refusals[event] }
  if (event === 'escalate' && facts.escalated) return { ok: false, code: 'FAILED_PRECONDITION', message: '平台介入只能申请一次' }
  const to = typeof rule.to === 'string' ? rule.to : rule.to[facts.kind]
  return { ok: true, to }
}

/** Whether `actor` may make the move now: what a page offers is what the server will accept. */
export function canMove(facts: CaseFacts, event: AftersaleEvent, actor: AftersaleActor): boolean {
  return caseTransition(facts, event, actor).ok
}

/** When the timer acts on a case that entered `status` at `at`; null for none. */
export function caseDueAt(status: AftersaleStatus, at: number): number | null {
  if (status === 'pending') return at + ANSWER_WINDOW_MS
  if (status === 'awaiting_return') return at + RETURN_SHIP_WINDOW_MS
  if (status === 'returning') return at + RECEIPT_WINDOW_MS
  return null
}

/** The timer's move on a due case of this status: pending → agreed, awaiting_return → closed, returning → received. */
export function timerEvent(status: AftersaleStatus): AftersaleEvent | null {
  if (status === 'pending') return 'agree'
  if (status === 'awaiting_return') return 'expireReturn'
  if (status === 'returning') return 'confirmReceipt'
  return null
}

/** Reasons people pick from (the short lists of the issue); the note says the rest. */
export const CANNOT_SHIP_REASONS = ['缺货', '商品已下架', '无法送达该地址', '其他'] as const
export const BEFORE_SHIPPING_REASONS = ['不想要了', '拍错/多拍', '商家缺货', '发货太慢', '其他'] as const
export const AFTER_SHIPPING_REASONS = ['少件/漏发', '商品破损', '质量问题', '与描述不符', '发错货', '其他'] as const
export const REFUSAL_REASONS = ['商品已发出', '商品无问题', '退货不完整', '超出售后期限', '其他'] as const
/** What a case's note, a refusal's words and an operator's decision may hold. */
export const AFTERSALE_NOTE_MAX = 200
export const AFTERSALE_PHOTOS_MAX = 9

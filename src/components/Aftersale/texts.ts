import type { AftersaleActor, AftersaleStatus } from '@/domain/aftersale'
import { DAY_MS, HOUR_MS } from '@/domain/time'

/** Who made a step of 协商历史, as both sides read it. */
export const actorText: Record<AftersaleActor, string> = {
  agent: '代理',
  supplier: '供应商',
  operator: '平台',
  timer: '系统',
  wechatpay: '微信支付',
}

/** What a step of 协商历史 did (the timeline's `action`); the timer's agreement reads as what it is. */
const actionText: Record<string, string> = {
  apply: '提交了申请',
  reapply: '修改后重新申请',
  agree: '同意了申请',
  refuse: '拒绝了申请',
  returnShip: '寄回了商品',
  confirmReceipt: '确认收到退货',
  refuseReceipt: '拒绝收货',
  withdraw: '撤销了申请',
  escalate: '申请平台介入',
  decideRefund: '裁决退款',
  decideClose: '裁决关闭售后',
  expireReturn: '超时未寄回，售后关闭',
  refundDone: '退款成功',
  refundFailed: '退款失败',
  retryRefund: '重新发起退款',
}

export function stepText(actor: AftersaleActor, action: string): string {
  if (actor === 'timer' && action === 'agree') return '供应商超时未处理，自动同意'
  if (actor === 'timer' && action === 'confirmReceipt') return '供应商超时未确认收货，自动退款'
  return actionText[action] ?? action
}

function left(dueAt: number, now: number): string {
  const ms = Math.max(0, dueAt - now)
  if (ms >= DAY_MS) return `${Math.floor(ms / DAY_MS)} 天 ${Math.floor((ms % DAY_MS) / HOUR_MS)} 小时`
  return `${Math.max(1, Math.ceil(ms / HOUR_MS))} 小时`
}

/** What the status means now for the one reading it: who acts next and by when (the timer's deadline). */
export function caseHint(status: AftersaleStatus, viewer: 'agent' | 'supplier' | 'operator', dueAt: number | null, now: number): string {
  const due = dueAt === null ? '' : left(dueAt, now)
  switch (status) {
    case 'pending':
      return viewer === 'supplier' ? `请在 ${due} 内处理，超时将自动同意` : `等待供应商处理，${due} 后未处理将自动同意`
    case 'refused':
      return viewer === 'agent' ? '可修改后重新申请，或申请平台介入' : '等待代理修改申请或申请平台介入'
    case 'awaiting_return':
      return viewer === 'agent' ? `请在 ${due} 内寄回商品并填写物流，超时售后关闭` : `等待代理寄回商品（剩余 ${due}）`
    case 'returning':
      return viewer === 'supplier' ? `请在 ${due} 内确认收货，超时将自动退款` : `等待供应商确认收货，${due} 后自动退款`
    case 'escalated':
      return '平台正在处理，请耐心等待裁决'
    case 'refunding':
      return '退款已发起，等待微信支付到账'
    case 'refund_failed':
      return viewer === 'agent' ? '退款未成功，等待供应商重新退款' : '微信支付退款失败，请处理后重新退款'
    case 'refunded':
      return '退款已原路退回'
    case 'closed':
      return '售后已关闭'
  }
}

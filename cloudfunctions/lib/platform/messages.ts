import { fitKeyword } from '@/domain/subscribe-message'
import { cloud } from './cloud'
import { config } from './config'

/**
 * Subscribe messages (订阅消息) through `cloud.openapi.subscribeMessage.send`. A message is a courtesy:
 * it never fails the action that sent it. Each acceptance in WeChat's subscribe dialog allows one
 * send, so a send without one (43101) is normal and counted as skipped, not logged as an error. A
 * value that must stay whole and does not fit its keyword is never cut: the message is not sent.
 */
export type TemplateName = 'orderPaid' | 'orderShipped' | 'orderCancelSoon' | 'orderRefund' | 'aftersaleProgress'

/** What became of a send: sent, skipped (no acceptance left, or no template configured) or failed. */
export type SendOutcome = 'sent' | 'skipped' | 'failed'

export function templateId(name: TemplateName): string {
  const c = config()
  return {
    orderPaid: c.WEGONG_SUBSCRIBE_ORDER_PAID,
    orderShipped: c.WEGONG_SUBSCRIBE_ORDER_SHIPPED,
    orderCancelSoon: c.WEGONG_SUBSCRIBE_ORDER_CANCEL_SOON,
    orderRefund: c.WEGONG_SUBSCRIBE_ORDER_REFUND,
    aftersaleProgress: c.WEGONG_SUBSCRIBE_AFTERSALE,
  }[name]
}

/** WeChat's miniprogram_state: which build the message opens. */
const states = { release: 'formal', trial: 'trial', develop: 'developer' } as const

function miniprogramState(): 'formal' | 'trial' | 'developer' {
  return states[config().WEGONG_CODE_ENV_VERSION]
}

/** WeChat's answer when the user has no acceptance of the template left (or never gave one). */
const NO_SUBSCRIPTION = 43101

export async function sendMessage(name: TemplateName, touser: string, page: string, data: Record<string, string>): Promise<SendOutcome> {
  const id = templateId(name)
  if (!id) return 'skipped'
  const fitted: Record<string, { value: string }> = {}
  for (const [key, value] of Object.entries(data)) {
    const fit = fitKeyword(key, value)
    if (!fit.ok) {
      console.error(`[wegong] subscribe message ${name} not sent: ${fit.problem}`)
      return 'failed'
    }
    fitted[key] = { value: fit.value }
  }
  try {
    await cloud.openapi.subscribeMessage.send({
      touser,
      templateId: id,
      page,
      miniprogramState: miniprogramState(),
      lang: 'zh_CN',
      data: fitted,
    })
    return 'sent'
  } catch (error) {
    if ((error as { errCode?: unknown }).errCode === NO_SUBSCRIPTION) {
      console.log(`[wegong] subscribe message ${name} skipped: ${touser} has no acceptance of it left (43101)`)
      return 'skipped'
    }
    console.error(`[wegong] subscribe message ${name} not sent`, error)
    return 'failed'
  }
}

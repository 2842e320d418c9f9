import { cloud } from './cloud'
import { config } from './config'

/**
 * Subscribe messages (订阅消息) through `cloud.openapi.subscribeMessage.send`. A message is a courtesy:
 * an unset template, a refused subscription (43101) or any other failure is logged and never fails
 * the action that sent it.
 */
export type TemplateName = 'orderPaid' | 'orderShipped' | 'orderCancelSoon' | 'orderRefund'

export function templateId(name: TemplateName): string {
  const c = config()
  return {
    orderPaid: c.WEGONG_SUBSCRIBE_ORDER_PAID,
    orderShipped: c.WEGONG_SUBSCRIBE_ORDER_SHIPPED,
    orderCancelSoon: c.WEGONG_SUBSCRIBE_ORDER_CANCEL_SOON,
    orderRefund: c.WEGONG_SUBSCRIBE_ORDER_REFUND,
  }[name]
}

/** WeChat's miniprogram_state: which build the message opens. */
const states = { release: 'formal', trial: 'trial', develop: 'developer' } as const

function miniprogramState(): 'formal' | 'trial' | 'developer' {
  return states[config().WEGONG_CODE_ENV_VERSION]
}

/** Values are cut to WeChat's limits per key kind (thing ≤ 20, name ≤ 10, phrase ≤ 5, strings ≤ 32). */
function fit(key: string, value: string): string {
  const max = key.startsWith('thing') ? 20 : key.startsWith('name') ? 10 : key.startsWith('phrase') ? 5 : 32
  const chars = Array.from(value)
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value
}

export async function sendMessage(name: TemplateName, touser: string, page: string, data: Record<string, string>): Promise<boolean> {
  const id = templateId(name)
  if (!id) return false
  try {
    await cloud.openapi.subscribeMessage.send({
      touser,
      templateId: id,
      page,
      miniprogramState: miniprogramState(),
      lang: 'zh_CN',
      data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, { value: fit(key, value) }])),
    })
    return true
  } catch (error) {
    console.error(`[wegong] subscribe message ${name} not sent`, error)
    return false
  }
}

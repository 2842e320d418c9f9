import Taro from '@tarojs/taro'
import type { Payment } from '@/domain/order'
import { AppError } from '@/domain/app-error'
import { currentOpenid } from '@/persona'
import { callCloud } from './cloud'

/**
 * Paying and subscribing, the app's side of R17. In the mini-program WeChat's own payment sheet
 * (`wx.requestPayment`) takes the payment `order.pay` made with cloudPay; in the H5 build the local
 * cloud stands in for WeChat Pay, and its 模拟支付 sheet pays with `POST /_local/pay`. Either way the
 * order becomes paid only when the payment callback has run on the server.
 */

/** WeChat's payment sheet; resolves false when the user closes it without paying. */
export async function requestWechatPayment(payment: Payment): Promise<boolean> {
  try {
    await Taro.requestPayment({ ...payment, signType: payment.signType as 'MD5' | 'HMAC-SHA256' | 'RSA' })
    return true
  } catch (error) {
    const message = (error as { errMsg?: string }).errMsg ?? ''
    if (/cancel/i.test(message)) return false
    throw new AppError('INTERNAL', '支付没有完成，请稍后再试')
  }
}

/** The local cloud's stand-in for the payer paying (H5 only). */
export async function payLocally(payment: Payment): Promise<void> {
  let response: Response
  try {
    response = await fetch(`${process.env.TARO_APP_CLOUD_URL ?? ''}/_local/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ package: payment.package }),
    })
  } catch {
    throw new AppError('INTERNAL', '网络不给力，请稍后再试')
  }
  if (!response.ok)
    throw new AppError('FAILED_PRECONDITION', response.status === 409 ? '支付已超时或订单已关闭，请重新下单' : '支付失败，请稍后再试')
}

type Templates = { agent: string[]; supplier: string[] }
let templates: Templates | null = null
let loading: Promise<Templates> | null = null

/** Loads the template ids ahead of the tap that asks for them (WeChat lets only a tap ask). */
export function preloadOrderMessages(): void {
  if (process.env.TARO_ENV !== 'weapp' || templates || loading) return
  loading = callCloud('order', 'templates', {})
  loading.then(
    (loaded) => {
      templates = loaded
    },
    () => {
      loading = null
    },
  )
}

/**
 * Asks the user to accept the messages of `who` (agent: when paying; supplier: opening 订单管理).
 * Call it first thing in the tap handler: the ids are preloaded, so the dialog opens within the tap.
 * A refusal, a dismissed dialog or a browser without the API never stops anything.
 */
export async function askForOrderMessages(who: 'agent' | 'supplier'): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return acceptLocally(who)
  try {
    const ids = (templates ?? (await (loading ?? callCloud('order', 'templates', {}))))[who]
    if (ids.length > 0)
      await Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)
  } catch {
    // Refused or not available: the order goes on without messages.
  }
}

/**
 * The H5 build's stand-in for WeChat's subscribe dialog: the persona accepts, and the local cloud
 * allows one send of each template (`POST /_local/subscribe`), as an acceptance does in WeChat.
 */
async function acceptLocally(who: 'agent' | 'supplier'): Promise<void> {
  try {
    const ids = (await callCloud('order', 'templates', {}))[who]
    if (ids.length === 0) return
    await fetch(`${process.env.TARO_APP_CLOUD_URL ?? ''}/_local/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: currentOpenid(), templateIds: ids }),
    })
  } catch {
    // As a refusal in WeChat: the order goes on without messages.
  }
}

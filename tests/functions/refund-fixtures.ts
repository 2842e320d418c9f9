import { eventually } from '../eventually'
import type { TestCloud } from './test-cloud'

/** Refunds (R19) as the tests read them: the store's records and what the WeChat Pay stand-in made. */

export interface StoredRefund {
  _id: string
  orderId: string
  cause: string
  amountFen: number
  paidFen: number
  status: 'requested' | 'processing' | 'succeeded' | 'failed'
  failReason: string | null
  reason: string
}

export function storedRefunds(t: TestCloud, orderId: string): StoredRefund[] {
  return t.db.find('refunds', { orderId }) as unknown as StoredRefund[]
}

export interface WeChatRefund {
  outRefundNo: string
  outTradeNo: string
  refundFee: number
  totalFee: number
  state: 'PROCESSING' | 'SUCCESS'
  notified?: boolean
}

/** GET /_local/refunds: every refund WeChat Pay's stand-in accepted, of this order number. */
export async function refundsAtWeChat(t: TestCloud, orderNo: string): Promise<WeChatRefund[]> {
  const answer = (await (await fetch(`${t.cloud.url}/_local/refunds`)).json()) as { data: { items: WeChatRefund[] } }
  return answer.data.items.filter((r) => r.outTradeNo === orderNo)
}

/** Waits (real time) until WeChat Pay's stand-in holds the refund as done and acknowledged by refundCallback. */
export function acknowledgedAtWeChat(t: TestCloud, orderNo: string): Promise<WeChatRefund[]> {
  return eventually(`the refunds of ${orderNo} were never acknowledged`, async () => {
    const refunds = await refundsAtWeChat(t, orderNo)
    return refunds.length > 0 && refunds.every((r) => r.state === 'SUCCESS' && r.notified === true) && refunds
  })
}

/** POST /_local/refunds/fail-next: WeChat Pay refuses the next refund request (the merchant's balance). */
export async function failNextRefund(t: TestCloud): Promise<void> {
  const response = await fetch(`${t.cloud.url}/_local/refunds/fail-next`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })
  if (!response.ok) throw new Error(`fail-next answered ${response.status}`)
}

/** Waits (real time: WeChat Pay completes a refund a moment later) until the stored refund has this status. */
export function refundReaches(t: TestCloud, refundNo: string, status: StoredRefund['status']): Promise<StoredRefund> {
  return eventually(`refund ${refundNo} never reached ${status}`, () => {
    const [refund] = t.db.find('refunds', { _id: refundNo }) as unknown as StoredRefund[]
    return refund?.status === status && refund
  })
}

/** Changes a stored refund behind the functions' back (a crash's stand-in: a request whose answer was lost). */
export async function setRefundField(t: TestCloud, id: string, changes: Record<string, unknown>): Promise<void> {
  await t.db.handle({
    action: 'database.modifyDocument',
    collectionName: 'refunds',
    query: JSON.stringify({ _id: id }),
    data: JSON.stringify({ $set: changes }),
    multi: false,
    merge: true,
    upsert: false,
  })
}

import { describe, expect, it } from 'vitest'
import { demoFunctionEnv } from '../../demo/function-env'
import { PERSONAS } from './demo'
import { payDemoOrder, placeDemoOrder } from './demo-orders'
import { weappForFile } from './weapp-for-file'

/**
 * R20: the app asks for subscribe messages within the tap the user acts with (去支付, 订单管理), and
 * each acceptance allows one send, which WeChat's quota keeps (the local cloud's `GET /_local/…`).
 * A user who accepts gets a later event's message and the send uses the quota; a user who declines
 * goes on as before: the action succeeds, the send is recorded as skipped, and nothing says error.
 */
const app = weappForFile()
const SHIPPED = demoFunctionEnv.WEGONG_SUBSCRIBE_ORDER_SHIPPED
const NEW_ORDER = demoFunctionEnv.WEGONG_SUBSCRIBE_ORDER_PAID

interface Subscriptions {
  quota: Record<string, Record<string, number>>
  skipped: Array<{ touser: string; templateId: string; errcode: number }>
}
interface Message {
  touser: string
  templateId: string
  data: Record<string, { value: string }>
}

async function local<T>(path: string): Promise<T> {
  const response = await fetch(`${app.cloud.url}/_local/${path}`)
  return ((await response.json()) as { data: T }).data
}
const subscriptions = () => local<Subscriptions>('subscriptions')
const messages = async () => (await local<{ items: Message[] }>('messages')).items

/** The quota of each of `ids` that `openid` has left. */
async function quotaOf(openid: string, ids: readonly string[]): Promise<number[]> {
  const { quota } = await subscriptions()
  return ids.map((id) => quota[openid]?.[id] ?? 0)
}

/** What the page asked WeChat's subscribe dialog for, in order. */
function asked(page: { record: { wxCalls: Array<{ api: string; args: unknown }> } }): unknown[] {
  return page.record.wxCalls
    .filter((call) => call.api === 'requestSubscribeMessage')
    .map((call) => (call.args as { tmplIds?: unknown }).tmplIds)
}

/**
 * Waits until the page has its template ids (preloaded as it opens, so that the tap can ask before
 * anything is awaited): a tap before that asks too late, and WeChat refuses to open the dialog.
 */
async function templatesLoaded(page: { record: { cloudCalls: Array<{ name: string; action: string; ok: boolean }> } }): Promise<void> {
  const loaded = () => page.record.cloudCalls.some((call) => call.name === 'order' && call.action === 'templates' && call.ok)
  expect(await app.weapp.waitFor(loaded, 30_000)).toBe(true)
}

/** The page's errors, but for a slow machine's note that it settled late. */
const errorsOf = (page: { record: { errors: string[] } }) => page.record.errors.filter((error) => !error.startsWith('did not settle'))

/** Toasts and modals the page showed that speak of a failure. */
function failuresShown(page: { record: { wxCalls: Array<{ api: string; args: unknown }> } }): string[] {
  return page.record.wxCalls
    .filter((call) => call.api === 'showToast' || call.api === 'showModal')
    .map((call) => JSON.stringify(call.args))
    .filter((args) => /失败|错误|error|fail/i.test(args))
}

describe('subscribe messages asked at the tap, sent on quota (R20)', () => {
  it('when the agent accepts at 去支付, then the order is paid and the 已发货 message of its shipment is sent, using the quota', async () => {
    const { cloud, weapp } = app
    const { agent: ids } = await cloud.ok('order', 'templates', {}, PERSONAS.agent)
    expect(ids).toContain(SHIPPED)
    const order = await placeDemoOrder(cloud, 'sq-accept')
    const before = await quotaOf(PERSONAS.agent, ids)

    weapp.subscribeAnswer = 'accept'
    try {
      const page = await weapp.open('pages/orders/detail/index', { id: order._id }, PERSONAS.agent)
      await templatesLoaded(page)
      await page.tap('.order-pay')
      await weapp.waitFor(() => page.record.wxCalls.some((call) => call.api === 'requestPayment'), 10_000)
      expect(asked(page)).toEqual([ids])
      expect(await quotaOf(PERSONAS.agent, ids)).toEqual(before.map((n) => n + 1))
      await weapp.waitFor(() => page.text().includes('待发货'), 15_000)
      expect((await cloud.ok('order', 'get', { id: order._id }, PERSONAS.agent)).status).toBe('paid')
      expect(errorsOf(page)).toEqual([])
    } finally {
      weapp.subscribeAnswer = 'reject'
    }

    const sent = (await messages()).length
    await cloud.ok('order', 'ship', { id: order._id, carrier: '中通快递', trackingNo: `ZT${Date.now()}` }, PERSONAS.supplier)
    const shipped = (await messages()).slice(sent).filter((m) => m.touser === PERSONAS.agent && m.templateId === SHIPPED)
    expect(shipped).toHaveLength(1)
    expect(shipped[0]?.data.character_string1?.value).toBe(order.orderNo)
    // The 已发货 acceptance is used; the others wait for their own events.
    expect(await quotaOf(PERSONAS.agent, ids)).toEqual(before.map((n, i) => (ids[i] === SHIPPED ? n : n + 1)))
  })

  it('when the agent declines at 去支付, then the payment goes through, the 已发货 send is skipped and nothing says error', async () => {
    const { cloud, weapp } = app
    const { agent: ids } = await cloud.ok('order', 'templates', {}, PERSONAS.agent)
    const order = await placeDemoOrder(cloud, 'sq-decline')
    const before = await quotaOf(PERSONAS.agent, ids)
    // The 已发货 acceptance of the row above was used by its shipment: this agent has none left.
    expect(before[ids.indexOf(SHIPPED)]).toBe(0)

    const page = await weapp.open('pages/orders/detail/index', { id: order._id }, PERSONAS.agent)
    await templatesLoaded(page)
    await page.tap('.order-pay')
    await weapp.waitFor(() => page.text().includes('待发货'), 15_000)
    expect(asked(page)).toEqual([ids])
    expect(await quotaOf(PERSONAS.agent, ids)).toEqual(before)
    expect((await cloud.ok('order', 'get', { id: order._id }, PERSONAS.agent)).status).toBe('paid')
    expect(failuresShown(page)).toEqual([])
    expect(errorsOf(page)).toEqual([])

    const skipped = (await subscriptions()).skipped.length
    await cloud.ok('order', 'ship', { id: order._id, carrier: '中通快递', trackingNo: `ZT${Date.now()}` }, PERSONAS.supplier)
    expect((await cloud.ok('order', 'get', { id: order._id }, PERSONAS.agent)).status).toBe('shipped')
    expect((await subscriptions()).skipped.slice(skipped)).toContainEqual(
      expect.objectContaining({ touser: PERSONAS.agent, templateId: SHIPPED, errcode: 43101 }),
    )
  })

  it('when the supplier accepts at 订单管理, then the tap still opens it and the next paid order’s 新订单 message is sent, using the quota', async () => {
    const { cloud, weapp } = app
    const { supplier: ids } = await cloud.ok('order', 'templates', {}, PERSONAS.supplier)
    expect(ids).toContain(NEW_ORDER)
    const before = await quotaOf(PERSONAS.supplier, ids)

    weapp.subscribeAnswer = 'accept'
    try {
      const page = await weapp.open('supplier/home/index', {}, PERSONAS.supplier)
      await templatesLoaded(page)
      await page.tap('.entry-orders')
      expect(page.record.navigations.map((nav) => nav.url)).toEqual([expect.stringMatching(/^\/?supplier\/orders\/index/)])
      expect(asked(page)).toEqual([ids])
      expect(await quotaOf(PERSONAS.supplier, ids)).toEqual(before.map((n) => n + 1))
      expect(errorsOf(page)).toEqual([])
    } finally {
      weapp.subscribeAnswer = 'reject'
    }

    const order = await placeDemoOrder(cloud, 'sq-supplier')
    const sent = (await messages()).length
    await payDemoOrder(cloud, order._id)
    const paid = (await messages()).slice(sent).filter((m) => m.touser === PERSONAS.supplier && m.templateId === NEW_ORDER)
    expect(paid).toHaveLength(1)
    expect(await quotaOf(PERSONAS.supplier, ids)).toEqual(before.map((n, i) => (ids[i] === NEW_ORDER ? n : n + 1)))
  })
})

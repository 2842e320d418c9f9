import { describe, expect, it } from 'vitest'
import type { Carrier } from '@/domain/shipping-report'
import { PERSONAS } from './demo'
import { payDemoOrder, placeDemoOrder } from './demo-orders'
import { weappForFile } from './weapp-for-file'

/**
 * R20: a WeChat Pay shipment WeChat has not heard of is not settled, so the supplier's 订单详情 says
 * 未上报 and why until the timer's report is accepted; for 其他, that it is entered by hand.
 */
const app = weappForFile()

async function local(path: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${app.cloud.url}/_local/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(200)
}

async function shipped(carrier: Carrier, tag: string): Promise<string> {
  const order = await placeDemoOrder(app.cloud, tag)
  await payDemoOrder(app.cloud, order._id)
  await app.cloud.ok('order', 'ship', { id: order._id, carrier, trackingNo: `SR${Date.now()}` }, PERSONAS.supplier)
  return order._id
}

/** What the supplier's 订单详情 says of the shipment's report: its note, or null. */
async function reportNote(id: string): Promise<string | null> {
  const page = await app.weapp.open('supplier/orders/detail/index', { id }, PERSONAS.supplier)
  expect(page.record.errors).toEqual([])
  const [note] = page.find('.order-report')
  return note ? (note.textContent ?? '').trim() : null
}

describe('the supplier sees a shipment WeChat has not heard of (R20)', () => {
  it('when WeChat cannot take the report, then 订单详情 says 未上报 and why; once the timer reports it, nothing', async () => {
    await local('shipping-reports', { available: false })
    let id = ''
    try {
      id = await shipped('中通快递', 'sr-pending')
      expect(await reportNote(id)).toBe('未上报：发货信息还没有同步到微信，货款暂不结算；系统每 10 分钟自动重试')
    } finally {
      await local('shipping-reports', { available: true })
    }
    await local('trigger/expire', {})
    expect((await app.cloud.ok('order', 'get', { id }, PERSONAS.supplier)).shippingReport).toEqual({ status: 'reported' })
    expect(await reportNote(id)).toBeNull()
  })

  it('when the carrier is 其他, then 订单详情 says the shipment is entered by hand in WeChat’s console', async () => {
    const id = await shipped('其他', 'sr-manual')
    expect(await reportNote(id)).toBe('未上报：「其他」快递需在小程序后台「发货信息管理」手动录入发货信息')
  })
})

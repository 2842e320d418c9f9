import { describe, expect, it } from 'vitest'
import { PERSONAS } from './demo'
import { payDemoOrder, placeDemoOrder } from './demo-orders'
import { weappForFile } from './weapp-for-file'

/**
 * R20: for an order paid by WeChat Pay whose shipment WeChat has, the agent's 确认收货 opens WeChat's
 * own confirm-receipt component (`wx.openBusinessView`, `weappOrderConfirm`, the payment's
 * transaction id); when WeChat answers success, the order completes.
 */
const app = weappForFile()

/** A paid WeChat Pay order of the demo agent, shipped by the supplier (reported to WeChat by the local stand-in). */
async function shippedOrder() {
  const { cloud } = app
  const order = await placeDemoOrder(cloud, 'cr')
  await payDemoOrder(cloud, order._id)
  await cloud.ok('order', 'ship', { id: order._id, carrier: '中通快递', trackingNo: `ZT${Date.now()}` }, PERSONAS.supplier)
  return cloud.ok('order', 'get', { id: order._id }, PERSONAS.agent)
}

describe('确认收货 through WeChat’s confirm-receipt (R20)', () => {
  it('when the agent confirms a reported WeChat Pay order, then WeChat’s component opens with the transaction id and the order completes', async () => {
    const order = await shippedOrder()
    expect(order.wechatConfirm?.transactionId).toEqual(expect.any(String))
    const page = await app.weapp.open('pages/orders/detail/index', { id: order._id }, PERSONAS.agent)
    await page.tap('.order-confirm')
    await app.weapp.waitFor(() => page.record.cloudCalls.some((call) => call.name === 'order' && call.action === 'confirm'), 10_000)
    const opened = page.record.wxCalls.filter((call) => call.api === 'openBusinessView')
    expect(opened).toEqual([
      {
        api: 'openBusinessView',
        args: expect.objectContaining({
          businessType: 'weappOrderConfirm',
          extraData: { transaction_id: order.wechatConfirm?.transactionId },
        }),
      },
    ])
    // WeChat's component is the confirmation: the call went out without the app's own dialog being answered.
    expect((await app.cloud.ok('order', 'get', { id: order._id }, PERSONAS.agent)).status).toBe('completed')
    expect(page.record.errors).toEqual([])
  })
})

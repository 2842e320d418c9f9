import { describe, expect, it } from 'vitest'
import { orderCloudForFile } from './harness'
import { payOrder, placeOrder, shopWithAgent, storedOrder } from './order-fixtures'
import { failNextRefund, refundReaches } from './refund-fixtures'

/** 经营数据, the day counters and 导出订单 are net of refunds (R19): a refund counts when WeChat Pay's notice records it, once. */

const { t } = orderCloudForFile()

const today = (at: number) => new Date(at + 8 * 3600_000).toISOString().slice(0, 10)

interface StoredDay {
  paidOrders: number
  salesFen: number
  refunds?: number
  refundedFen?: number
}
const storedDay = (supplierId: string, day: string) => (t.db.find('supplier_days', { supplierId, day }) as unknown as StoredDay[])[0]

async function exportedRows(supplier: string, day: string): Promise<string[][]> {
  const result = await t.ok('order', 'export', { fromDay: day, toDay: day }, supplier)
  const text = Buffer.from(await (await fetch(result.url)).arrayBuffer())
    .toString('utf8')
    .slice(1)
  return text
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','))
}

describe('money figures net of refunds', () => {
  it('when a refund is refused, retried and confirmed, then 经营数据, the day and the CSV count it once, from the notice on', async () => {
    const { product, spec, shop } = await shopWithAgent(t, 'nf-sup', 'nf-agent')
    const order = await placeOrder(t, 'nf-agent', [{ productId: product._id, specId: spec.id, qty: 2 }])
    await payOrder(t, 'nf-agent', order)
    const day = today(order.createdAt)
    const supplierId = shop.supplier._id
    expect(storedDay(supplierId, day)).toMatchObject({ paidOrders: 1, salesFen: order.total })

    // Requested but refused by WeChat Pay: nothing is refunded, nothing is taken off.
    await failNextRefund(t)
    await t.ok('order', 'refund', { id: order._id, reason: '缺货' }, 'nf-sup')
    expect((await t.ok('order', 'stats', {}, 'nf-sup')).days.at(-1)).toEqual({
      day,
      paidOrders: 1,
      salesFen: order.total,
      refundedFen: 0,
      forwards: 0,
    })
    let [header, row] = await exportedRows('nf-sup', day)
    expect(header?.slice(-3)).toEqual(['退款金额', '退款状态', '退款时间'])
    expect(row?.slice(-3)).toEqual(['0.00', '退款失败', ''])

    // Retried and confirmed by WeChat Pay's notice: taken off once, on the notice's day.
    await t.ok('order', 'refund', { id: order._id, reason: '缺货' }, 'nf-sup')
    const refund = await refundReaches(t, `${order.orderNo}-S`, 'succeeded')
    expect(storedOrder(t, order._id).refundedFen).toBe(order.total)
    expect(storedDay(supplierId, day)).toMatchObject({ paidOrders: 1, salesFen: order.total, refunds: 1, refundedFen: order.total })
    expect((await t.ok('order', 'stats', {}, 'nf-sup')).days.at(-1)).toEqual({
      day,
      paidOrders: 1,
      salesFen: 0,
      refundedFen: order.total,
      forwards: 0,
    })
    ;[header, row] = await exportedRows('nf-sup', day)
    expect(row?.slice(-3)).toEqual([
      (order.total / 100).toFixed(2),
      '退款成功',
      new Date((refund as unknown as { succeededAt: number }).succeededAt + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '),
    ])

    // WeChat Pay sends the notice again: nothing more is taken off.
    const notice = {
      returnCode: 'SUCCESS',
      reqInfo: { outRefundNo: `${order.orderNo}-S`, refundFee: order.total, refundStatus: 'SUCCESS' },
    }
    expect(await t.raw('refundCallback', notice)).toEqual({ errcode: 0, errmsg: 'OK' })
    expect(storedDay(supplierId, day)).toMatchObject({ paidOrders: 1, salesFen: order.total, refunds: 1, refundedFen: order.total })
    expect(storedOrder(t, order._id).refundedFen).toBe(order.total)
  })

  it('when an order has no refund, then its CSV refund cells are empty and 经营数据 shows nothing refunded', async () => {
    const { product, spec } = await shopWithAgent(t, 'nf2-sup', 'nf2-agent')
    const order = await placeOrder(t, 'nf2-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
    await payOrder(t, 'nf2-agent', order)
    const day = today(order.createdAt)
    const [, row] = await exportedRows('nf2-sup', day)
    expect(row?.slice(-3)).toEqual(['0.00', '', ''])
    expect((await t.ok('order', 'stats', {}, 'nf2-sup')).days.at(-1)).toMatchObject({ salesFen: order.total, refundedFen: 0 })
  })
})

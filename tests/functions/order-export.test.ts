import { describe, expect, it } from 'vitest'
import { orderCloudForFile } from './harness'
import { CONSIGNEE, placeOrder, shopWithAgent } from './order-fixtures'

/** 导出订单: the supplier's CSV. */

const { t } = orderCloudForFile()

describe('导出订单 (CSV)', () => {
  it('when the supplier exports a date range, then it gets a UTF-8 CSV with BOM of its orders in that range', async () => {
    const { product, spec } = await shopWithAgent(t, 'x-sup', 'x-agent')
    const order = await placeOrder(t, 'x-agent', [{ productId: product._id, specId: spec.id, qty: 2 }], {
      ...CONSIGNEE,
      address: '科技园 "A" 座,101',
    })
    await t.ok('network', 'setRemark', { agentOpenid: 'x-agent', remark: '杭州小王' }, 'x-sup')
    const day = new Date(order.createdAt + 8 * 3600_000).toISOString().slice(0, 10)
    const result = await t.ok('order', 'export', { fromDay: day, toDay: day }, 'x-sup')
    expect(result).toMatchObject({ count: 1, fileName: `微供订单_${day}_${day}.csv` })
    const bytes = Buffer.from(await (await fetch(result.url)).arrayBuffer())
    expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf')
    const lines = bytes.toString('utf8').slice(1).split('\r\n')
    expect(lines[0]).toBe(
      '订单号,下单时间,付款时间,状态,代理,商品,件数,商品金额,运费,实付金额,收货人,手机,省份,城市,区县,详细地址,快递公司,快递单号,退款金额,退款状态,退款时间',
    )
    expect(lines[1]).toContain(`${order.orderNo},`)
    expect(lines[1]).toContain(',待付款,杭州小王,')
    expect(lines[1]).toContain(',2,79.60,10.00,89.60,李小红,13912345678,广东省,深圳市,南山区,"科技园 ""A"" 座,101",,,0.00,,')
    const empty = await t.ok('order', 'export', { fromDay: '2020-01-01', toDay: '2020-01-02' }, 'x-sup')
    expect(empty.count).toBe(0)
    const agent = await t.call('order', 'export', { fromDay: day, toDay: day }, 'x-agent')
    expect(agent.ok ? null : agent.error.code).toBe('FAILED_PRECONDITION')
    const tooLong = await t.call('order', 'export', { fromDay: '2026-01-01', toDay: '2026-12-31' }, 'x-sup')
    expect(tooLong.ok ? null : tooLong.error.code).toBe('INVALID_ARGUMENT')
  })
})

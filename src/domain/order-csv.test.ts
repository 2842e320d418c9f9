import { describe, expect, it } from 'vitest'
import { CSV_HEADER, csvCell, orderCsvRow, shanghaiDayRange, toCsv } from './order-csv'

describe('CSV export', () => {
  const order = {
    orderNo: '20261201233012004217',
    status: 'paid' as const,
    createdAt: Date.UTC(2026, 11, 1, 15, 30, 12),
    paidAt: Date.UTC(2026, 11, 1, 15, 31, 0),
    agentName: '小王',
    items: [
      { qty: 2, unitPrice: 3980, snapshot: { description: '春季新款碎花连衣裙，显瘦百搭', specName: '红色 / M' } },
      { qty: 1, unitPrice: 2500, snapshot: { description: '春季新款碎花连衣裙，显瘦百搭', specName: '蓝色 / L' } },
    ],
    goodsTotal: 10_460,
    shippingFee: 1200,
    total: 11_660,
    consignee: {
      name: '李小红',
      phone: '13912345678',
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      address: '科技园 "A" 座,101',
    },
  }
  it('one row per order: Shanghai times, yuan, the goods in one cell', () => {
    const row = orderCsvRow(order)
    expect(row).toHaveLength(CSV_HEADER.length)
    expect(row.slice(0, 10)).toEqual([
      '20261201233012004217',
      '2026-12-01 23:30:12',
      '2026-12-01 23:31:00',
      '待发货',
      '小王',
      '春季新款碎花连衣裙，显瘦百搭 红色 / M ×2；春季新款碎花连衣裙，显瘦百搭 蓝色 / L ×1',
      '3',
      '104.60',
      '12.00',
      '116.60',
    ])
  })
  const at = Date.UTC(2026, 11, 2, 2, 0, 5)
  it.each([
    ['no refund', {}, ['0.00', '', '']],
    ['one asked, not yet confirmed', { refunds: [{ status: 'requested' }] }, ['0.00', '退款中', '']],
    ['one accepted by WeChat Pay', { refunds: [{ status: 'processing' }] }, ['0.00', '退款中', '']],
    ['one refused', { refunds: [{ status: 'failed' }] }, ['0.00', '退款失败', '']],
    [
      'all of it back',
      { refundedFen: 11_660, refunds: [{ status: 'succeeded', succeededAt: at }] },
      ['116.60', '退款成功', '2026-12-02 10:00:05'],
    ],
    ['1 fen back', { refundedFen: 1, refunds: [{ status: 'succeeded', succeededAt: at }] }, ['0.01', '退款成功', '2026-12-02 10:00:05']],
    [
      'part back, then a second one under way: the latest state, the last time money came back',
      { refundedFen: 500, refunds: [{ status: 'succeeded', succeededAt: at }, { status: 'processing' }] },
      ['5.00', '退款中', '2026-12-02 10:00:05'],
    ],
  ] as const)('refund cells of an order with %s: %j', (_, refund, cells) => {
    const row = orderCsvRow({ ...order, ...refund })
    expect(row).toHaveLength(CSV_HEADER.length)
    expect(CSV_HEADER.slice(-3)).toEqual(['退款金额', '退款状态', '退款时间'])
    expect(row.slice(-3)).toEqual(cells)
  })
  it('the file starts with a BOM, ends lines with CRLF and quotes cells with commas or quotes', () => {
    const csv = toCsv([CSV_HEADER, orderCsvRow(order)])
    expect(csv.startsWith('\ufeff订单号,')).toBe(true)
    expect(csv).toContain('"科技园 ""A"" 座,101"')
    expect(csv.split('\r\n')).toHaveLength(3)
  })
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+86', "'+86"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['普通', '普通'],
  ])('cell %j is written %j (no formula runs in Excel)', (value, written) => {
    expect(csvCell(value)).toBe(written)
  })
})

describe('shanghaiDayRange', () => {
  it('a Shanghai day starts at 16:00 UTC the day before', () => {
    expect(shanghaiDayRange('2026-12-01', '2026-12-01')).toEqual({ from: Date.UTC(2026, 10, 30, 16), to: Date.UTC(2026, 11, 1, 16) })
  })
})

import { describe, expect, it } from 'vitest'
import {
  ConsigneeSchema,
  CSV_HEADER,
  csvCell,
  dueAt,
  maskPhone,
  OrderLinesSchema,
  orderCsvRow,
  orderNumber,
  quoteTotals,
  shanghaiDayRange,
  shippingProvince,
  toCsv,
  transition,
  type OrderActor,
  type OrderEvent,
  type OrderStatus,
} from './order'
import { DAY_MS, MINUTE_MS } from './time'

const base = { firstFee: 800, additionalFee: 200 }
const remote = {
  firstFee: 1000,
  additionalFee: 500,
  regions: [{ provinces: ['新疆' as const], firstFee: 2000, additionalFee: 1000 }],
  freeOver: 10_000,
}
const templates = new Map([
  ['base', base],
  ['remote', remote],
])

describe('quoteTotals (R7 for several products)', () => {
  it.each([
    ['one line, base fees', [{ unitPrice: 3980, qty: 1, shippingTemplateId: 'base' }], '浙江省', 3980, 800],
    ['three pieces of one template: first + 2 additional', [{ unitPrice: 1000, qty: 3, shippingTemplateId: 'base' }], '浙江省', 3000, 1200],
    [
      'two lines of one template form one parcel',
      [
        { unitPrice: 1000, qty: 1, shippingTemplateId: 'base' },
        { unitPrice: 2000, qty: 2, shippingTemplateId: 'base' },
      ],
      '上海市',
      5000,
      1200,
    ],
    [
      'a region override applies by the province',
      [{ unitPrice: 1000, qty: 2, shippingTemplateId: 'remote' }],
      '新疆维吾尔自治区',
      2000,
      3000,
    ],
    [
      'free once that template reaches its threshold',
      [{ unitPrice: 5000, qty: 2, shippingTemplateId: 'remote' }],
      '新疆维吾尔自治区',
      10_000,
      0,
    ],
    ['one fen under the threshold still pays', [{ unitPrice: 9999, qty: 1, shippingTemplateId: 'remote' }], '浙江省', 9999, 1000],
    [
      'two templates: each parcel charged on its own',
      [
        { unitPrice: 1000, qty: 1, shippingTemplateId: 'base' },
        { unitPrice: 1000, qty: 1, shippingTemplateId: 'remote' },
      ],
      '新疆',
      2000,
      2800,
    ],
    ['no province yet: base fees', [{ unitPrice: 1000, qty: 2, shippingTemplateId: 'remote' }], null, 2000, 1500],
  ])('%s', (_name, lines, province, goods, shipping) => {
    expect(quoteTotals(lines, templates, province)).toEqual({ goodsTotal: goods, shippingFee: shipping, total: goods + shipping })
  })

  it('when a template is missing, then it throws (the server refuses such data)', () => {
    expect(() => quoteTotals([{ unitPrice: 1, qty: 1, shippingTemplateId: 'gone' }], templates, null)).toThrow()
  })
})

describe('shippingProvince', () => {
  it.each([
    ['广东省', '广东'],
    ['内蒙古自治区', '内蒙古'],
    ['广西壮族自治区', '广西'],
    ['北京市', '北京'],
    ['北京', '北京'],
    ['香港特别行政区', null],
    ['台湾省', null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(shippingProvince(input)).toBe(expected)
  })
})

describe('transition (who moves an order, from where)', () => {
  const table: Array<[OrderStatus, OrderEvent, OrderActor, OrderStatus | 'FORBIDDEN' | 'FAILED_PRECONDITION']> = [
    ['pending_payment', 'pay', 'payment', 'paid'],
    ['pending_payment', 'pay', 'agent', 'FORBIDDEN'],
    ['paid', 'pay', 'payment', 'FAILED_PRECONDITION'],
    ['paid', 'ship', 'supplier', 'shipped'],
    ['paid', 'ship', 'agent', 'FORBIDDEN'],
    ['pending_payment', 'ship', 'supplier', 'FAILED_PRECONDITION'],
    ['shipped', 'ship', 'supplier', 'FAILED_PRECONDITION'],
    ['pending_payment', 'cancel', 'agent', 'cancelled'],
    ['pending_payment', 'cancel', 'supplier', 'cancelled'],
    ['pending_payment', 'cancel', 'timer', 'cancelled'],
    ['pending_payment', 'cancel', 'payment', 'FORBIDDEN'],
    ['paid', 'cancel', 'supplier', 'FAILED_PRECONDITION'],
    ['paid', 'cancel', 'agent', 'FAILED_PRECONDITION'],
    ['cancelled', 'cancel', 'agent', 'FAILED_PRECONDITION'],
    ['shipped', 'confirm', 'agent', 'completed'],
    ['shipped', 'confirm', 'timer', 'completed'],
    ['shipped', 'confirm', 'supplier', 'FORBIDDEN'],
    ['paid', 'confirm', 'agent', 'FAILED_PRECONDITION'],
    ['completed', 'confirm', 'agent', 'FAILED_PRECONDITION'],
  ]
  it.each(table)('%s --%s by %s--> %s', (status, event, actor, expected) => {
    const result = transition(status, event, actor)
    if (result.ok) expect(result.to).toBe(expected)
    else expect(result.code).toBe(expected)
  })
})

describe('dueAt', () => {
  it('unpaid orders are due 30 minutes after, shipped ones 15 days after; others never', () => {
    expect(dueAt('pending_payment', 0)).toBe(30 * MINUTE_MS)
    expect(dueAt('shipped', 0)).toBe(15 * DAY_MS)
    expect(dueAt('paid', 0)).toBeNull()
    expect(dueAt('completed', 0)).toBeNull()
  })
})

describe('orderNumber', () => {
  it("is the Shanghai date and time plus six digits: 20 digits, within out_trade_no's 32", () => {
    // 2026-12-01 15:30:12 UTC = 23:30:12 in Shanghai.
    expect(orderNumber(Date.UTC(2026, 11, 1, 15, 30, 12), '004217')).toBe('20261201233012004217')
  })
  it('when the random part is not six digits, then it throws', () => {
    expect(() => orderNumber(0, '12345')).toThrow()
  })
})

describe('ConsigneeSchema and OrderLinesSchema', () => {
  const consignee = { name: '李小红', phone: '13912345678', province: '广东省', city: '深圳市', district: '南山区', address: '科技园 1 栋' }
  it('when complete, then it parses', () => {
    expect(ConsigneeSchema.parse(consignee)).toEqual(consignee)
  })
  it.each([
    ['phone', '1391234567'],
    ['province', '香港特别行政区'],
    ['name', '  '],
    ['address', ''],
  ])('when %s is %j, then it is refused on that field', (field, value) => {
    const result = ConsigneeSchema.safeParse({ ...consignee, [field]: value })
    expect(result.success).toBe(false)
    if (!result.success) expect(result.error.issues[0]?.path).toEqual([field])
  })
  it('when a spec appears twice, when qty is 0 or above 9999, then the lines are refused', () => {
    expect(
      OrderLinesSchema.safeParse([
        { productId: 'p', specId: 's', qty: 1 },
        { productId: 'p', specId: 's', qty: 2 },
      ]).success,
    ).toBe(false)
    expect(OrderLinesSchema.safeParse([{ productId: 'p', specId: 's', qty: 0 }]).success).toBe(false)
    expect(OrderLinesSchema.safeParse([{ productId: 'p', specId: 's', qty: 10_000 }]).success).toBe(false)
    expect(OrderLinesSchema.safeParse([]).success).toBe(false)
  })
})

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

describe('shanghaiDayRange and maskPhone', () => {
  it('a Shanghai day starts at 16:00 UTC the day before', () => {
    expect(shanghaiDayRange('2026-12-01', '2026-12-01')).toEqual({ from: Date.UTC(2026, 10, 30, 16), to: Date.UTC(2026, 11, 1, 16) })
  })
  it('masks the middle of a mobile number', () => {
    expect(maskPhone('13912345678')).toBe('139****5678')
  })
})

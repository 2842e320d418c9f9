import { describe, expect, it } from 'vitest'
import { CARRIERS } from './order'
import {
  ITEM_DESC_MAX,
  itemDescription,
  maskPhone,
  shippingReport,
  uploadTime,
  usesWeChatConfirm,
  WECHAT_DELIVERY_IDS,
} from './shipping-report'

const facts = {
  transactionId: '4200001234202612070000000001',
  payerOpenid: 'o-agent',
  carrier: '中通快递' as const,
  trackingNo: 'ZT20261207001',
  consigneePhone: '13912345678',
  items: [{ qty: 2, snapshot: { description: '春季新款碎花连衣裙\n显瘦百搭', specName: '红色 / M' } }],
}

describe('shipping reports to WeChat (R20)', () => {
  it('when any carrier a supplier can pick is mapped, then each but 其他 has a WeChat delivery id, all different', () => {
    expect(Object.keys(WECHAT_DELIVERY_IDS).sort()).toEqual([...CARRIERS].sort())
    const ids = CARRIERS.map((carrier) => WECHAT_DELIVERY_IDS[carrier]).filter((id) => id !== null)
    expect(ids).toHaveLength(CARRIERS.length - 1)
    expect(new Set(ids).size).toBe(ids.length)
    expect(WECHAT_DELIVERY_IDS.其他).toBeNull()
  })

  it('when an order ships by 中通, then the report names the payment, the carrier, the number, the goods and the payer', () => {
    const at = Date.UTC(2026, 11, 7, 6, 5, 9, 120)
    expect(shippingReport(facts, at)).toEqual({
      orderKey: { orderNumberType: 2, transactionId: facts.transactionId },
      logisticsType: 1,
      deliveryMode: 1,
      shippingList: [{ trackingNo: 'ZT20261207001', expressCompany: 'ZTO', itemDesc: '春季新款碎花连衣裙 显瘦百搭 红色 / M ×2' }],
      uploadTime: '2026-12-07T14:05:09.120+08:00',
      payer: { openid: 'o-agent' },
    })
  })

  it('when it ships by 顺丰, then the masked receiver contact is added; by 其他, then there is nothing to report', () => {
    expect(shippingReport({ ...facts, carrier: '顺丰速运' }, 0)?.shippingList[0]).toMatchObject({
      expressCompany: 'SF',
      contact: { receiverContact: '139****5678' },
    })
    expect(shippingReport({ ...facts, carrier: '其他' }, 0)).toBeNull()
  })

  it('when the goods are many, then the description stays within 120 characters; phones are masked whatever their form', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ qty: 1, snapshot: { description: `商品${i}号超长的描述文字`, specName: '均码' } }))
    expect(Array.from(itemDescription(many)).length).toBeLessThanOrEqual(ITEM_DESC_MAX)
    expect(maskPhone('+86 139-1234-5678')).toBe('861****5678')
    expect(maskPhone('123')).toBe('****')
    expect(uploadTime(0)).toBe('1970-01-01T08:00:00.000+08:00')
  })
})

describe("WeChat's confirm-receipt (R20)", () => {
  const reported = { status: 'reported' as const }
  it.each([
    ['shipped, paid by WeChat Pay, reported', { status: 'shipped', transactionId: '4200', shippingReport: reported }, true],
    ['its report still pending', { status: 'shipped', transactionId: '4200', shippingReport: { status: 'pending' as const } }, false],
    ['its carrier entered by hand', { status: 'shipped', transactionId: '4200', shippingReport: { status: 'manual' as const } }, false],
    ['no WeChat Pay payment', { status: 'shipped', shippingReport: reported }, false],
    ['already completed', { status: 'completed', transactionId: '4200', shippingReport: reported }, false],
  ])('when the order is %s, then WeChat’s component is used: %s', (_case, order, uses) => {
    expect(usesWeChatConfirm(order)).toBe(uses)
  })
})

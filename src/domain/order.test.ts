import { describe, expect, it } from 'vitest'
import { orderNumber } from './order'

describe('orderNumber', () => {
  it("is the Shanghai date and time plus six digits: 20 digits, within out_trade_no's 32", () => {
    // 2026-12-01 15:30:12 UTC = 23:30:12 in Shanghai.
    expect(orderNumber(Date.UTC(2026, 11, 1, 15, 30, 12), '004217')).toBe('20261201233012004217')
  })
  it('when the random part is not six digits, then it throws', () => {
    expect(() => orderNumber(0, '12345')).toThrow()
  })
})

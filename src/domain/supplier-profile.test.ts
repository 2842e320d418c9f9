import { describe, expect, it } from 'vitest'
import { ReturnAddressSchema, UpdateSupplierProfileInput } from './supplier-profile'

describe('退货地址 (R19)', () => {
  const valid = { name: '王仓管', phone: '13800138000', region: '广东省 广州市 白云区', detail: '石井街 12 号 3 楼' }

  it('when every field is valid, then it parses and trims', () => {
    expect(ReturnAddressSchema.parse({ ...valid, name: ' 王仓管 ' })).toEqual(valid)
  })

  it.each([
    ['name', '', false],
    ['name', '收'.repeat(20), true],
    ['name', '收'.repeat(21), false],
    ['phone', '0571-88886666', true],
    ['phone', '1380013800', false],
    ['region', '  ', false],
    ['region', '区'.repeat(40), true],
    ['region', '区'.repeat(41), false],
    ['detail', '址'.repeat(100), true],
    ['detail', '址'.repeat(101), false],
  ])('when %s is %j, then accepted is %s', (field, value, accepted) => {
    expect(ReturnAddressSchema.safeParse({ ...valid, [field]: value }).success).toBe(accepted)
  })

  it('when a field is missing or unknown, then it is refused', () => {
    const { detail: _detail, ...missing } = valid
    expect(ReturnAddressSchema.safeParse(missing).success).toBe(false)
    expect(ReturnAddressSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false)
  })

  it('on the profile it is optional, and null removes it', () => {
    const profile = { name: '好货', contact: '13800138000', mainCategory: '女装' }
    expect(UpdateSupplierProfileInput.parse(profile)).toEqual(profile)
    expect(UpdateSupplierProfileInput.parse({ ...profile, returnAddress: null })).toEqual({ ...profile, returnAddress: null })
    expect(UpdateSupplierProfileInput.parse({ ...profile, returnAddress: valid })).toEqual({ ...profile, returnAddress: valid })
    expect(UpdateSupplierProfileInput.safeParse({ ...profile, returnAddress: { ...valid, phone: 'x' } }).success).toBe(false)
    expect(UpdateSupplierProfileInput.safeParse({ ...profile, other: 1 }).success).toBe(false)
  })
})

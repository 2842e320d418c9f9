import { describe, expect, it } from 'vitest'
import { ConsigneeSchema, maskPhone, shippingProvince } from './consignee'

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

describe('ConsigneeSchema', () => {
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
})

describe('maskPhone', () => {
  it('masks the middle of a mobile number', () => {
    expect(maskPhone('13912345678')).toBe('139****5678')
  })
})

import { describe, expect, it } from 'vitest'
import { canPublish, eligibilityGaps, RegisterSupplierInput } from './supplier'

describe('eligibility (R2)', () => {
  it.each([
    [{ verifiedMember: false, buyerProtection: false }, ['verifiedMember', 'buyerProtection'], false],
    [{ verifiedMember: true, buyerProtection: false }, ['buyerProtection'], false],
    [{ verifiedMember: false, buyerProtection: true }, ['verifiedMember'], false],
    [{ verifiedMember: true, buyerProtection: true }, [], true],
  ])('when flags are %j, then the gaps are %j and canPublish is %s', (flags, gaps, publish) => {
    expect(eligibilityGaps(flags)).toEqual(gaps)
    expect(canPublish(flags)).toBe(publish)
  })
})

describe('RegisterSupplierInput (R1)', () => {
  const valid = { name: '杭州源头好货服饰', contact: '13800138000', mainCategory: '女装' }

  it('when every field is valid, then it parses and trims', () => {
    expect(RegisterSupplierInput.parse({ ...valid, name: '  好货  ' })).toEqual({ ...valid, name: '好货' })
  })

  it('when the name has 30 characters, then it is accepted; at 31 it is refused', () => {
    expect(RegisterSupplierInput.safeParse({ ...valid, name: '货'.repeat(30) }).success).toBe(true)
    expect(RegisterSupplierInput.safeParse({ ...valid, name: '货'.repeat(31) }).success).toBe(false)
  })

  it.each(['13800138000', '0571-88886666', '057188886666', '010-1234567'])('when the contact is %s, then it is accepted', (contact) => {
    expect(RegisterSupplierInput.safeParse({ ...valid, contact }).success).toBe(true)
  })

  it.each(['', '1380013800', 'abc', '23800138000'])('when the contact is %j, then it is refused', (contact) => {
    expect(RegisterSupplierInput.safeParse({ ...valid, contact }).success).toBe(false)
  })

  it('when the category is closed or unknown, then it is refused with a Chinese message', () => {
    const closed = RegisterSupplierInput.safeParse({ ...valid, mainCategory: '汽车用品' })
    expect(closed.success).toBe(false)
    expect(closed.error?.issues[0]?.message).toBe('该类目暂未开放')
    expect(RegisterSupplierInput.safeParse({ ...valid, mainCategory: '火箭' }).success).toBe(false)
  })

  it('when an unknown field is sent, then it is refused (strict)', () => {
    expect(RegisterSupplierInput.safeParse({ ...valid, verifiedMember: true }).success).toBe(false)
  })
})

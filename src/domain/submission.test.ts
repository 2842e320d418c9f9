import { describe, expect, it } from 'vitest'
import { canonicalJson, nextSubmissionKey, type SubmissionKey } from './submission'

const CONSIGNEE = { name: '李小红', phone: '13800000000', province: '广东省', city: '广州市', district: '天河区', address: '体育西路 1 号' }
const ITEMS = [{ productId: 'p1', specId: 's1', qty: 2 }]

describe('canonicalJson', () => {
  it.each([
    ['keys in another order', { b: 1, a: { d: [1, 2], c: 'x' } }, { a: { c: 'x', d: [1, 2] }, b: 1 }],
    ['an undefined field and an absent one', { a: 1, note: undefined }, { a: 1 }],
    ['nested objects in arrays', [{ y: 1, x: 2 }], [{ x: 2, y: 1 }]],
  ])('when two values differ only by %s, then they read the same', (_, a, b) => {
    expect(canonicalJson(a)).toBe(canonicalJson(b))
  })

  it.each([
    ['the order of array items', [1, 2], [2, 1]],
    ['a value', { qty: 1 }, { qty: 2 }],
    ['null and absent', { a: null }, {}],
    ['a number and its text', { a: 1 }, { a: '1' }],
    ['a key that JSON would have to escape', { 'a"': 1 }, { a: 1 }],
  ])('when two values differ by %s, then they read differently', (_, a, b) => {
    expect(canonicalJson(a)).not.toBe(canonicalJson(b))
  })
})

describe('nextSubmissionKey', () => {
  let made = 0
  const fresh = () => `key-${++made}`
  const submit = (last: SubmissionKey | null, submitted: unknown) => nextSubmissionKey(last, submitted, fresh)

  it('when nothing was submitted yet, then a fresh key is taken', () => {
    const first = submit(null, { items: ITEMS, consignee: CONSIGNEE })
    expect(first.key).toMatch(/^key-\d+$/)
  })

  it('when the same content is submitted again (重试, a double tap), then the key stays, however the object was built', () => {
    const first = submit(null, { items: ITEMS, consignee: CONSIGNEE })
    const again = submit(first, { consignee: { ...CONSIGNEE }, items: ITEMS.map((line) => ({ ...line })) })
    expect(again.key).toBe(first.key)
  })

  it.each([
    ['the consignee', { items: ITEMS, consignee: { ...CONSIGNEE, address: '体育西路 2 号' } }],
    ['the consignee name', { items: ITEMS, consignee: { ...CONSIGNEE, name: '王大明' } }],
    ['a quantity', { items: [{ ...ITEMS[0], qty: 3 }], consignee: CONSIGNEE }],
    ['the items', { items: [...ITEMS, { productId: 'p2', specId: 's9', qty: 1 }], consignee: CONSIGNEE }],
    ['a note', { items: ITEMS, consignee: CONSIGNEE, note: '周末送达' }],
  ])('when %s changes after a failed submit, then a fresh key is taken (another submission)', (_, changed) => {
    const first = submit(null, { items: ITEMS, consignee: CONSIGNEE })
    const next = submit(first, changed)
    expect(next.key).not.toBe(first.key)
    expect(submit(next, changed).key).toBe(next.key)
  })

  it('when the content goes back to what an earlier key submitted, then still a fresh key (only the last key is kept)', () => {
    const first = submit(null, { items: ITEMS, consignee: CONSIGNEE })
    const edited = submit(first, { items: ITEMS, consignee: { ...CONSIGNEE, name: '王大明' } })
    const back = submit(edited, { items: ITEMS, consignee: CONSIGNEE })
    expect(new Set([first.key, edited.key, back.key]).size).toBe(3)
  })
})

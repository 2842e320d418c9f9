import { describe, expect, it } from 'vitest'
import { codePointLength, hasVisibleText, optionalText, requiredText, trimText } from './text'

describe('codePointLength (R4 counts code points)', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['微供', 2],
    ['👍', 1],
    ['👨‍👩‍👧', 5], // a family emoji is several code points joined by ZWJ
    ['好货🔥', 3],
  ])('when the text is %j, then its length is %i', (text, length) => {
    expect(codePointLength(text)).toBe(length)
  })
})

describe('visible text (R4: 1–500 visible characters)', () => {
  it.each([
    ['', false],
    ['   ', false],
    ['\u200b\u200c\u200d', false],
    ['\ufeff\u2060', false],
    ['\u200e\u200f\u202e', false],
    ['\u3164\u115f', false],
    ['\ufe0f', false],
    ['\t\n\u3000', false],
    ['a', true],
    ['\u200b好\u200b', true],
    ['❤️', true],
  ])('when the text is %j, then visible is %s', (text, visible) => {
    expect(hasVisibleText(text)).toBe(visible)
  })

  it.each([
    ['  红色 / M  ', '红色 / M'],
    ['\u200b红色\u200d', '红色'],
    ['I ❤️', 'I ❤️'],
    ['👨‍👩‍👧', '👨‍👩‍👧'],
  ])('when %j is trimmed, then it is %j', (text, trimmed) => {
    expect(trimText(text)).toBe(trimmed)
  })
})

describe('requiredText', () => {
  const name = requiredText('规格名称', 3)
  const description = requiredText('商品描述', 500, { trim: false })

  it.each(['', ' ', '\u200b', '\u200b \u200d\ufeff'])('when %j is given, then it is refused as empty', (text) => {
    const result = name.safeParse(text)
    expect(result.success ? '' : result.error.issues[0]?.message).toBe('请填写规格名称')
  })

  it('when a name has invisible edges, then they are trimmed before the length counts', () => {
    expect(name.parse('\u200b红色M\u200b ')).toBe('红色M')
  })

  it('when the text is at the limit, then it passes, and one more is refused', () => {
    expect(description.safeParse('好'.repeat(500)).success).toBe(true)
    expect(description.safeParse('好'.repeat(499) + '🔥').success).toBe(true)
    expect(description.safeParse('好'.repeat(501)).success).toBe(false)
  })

  it('when a description has edges of spaces, then it is kept as typed', () => {
    expect(description.parse(' 新品 ')).toBe(' 新品 ')
  })
})

describe('optionalText', () => {
  const remark = optionalText('备注', 5)
  it.each([
    ['', ''],
    ['\u200b ', ''],
    [' 老客户 ', '老客户'],
  ])('when %j is given, then %j is kept', (text, kept) => {
    expect(remark.parse(text)).toBe(kept)
  })
  it('when it is too long, then it is refused', () => {
    expect(remark.safeParse('一二三四五六').success).toBe(false)
  })
})

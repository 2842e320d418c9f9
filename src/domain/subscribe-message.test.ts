import { describe, expect, it } from 'vitest'
import { fitKeyword, keywordKind, spreadWhole, UNUSED_PART } from './subscribe-message'

describe('subscribe-message values fit WeChat’s keyword limits (R20)', () => {
  it.each([
    ['thing2', 'thing'],
    ['character_string14', 'character_string'],
    ['phrase1', 'phrase'],
    ['amount3', null],
    ['time5', null],
    ['thing', null],
  ])('when the key is %s, then its kind is %s', (key, kind) => {
    expect(keywordKind(key)).toBe(kind)
  })

  it.each([
    ['a descriptive value within the limit stays', 'thing2', '春季新款连衣裙', { ok: true, value: '春季新款连衣裙' }],
    [
      'a descriptive value over the limit is shortened with an ellipsis',
      'thing2',
      '一二三四五六七八九十一二三四五六七八九十一',
      { ok: true, value: '一二三四五六七八九十一二三四五六七八九…' },
    ],
    ['a name over 10 is shortened', 'name1', '欧阳一二三四五六七八九', { ok: true, value: '欧阳一二三四五六七…' }],
    ['a whole value of exactly 32 stays', 'character_string1', 'A'.repeat(32), { ok: true, value: 'A'.repeat(32) }],
    ['an amount has no length limit here', 'amount3', '1234.50元', { ok: true, value: '1234.50元' }],
  ])('when %s, then it is kept as WeChat takes it', (_case, key, value, expected) => {
    expect(fitKeyword(key, value)).toEqual(expected)
  })

  it.each([
    ['a 40-character tracking number', 'character_string4', 'X'.repeat(40)],
    ['a 33-digit number', 'number1', '1'.repeat(33)],
    ['an empty value', 'thing2', ''],
  ])('when %s does not fit, then it is refused, never cut', (_case, key, value) => {
    expect(fitKeyword(key, value).ok).toBe(false)
  })

  it('when a whole value is longer than one keyword, then it is spread in order and nothing is lost', () => {
    const trackingNo = 'JD0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ01'
    const parts = spreadWhole(trackingNo, ['character_string4', 'character_string6'])
    expect(parts).toEqual({ character_string4: trackingNo.slice(0, 32), character_string6: trackingNo.slice(32) })
    expect(Object.values(parts ?? {}).join('')).toBe(trackingNo)
  })

  it('when a whole value fits the first keyword, then the next carries the unused mark; when it fits none, then null', () => {
    expect(spreadWhole('SF1234567890', ['character_string4', 'character_string6'])).toEqual({
      character_string4: 'SF1234567890',
      character_string6: UNUSED_PART,
    })
    expect(spreadWhole('X'.repeat(65), ['character_string4', 'character_string6'])).toBeNull()
  })
})

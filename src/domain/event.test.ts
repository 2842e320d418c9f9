import { describe, expect, it } from 'vitest'
import { hasUnreadableText, nestedDeeperThan } from './event'

describe('hasUnreadableText', () => {
  // Lone surrogates: JSON carries them, UTF-8 cannot store them.
  it.each([
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate inside text', 'a\udc00b'],
    ['a high surrogate at the end', `${'字'.repeat(499)}\ud83d`],
    ['a low surrogate before its high one', '\ude00\ud83d'],
  ])('when a value holds %s, then true', (_case, text) => {
    expect(hasUnreadableText({ specs: [{ name: text }] })).toBe(true)
  })

  it.each([
    ['NUL', 'a\u0000b'],
    ['a bell', '\u0007'],
    ['a vertical tab', '\u000b'],
    ['DEL', '\u007f'],
    ['a C1 control', '\u0085'],
  ])('when a value holds %s, then true', (_case, text) => {
    expect(hasUnreadableText([text])).toBe(true)
  })

  it('when a key holds one, then true', () => {
    expect(hasUnreadableText(JSON.parse('{"tierPrices":{"\\ud800":1}}'))).toBe(true)
  })

  it.each([['emoji'], ['👨‍👩‍👧‍👦'], ['🇨🇳'], ['\u200b\u202e商品'], [''], ['第一行\r\n第二行\t完']])(
    'when text is well formed (%j), then false',
    (text) => {
      expect(hasUnreadableText({ a: [text, 1, null, { b: text }] })).toBe(false)
    },
  )

  it('walks 100,000 levels without overflowing a stack', () => {
    let deep: unknown = '\ud800'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(hasUnreadableText(deep)).toBe(true)
    expect(nestedDeeperThan(deep, 32)).toBe(true)
  })
})

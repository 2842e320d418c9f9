import { describe, expect, it } from 'vitest'
import { hasLoneSurrogate, nestedDeeperThan } from './event'

describe('hasLoneSurrogate', () => {
  it.each([
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate inside text', 'a\udc00b'],
    ['a high surrogate at the end', `${'字'.repeat(499)}\ud83d`],
    ['a low surrogate before its high one', '\ude00\ud83d'],
  ])('when a value holds %s, then true', (_case, text) => {
    expect(hasLoneSurrogate({ specs: [{ name: text }] })).toBe(true)
  })

  it('when a key holds one, then true', () => {
    expect(hasLoneSurrogate(JSON.parse('{"tierPrices":{"\\ud800":1}}'))).toBe(true)
  })

  it.each([['emoji'], ['👨‍👩‍👧‍👦'], ['🇨🇳'], ['\u200b\u202e商品'], ['']])('when text is well formed (%j), then false', (text) => {
    expect(hasLoneSurrogate({ a: [text, 1, null, { b: text }] })).toBe(false)
  })

  it('walks 100,000 levels without overflowing a stack', () => {
    let deep: unknown = '\ud800'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(hasLoneSurrogate(deep)).toBe(true)
    expect(nestedDeeperThan(deep, 32)).toBe(true)
  })
})

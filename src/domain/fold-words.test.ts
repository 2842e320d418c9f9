import { describe, expect, it } from 'vitest'
import { FOLD_WORDS, foldWordHits, textFingerprint } from './fold-words'

describe('foldWordHits', () => {
  it.each([
    ['when the text has no marketing word, then nothing is found', '2026春季新款碎花连衣裙，面料柔软', []],
    [
      'when 特惠 and 限时 appear, then each is found where it starts',
      '限时特惠',
      [
        { word: '限时', index: 0 },
        { word: '特惠', index: 2 },
      ],
    ],
    ['when a longer word holds a shorter one, then the longer one is the hit', '送优惠券', [{ word: '优惠券', index: 1 }]],
    [
      'when a word repeats, then every place is found',
      '秒杀！秒杀！',
      [
        { word: '秒杀', index: 0 },
        { word: '秒杀', index: 3 },
      ],
    ],
    ['when an emoji comes before, then the index counts its UTF-16 units', '🔥秒杀', [{ word: '秒杀', index: 2 }]],
    ['when the text is empty, then nothing is found', '', []],
  ])('%s', (_, text, hits) => {
    expect(foldWordHits(text)).toEqual(hits)
  })

  it('when the list is read, then it holds the words the reports name, each once', () => {
    expect(FOLD_WORDS).toEqual(expect.arrayContaining(['特惠', '限时', '秒杀']))
    expect(new Set(FOLD_WORDS).size).toBe(FOLD_WORDS.length)
  })
})

describe('textFingerprint', () => {
  it.each([
    ['when only spacing and line breaks differ, then the fingerprints match', '碎花 连衣裙\n现货', '碎花 连衣裙 现货', true],
    ['when the edges differ in whitespace, then the fingerprints match', '  碎花连衣裙 ', '碎花连衣裙', true],
    ['when one character differs, then the fingerprints differ', '碎花连衣裙', '碎花连衣群', false],
    ['when a price differs, then the fingerprints differ', '💰 ¥129.00', '💰 ¥128.00', false],
  ])('%s', (_, a, b, same) => {
    expect(textFingerprint(a) === textFingerprint(b)).toBe(same)
    expect(textFingerprint(a)).toMatch(/^[0-9a-f]{16}$/)
  })
})

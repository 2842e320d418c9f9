import { describe, expect, it } from 'vitest'
import { INDEX_TOKENS_MAX, indexTokens, lookupToken, matchesAll, queryTokens } from './search-tokens'

describe('indexTokens', () => {
  it.each<[string, string[], string[]]>([
    ['a Chinese run gives its bigrams and characters', ['碎花裙'], ['碎花', '花裙', '碎', '花', '裙']],
    ['digits and Chinese split into runs', ['2026春装'], ['2026', '春装', '春', '装']],
    ['Latin words are whole and lower-cased', ['Nike Air-Max'], ['nike', 'air', 'max']],
    ['full-width letters and digits are normalised', ['ＸＬ码１２'], ['xl', '码', '12']],
    ['punctuation and emoji separate', ['新款！🔥连衣裙'], ['新款', '新', '款', '连衣', '衣裙', '连', '衣', '裙']],
    ['several texts (description, spec names) share one set', ['红色', '红色 S'], ['红色', '红', '色', 's']],
    ['nothing to index', ['  ，。 '], []],
  ])('%s', (_case, texts, tokens) => {
    expect(indexTokens(texts)).toEqual(tokens)
  })

  it('keeps at most INDEX_TOKENS_MAX tokens', () => {
    const words = Array.from({ length: INDEX_TOKENS_MAX + 50 }, (_, i) => `w${i}`)
    expect(indexTokens([words.join(' ')])).toHaveLength(INDEX_TOKENS_MAX)
  })
})

describe('queryTokens', () => {
  it.each<[string, string[]]>([
    ['碎花连衣裙', ['碎花', '花连', '连衣', '衣裙']],
    ['裙', ['裙']],
    ['碎花 XL', ['碎花', 'xl']],
    ['2026春季', ['2026', '春季']],
    ['s', ['s']],
    ['  ！！ ', []],
    ['', []],
  ])('%j looks for %j', (query, tokens) => {
    expect(queryTokens(query)).toEqual(tokens)
  })
})

describe('finding a product by its words', () => {
  const stored = indexTokens(['2026春季新款碎花连衣裙', '红色 XL'])
  it.each<[string, boolean]>([
    ['碎花连衣裙', true],
    ['连衣裙', true],
    ['裙', true],
    ['春季 红色', true],
    ['xl', true],
    ['2026', true],
    ['碎花衬衫', false],
    ['x', false],
    ['202', false],
  ])('%j matches: %s', (query, found) => {
    expect(matchesAll(stored, queryTokens(query))).toBe(found)
  })
})

describe('lookupToken', () => {
  it.each<[string[], string | undefined]>([
    [['碎花', '花连', '连衣'], '碎花'],
    [['碎花', 'nike'], 'nike'],
    [['裙', 'xl'], 'xl'],
    [['裙'], '裙'],
    [[], undefined],
  ])('of %j is %j', (tokens, token) => {
    expect(lookupToken(tokens)).toBe(token)
  })
})

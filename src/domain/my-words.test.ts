import { describe, expect, it } from 'vitest'
import { combinedText, mergeTexts, selectionOrder, selectionRowTitle, selectionTitle, SELECTION_LINE_MAX } from './my-words'

describe('combinedText', () => {
  it.each([
    ['when one product is picked, then its line has no number', [{ text: '碎花连衣裙', retail: [12900] }], '碎花连衣裙 💰 ¥129.00'],
    [
      'when three are picked, then each line is numbered in the pictures’ order with the agent’s retail price',
      [
        { text: '碎花连衣裙\n面料柔软', retail: [12900] },
        { text: '针织开衫', retail: [5900, 6900] },
        { text: '帆布包', retail: [3900, 3900] },
      ],
      '1. 碎花连衣裙 💰 ¥129.00\n2. 针织开衫 💰 ¥59.00 起\n3. 帆布包 💰 ¥39.00',
    ],
    ['when a product has no price to show, then its line is its title alone', [{ text: '样品', retail: [] }], '样品'],
    ['when the text is blank, then the line still says something', [{ text: '  \n ', retail: [100] }], '好物 💰 ¥1.00'],
    [
      'when the first line is long, then it is cut at the line’s length with 「…」',
      [{ text: '一'.repeat(SELECTION_LINE_MAX + 5), retail: [100] }],
      `${'一'.repeat(SELECTION_LINE_MAX)}… 💰 ¥1.00`,
    ],
    [
      'when the text starts with blank lines, then the first line with something is used',
      [{ text: '\n\n新款', retail: [100] }],
      '新款 💰 ¥1.00',
    ],
  ])('%s', (_, lines, text) => {
    expect(combinedText(lines)).toBe(text)
  })

  it('when nine are picked, then there are nine lines numbered 1 to 9', () => {
    const text = combinedText(Array.from({ length: 9 }, (_, i) => ({ text: `款${i + 1}`, retail: [100 * (i + 1)] })))
    expect(text.split('\n')).toHaveLength(9)
    expect(text.split('\n')[8]).toBe('9. 款9 💰 ¥9.00')
  })
})

describe('mergeTexts', () => {
  it.each([
    ['when the agent keeps its words, then its text stays', '我的话', '新描述', 'keep' as const, '我的话'],
    ['when the agent takes the new text, then the supplier’s text is used', '我的话', '新描述', 'theirs' as const, '新描述'],
    [
      'when the agent merges, then the new text follows its own after a blank line',
      '我的话\n',
      ' 新描述 ',
      'merge' as const,
      '我的话\n\n新描述',
    ],
    [
      'when the new text is already in its own, then merging adds nothing',
      '我的话\n\n新描述',
      '新描述',
      'merge' as const,
      '我的话\n\n新描述',
    ],
    ['when its own is empty, then merging gives the new text', '', '新描述', 'merge' as const, '新描述'],
  ])('%s', (_, mine, theirs, choice, text) => {
    expect(mergeTexts(mine, theirs, choice)).toBe(text)
  })
})

describe('selectionOrder and selectionTitle', () => {
  it('when an id is picked twice, then it is kept once at its first place', () => {
    expect(selectionOrder(['a', 'b', 'a', 'c'])).toEqual(['a', 'b', 'c'])
  })
  it.each([
    [['碎花连衣裙\n面料'], '碎花连衣裙'],
    [['a', 'b', 'c'], '精选 3 件好物'],
  ])('when the texts are %j, then the card reads %s', (texts, title) => {
    expect(selectionTitle(texts)).toBe(title)
  })
})

describe('selectionRowTitle (我的转发)', () => {
  it.each([
    [['碎花连衣裙\n面料'], 3, '碎花连衣裙'],
    [['a', 'b'], 3, '精选 2 件好物'],
    [[], 3, '精选 3 件好物'],
  ])('when customers still see %j of %i, then the row reads %s', (shown, shared, title) => {
    expect(selectionRowTitle(shown, shared)).toBe(title)
  })
})

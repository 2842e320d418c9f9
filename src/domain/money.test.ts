import { describe, expect, it } from 'vitest'
import { fenToYuanText, formatFen, formatFenRange, formatYuan, parseYuan } from './money'

describe('formatFen (R18)', () => {
  it.each([
    [0, '¥0.00'],
    [1, '¥0.01'],
    [1280, '¥12.80'],
    [100000, '¥1000.00'],
    [-250, '-¥2.50'],
  ])('when the amount is %i fen, then it shows %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text)
  })
})

describe('parseYuan (R18)', () => {
  it.each([
    ['12', 1200],
    ['12.8', 1280],
    ['12.80', 1280],
    ['0.01', 1],
    [' 7.5 ', 750],
    ['0', 0],
    // 0.29 * 100 is 28.999… in floating point: the parser never multiplies a float.
    ['0.29', 29],
    ['1.13', 113],
    ['999999999999.99', 99999999999999],
  ])('when 「%s」 is typed, then it is %i fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen)
  })

  it.each(['', ' ', '12.345', '.5', '12.', '-1', '+1', '1e3', '¥12', '12,80', '１２', 'NaN', 'Infinity', '0x10', '1000000000000'])(
    'when 「%s」 is typed, then it is not yuan',
    (text) => {
      expect(parseYuan(text)).toBeNull()
    },
  )
})

describe('fenToYuanText', () => {
  it.each([
    [1200, '12'],
    [1280, '12.80'],
    [1205, '12.05'],
    [1, '0.01'],
  ])('when the price is %i fen, then the input shows 「%s」', (fen, text) => {
    expect(fenToYuanText(fen)).toBe(text)
  })
})

describe('formatYuan and formatFenRange (R18)', () => {
  it.each([
    [0, '0.00'],
    [1280, '12.80'],
    [-250, '-2.50'],
  ])('when the amount is %i fen, then the yuan without ¥ read %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text)
  })

  it.each([
    ['no prices', [], ''],
    ['one price', [1280], '¥12.80'],
    ['equal prices', [1280, 1280], '¥12.80'],
    ['different prices, lowest first whatever the order, with an en dash', [4250, 3990, 4000], '¥39.90–¥42.50'],
  ])('when %s, then the range reads right', (_case, prices, text) => {
    expect(formatFenRange(prices)).toBe(text)
  })
})

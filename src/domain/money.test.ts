import { describe, expect, it } from 'vitest'
import { formatFen } from './money'

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

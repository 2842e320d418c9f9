import { describe, expect, it } from 'vitest'
import { NEW_COUNT_MAX, newCountLabel } from './feed-rules'

describe('newCountLabel', () => {
  it.each([
    [1, '1'],
    [99, '99'],
    [NEW_COUNT_MAX, '99+'],
  ])('when %i new items are counted, then the badge reads %s', (count, label) => {
    expect(newCountLabel(count)).toBe(label)
  })
})

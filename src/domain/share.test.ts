import { describe, expect, it } from 'vitest'
import { api } from './api'
import { combinedState, isShareToken, priceLine, sharePath, shareText } from './share-rules'

describe('share text (R16)', () => {
  it.each([
    [[12900], '💰 ¥129.00'],
    [[5980, 12900, 8000], '💰 ¥59.80 起'],
    [[], null],
  ])('when the retail prices are %j, then the price line is %j', (prices, line) => {
    expect(priceLine(prices)).toBe(line)
  })

  it('when the price line is on, then it follows the text; off, only the text is copied', () => {
    expect(shareText('新款连衣裙\n', '💰 ¥129.00', true)).toBe('新款连衣裙\n💰 ¥129.00')
    expect(shareText('新款连衣裙', '💰 ¥129.00', false)).toBe('新款连衣裙')
    expect(shareText('新款连衣裙', null, true)).toBe('新款连衣裙')
  })

  it('when a token is made into a path or checked, then only 16 lowercase letters and digits pass', () => {
    expect(sharePath('abcdefgh23456789')).toBe('pages/share/index?token=abcdefgh23456789')
    expect(isShareToken('abcdefgh23456789')).toBe(true)
    expect(isShareToken('abcdefgh2345678')).toBe(false)
    expect(isShareToken('ABCDEFGH23456789')).toBe(false)
    expect(isShareToken('abcdefgh2345678/')).toBe(false)
  })

  it.each([
    [{ productId: 'p' }, true],
    [{ postId: 'x' }, true],
    [{ productId: 'p', postId: 'x' }, false],
    [{}, false],
  ])('when feed.share gets %j, then valid is %s', (input, valid) => {
    expect(api.feed.share.input.safeParse(input).success).toBe(valid)
  })
})

describe('the state of a card of several products (我的转发)', () => {
  it.each([
    [['off_sale', 'on_sale', 'expiring'], 'on_sale'],
    [['off_sale', 'expiring'], 'expiring'],
    [['off_sale'], 'off_sale'],
    [[], 'off_sale'],
  ] as const)('when its products are %j, then the card is %s', (states, state) => {
    expect(combinedState(states)).toBe(state)
  })
})

import { describe, expect, it } from 'vitest'
import { agentPrice, currentTierPrices, defaultTier, effectiveTier, priceForTier, sortTiers } from './tiers'

const tiers = [
  { id: 'gold', name: '金牌代理', rank: 2 },
  { id: 'normal', name: '普通代理', rank: 1 },
  { id: 'diamond', name: '钻石代理', rank: 3 },
]
const spec = { price: 1000, tierPrices: { gold: 900, diamond: 800, deleted: 100 } }

describe('tiers (R11)', () => {
  it('when tiers are stored out of order, then they sort by rank without changing the input', () => {
    expect(sortTiers(tiers).map((t) => t.id)).toEqual(['normal', 'gold', 'diamond'])
    expect(tiers[0]?.id).toBe('gold')
  })

  it('when asked for the default tier, then it is rank 1, and none for a list not loaded yet', () => {
    expect(defaultTier(tiers)?.id).toBe('normal')
    expect(defaultTier([])).toBeNull()
    expect(effectiveTier([], 'gold')).toBeNull()
  })

  it.each([
    ['gold', 'gold'],
    ['diamond', 'diamond'],
    ['deleted', 'normal'],
    ['', 'normal'],
  ])('when a binding names tier %j, then its effective tier is %s', (tierId, expected) => {
    expect(effectiveTier(tiers, tierId)?.id).toBe(expected)
  })

  it('when a deleted tier still has a price on a spec, then it is not current', () => {
    expect(currentTierPrices(spec.tierPrices, tiers)).toEqual({ gold: 900, diamond: 800 })
  })

  it.each([
    ['gold', 900],
    ['diamond', 800],
    ['normal', 1000],
    ['__proto__', 1000],
    ['toString', 1000],
  ])('when the tier is %s, then the price is %i fen', (tierId, price) => {
    expect(priceForTier(spec, tierId)).toBe(price)
  })

  it.each([
    ['gold', 900],
    ['normal', 1000],
    ['deleted', 1000],
  ])('when an agent is bound in tier %s, then it pays %i fen (a deleted tier pays as rank 1)', (tierId, price) => {
    expect(agentPrice(spec, tiers, tierId)).toBe(price)
  })
})

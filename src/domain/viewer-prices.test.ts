import { describe, expect, it } from 'vitest'
import { NO_MARKUPS, type AgentMarkups } from './markup-rules'
import { priceSpan } from './money'
import { customerPrices, specPriceFor, viewerPrices, type AgentPricing, type PricedSpec } from './viewer-prices'

const tiers = [
  { id: 'normal', name: '普通代理', rank: 1 },
  { id: 'gold', name: '金牌代理', rank: 2 },
]
const red: PricedSpec = { price: 5000, tierPrices: { normal: 4800, gold: 4000 }, retailPrice: 12900 }
const blue: PricedSpec = { price: 6000, tierPrices: { gold: 5500 } }
const product = { _id: 'p1', specs: [red, blue] }
const agent = (tierId: string, markups: AgentMarkups = NO_MARKUPS): AgentPricing => ({ role: 'agent', tiers, tierId, markups })
const fixed = (value: number) => ({ kind: 'fixed', value, roundUp: false }) as const

describe("the viewer's prices (R9, R11, R16)", () => {
  it.each([
    ['the owner: base prices, no retail price at all', { role: 'owner' } as const, [{ price: 5000 }, { price: 6000 }]],
    [
      'an agent of the default tier: its tier price, or the base price where its tier has none; default markup +20 % to whole yuan',
      agent('normal'),
      [
        { price: 4800, retail: 5800 },
        { price: 6000, retail: 7200 },
      ],
    ],
    [
      'an agent of a higher tier',
      agent('gold'),
      [
        { price: 4000, retail: 4800 },
        { price: 5500, retail: 6600 },
      ],
    ],
    [
      'an agent on a deleted tier: priced as the default tier, never the deleted tier',
      agent('deleted'),
      [
        { price: 4800, retail: 5800 },
        { price: 6000, retail: 7200 },
      ],
    ],
    [
      "an agent's default for the supplier",
      agent('gold', { supplier: fixed(1000), products: {} }),
      [
        { price: 4000, retail: 5000 },
        { price: 5500, retail: 6500 },
      ],
    ],
    [
      "an agent's own markup for this product beats its default",
      agent('gold', { supplier: fixed(1000), products: { p1: fixed(300), other: fixed(9900) } }),
      [
        { price: 4000, retail: 4300 },
        { price: 5500, retail: 5800 },
      ],
    ],
    [
      'the suggested retail price, and the default markup for a spec without one',
      agent('normal', { supplier: { kind: 'suggested', value: 0, roundUp: false }, products: {} }),
      [
        { price: 4800, retail: 12900 },
        { price: 6000, retail: 7200 },
      ],
    ],
  ])('when %s, then each spec shows that', (_case, viewer, expected) => {
    expect(viewerPrices(product, viewer)).toEqual(expected)
    expect(product.specs.map((spec) => specPriceFor(viewer, product._id, spec))).toEqual(expected)
  })

  it("when a customer opens an agent's share, then it sees the agent's retail prices only, of every spec of every product", () => {
    const other = { _id: 'p2', specs: [{ price: 1000, tierPrices: {} }] }
    const markups = { supplier: null, products: { p2: fixed(50) } }
    expect(customerPrices([product, other], agent('gold', markups))).toEqual([4800, 6600, 1050])
    expect(customerPrices([], agent('gold'))).toEqual([])
  })

  it('when a product has no specs, then there is nothing to show and no span', () => {
    expect(viewerPrices({ _id: 'p0', specs: [] }, agent('gold'))).toEqual([])
    expect(priceSpan([])).toBeNull()
    expect(priceSpan([5000])).toEqual({ min: 5000, max: 5000 })
    expect(priceSpan([6600, 4800, 5000])).toEqual({ min: 4800, max: 6600 })
  })
})

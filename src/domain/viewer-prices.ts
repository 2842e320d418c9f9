import { markupForProduct, retailPriceOf, type AgentMarkups } from './markup-rules'
import type { Spec } from './product'
import type { Tier } from './supplier'
import { agentPrice } from './tiers'

/**
 * The viewer's prices, in one place (R9, R11, R16): a bound agent sees its own tier's purchase price
 * and its retail price under its markup; the owner, previewing its shop as agents see it, the base
 * price and no retail price (it has no markup of its own, and no agent's applies to it); a customer
 * of an agent only that agent's retail price. The feed, the posts, sharing and orders price with
 * these, so no two pages can disagree. Zod-free: the app may show them too.
 */

/** A bound agent, as its binding prices: the supplier's tiers, the agent's tier and its markups. */
export interface AgentPricing {
  role: 'agent'
  tiers: readonly Tier[]
  tierId: string
  markups: AgentMarkups
}

export type PriceViewer = AgentPricing | { role: 'owner' }

export type PricedSpec = Pick<Spec, 'price' | 'tierPrices' | 'retailPrice'>

/** One spec as the viewer sees it: `price` is what the viewer pays (or the base price for the owner). */
export interface ViewerSpecPrice {
  price: number
  /** The agent's retail price; absent for the owner. */
  retail?: number
}

function agentSpecPrice(productId: string, spec: PricedSpec, agent: AgentPricing): Required<ViewerSpecPrice> {
  const price = agentPrice(spec, agent.tiers, agent.tierId)
  // R16: from the current purchase price whenever shown, never stored.
  const retail = retailPriceOf({ purchasePrice: price, suggestedRetail: spec.retailPrice }, markupForProduct(agent.markups, productId))
  return { price, retail }
}

/** One spec of a product at the viewer's prices (an order line's unit price is its `price`). */
export function specPriceFor(viewer: PriceViewer, productId: string, spec: PricedSpec): ViewerSpecPrice {
  return viewer.role === 'owner' ? { price: spec.price } : agentSpecPrice(productId, spec, viewer)
}

/** Each spec of the product, in order, at the viewer's prices. */
export function viewerPrices(product: { _id: string; specs: readonly PricedSpec[] }, viewer: PriceViewer): ViewerSpecPrice[] {
  return product.specs.map((spec) => specPriceFor(viewer, product._id, spec))
}

/** What the agent's customers see of these products: the agent's retail price of every spec, nothing else. */
export function customerPrices(products: ReadonlyArray<{ _id: string; specs: readonly PricedSpec[] }>, agent: AgentPricing): number[] {
  return products.flatMap((product) => product.specs.map((spec) => agentSpecPrice(product._id, spec, agent).retail))
}

import type { Spec } from './product'
import type { Tier } from './supplier'

/**
 * R11 in one place: a supplier's ordered tiers (分销商等级), which one a binding is in, and the price
 * an agent pays. Pure: the functions and the pages both use these.
 */

/** Tiers in rank order; rank 1 first. */
export function sortTiers<T extends Pick<Tier, 'rank'>>(tiers: readonly T[]): T[] {
  return [...tiers].sort((a, b) => a.rank - b.rank)
}

/**
 * Rank 1: where new agents start, and where agents of a deleted tier go. A stored supplier always
 * has one (R11); null only for a list not loaded yet (pages) or broken data (the server refuses it).
 */
export function defaultTier<T extends Pick<Tier, 'rank'>>(tiers: readonly T[]): T | null {
  return sortTiers(tiers)[0] ?? null
}

/**
 * The tier a binding is in. A binding naming a tier that no longer exists (a bind or setTier that
 * lost a race with saveTiers, or a saveTiers stopped between its two writes) counts as the default
 * tier, which is exactly where saveTiers moves such agents: a deleted tier's prices never apply.
 */
export function effectiveTier<T extends Pick<Tier, 'id' | 'rank'>>(tiers: readonly T[], tierId: string): T | null {
  return tiers.find((tier) => tier.id === tierId) ?? defaultTier(tiers)
}

/**
 * The tier prices that still mean something: those of existing tiers. A deleted tier's price may
 * linger in a stored spec; it never applies and is not shown again (its id never comes back).
 */
export function currentTierPrices(
  tierPrices: Readonly<Record<string, number>>,
  tiers: readonly Pick<Tier, 'id'>[],
): Record<string, number> {
  const ids = new Set(tiers.map((tier) => tier.id))
  return Object.fromEntries(Object.entries(tierPrices).filter(([tierId]) => ids.has(tierId)))
}

/** R11: an agent pays its tier's price, or the spec's base price where its tier has none. */
export function priceForTier(spec: Pick<Spec, 'price' | 'tierPrices'>, tierId: string): number {
  return Object.prototype.hasOwnProperty.call(spec.tierPrices, tierId) ? (spec.tierPrices[tierId] as number) : spec.price
}

/** What an agent of this binding pays for the spec: its effective tier's price (R11). */
export function agentPrice(spec: Pick<Spec, 'price' | 'tierPrices'>, tiers: readonly Tier[], bindingTierId: string): number {
  const tier = effectiveTier(tiers, bindingTierId)
  return tier ? priceForTier(spec, tier.id) : spec.price
}

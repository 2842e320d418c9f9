import type { AgentSpec } from '@/domain/feed'
import { formatFenRange } from '@/domain/money'
import { productPictures } from '@/domain/product-rules'

/** The agent's own price (R11) as one amount, or the range when specs differ: ¥55.80–¥59.80. */
export function priceRange(specs: ReadonlyArray<Pick<AgentSpec, 'price'>>): string {
  return formatFenRange(specs.map((s) => s.price))
}

/** The images a card shows: every spec's, in spec order, without repeats, at most nine (3×3). */
export function productImages(specs: ReadonlyArray<Pick<AgentSpec, 'images'>>): string[] {
  return productPictures(specs)
}

import type { AgentSpec } from '@/domain/feed'
import { formatFen } from '@/domain/money'
import { SPEC_IMAGES_MAX } from '@/domain/product-rules'

/** The agent's own price (R11) as one amount, or the range when specs differ: ¥55.80-¥59.80. */
export function priceRange(specs: ReadonlyArray<Pick<AgentSpec, 'price'>>): string {
  if (specs.length === 0) return ''
  const prices = specs.map((s) => s.price)
  const min = Math.min(...prices)
  const max = Math.max(...prices)
  return min === max ? formatFen(min) : `${formatFen(min)}-${formatFen(max)}`
}

/** The images a card shows: every spec's, in spec order, without repeats, at most nine (3×3). */
export function productImages(specs: ReadonlyArray<Pick<AgentSpec, 'images'>>): string[] {
  const seen = new Set<string>()
  for (const spec of specs) {
    for (const url of spec.images) {
      if (seen.size >= SPEC_IMAGES_MAX) return [...seen]
      seen.add(url)
    }
  }
  return [...seen]
}

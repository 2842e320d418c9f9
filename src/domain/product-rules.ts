import { DAY_MS } from './time'

/** The limits of a product (R4, R8), without zod: the feed's cards use them in the main package, which zod would outgrow. */
export const DESCRIPTION_MAX = 500
export const SPEC_IMAGES_MAX = 9
export const SPECS_MAX = 50
export const SPEC_NAME_MAX = 30
/** R8: a product is on sale for 30 days from publishing or relisting. */
export const PRODUCT_VALIDITY_MS = 30 * DAY_MS
/** Lists highlight products leaving the shelf within three days. */
export const EXPIRING_SOON_MS = 3 * DAY_MS
/** ¥1,000,000.00: above any wholesale unit price, below float trouble. */
export const PRICE_MAX_FEN = 100_000_000
export const STOCK_MAX = 10_000_000

/**
 * A product's pictures as cards, shares and posters show them: every spec's, in spec order, without
 * repeats, at most nine (a 3×3 grid, Moments' limit). Works on file IDs and on URLs alike.
 */
export function productPictures(specs: ReadonlyArray<{ images: readonly string[] }>): string[] {
  const seen = new Set<string>()
  for (const spec of specs) {
    for (const image of spec.images) {
      if (seen.size >= SPEC_IMAGES_MAX) return [...seen]
      seen.add(image)
    }
  }
  return [...seen]
}

/** A product's thumbnail: its first picture (of the first spec that has one), or '' for none. */
export function productThumbnail(specs: ReadonlyArray<{ images: readonly string[] }>): string {
  return specs.find((spec) => spec.images.length > 0)?.images[0] ?? ''
}

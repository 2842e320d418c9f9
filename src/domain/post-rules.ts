import { firstLine, truncate } from './text-rules'

// The limits and the excerpt of a post, without zod: the feed's post cards use them in the main package, which zod would outgrow.

/** R14 微供动态: Moments-style text, 0–9 pictures, 1–9 linked products of the same supplier. */
export const POST_TEXT_MAX = 500
export const POST_IMAGES_MAX = 9
export const POST_PRODUCTS_MAX = 9

/** The first line of a text, for thumbnails and lists (at most `max` code points). */
export function excerpt(text: string, max = 40): string {
  return truncate(firstLine(text), max)
}

import { oneLine, truncate } from './text-rules'

// Zod-free: the product page's order bar names items with it, and zod stays out of the main package.

/** The first characters of a description, for a product's name in a list or a file. */
export function shortTitle(description: string, max = 20): string {
  return truncate(oneLine(description), max)
}

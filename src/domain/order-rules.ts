// Zod-free: the product page's order bar names items with it, and zod stays out of the main package.

/** The first characters of a description, for a product's name in a list or a file. */
export function shortTitle(description: string, max = 20): string {
  const oneLine = description.replace(/\s+/g, ' ').trim()
  const chars = Array.from(oneLine)
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : oneLine
}

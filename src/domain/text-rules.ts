/**
 * Cutting text for titles, excerpts and lists, zod-free for the pages of the main package. Lengths
 * count Unicode code points, as everywhere (domain/text): an emoji is never cut in half.
 */

/** At most `max` code points, with 「…」 after a text that was cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text
}

/** The text on one line: every run of whitespace (line breaks included) one space, trimmed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** The first line that has something on it, trimmed. */
export function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim() !== '') ?? '').trim()
}

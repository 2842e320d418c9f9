/**
 * What a keyed submission submits, as one text: the app takes a new idempotency key when it changes,
 * and the functions refuse a key sent again with another content (its first answer would be about
 * something else — an order shipped to the consignee before the edit). Object keys are sorted and
 * absent or undefined fields dropped, so the same content always reads the same, however it was built.
 * Pure and zod-free: the app's pages import it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, field]) => field !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`
}

/** The key of the last submission and what it submitted. */
export interface SubmissionKey {
  content: string
  key: string
}

/**
 * The key to send with `submitted`: the last one while the content is the same (重试 after a lost
 * answer, a double tap: the functions answer the first try's record), a `fresh()` one once anything
 * submitted changed (another item, another consignee, another note: another submission).
 */
export function nextSubmissionKey(last: SubmissionKey | null, submitted: unknown, fresh: () => string): SubmissionKey {
  const content = canonicalJson(submitted)
  return last?.content === content ? last : { content, key: fresh() }
}

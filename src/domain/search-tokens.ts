/**
 * The search index's words (docs/decisions/search.md). CloudBase has no full-text index, so a
 * product or post keeps the tokens of its text in an indexed array field, and a query looks one of
 * its own tokens up there and checks the rest in memory. Pure and zod-free: the functions write the
 * tokens, the search page shows what a query looks for.
 *
 * - Text is normalised (NFKC: full-width letters and digits become ASCII; lower case).
 * - A run of Chinese characters gives every pair of neighbours (bigrams) and every character, so
 *   that 「碎花连衣裙」 finds 「2026春季新款碎花连衣裙」 without spaces, and one character finds too.
 * - A run of Latin letters or digits is one whole word (「2026」, 「xl」).
 * - Anything else (spaces, punctuation, emoji) separates runs.
 */

/** Tokens kept per record at most: a full description and 20 spec names stay well inside. */
export const INDEX_TOKENS_MAX = 600
/** Query text longer than this is cut (the search box's own limit is the same). */
export const QUERY_MAX = 50

const HAN = /\p{Script=Han}/u
const WORD = /[\p{L}\p{N}]/u

type Run = { han: boolean; text: string }

export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase()
}

function runsOf(text: string): Run[] {
  const runs: Run[] = []
  let current: Run | null = null
  for (const ch of normaliseText(text)) {
    const han = HAN.test(ch)
    if (!han && !WORD.test(ch)) {
      current = null
      continue
    }
    if (current && current.han === han) current.text += ch
    else {
      current = { han, text: ch }
      runs.push(current)
    }
  }
  return runs
}

function bigrams(chars: string[]): string[] {
  return chars.slice(1).map((ch, i) => `${chars[i]}${ch}`)
}

/** The tokens stored on a record for these texts (description, spec names…), unique, at most INDEX_TOKENS_MAX. */
export function indexTokens(texts: readonly string[]): string[] {
  const tokens = new Set<string>()
  for (const run of texts.flatMap(runsOf)) {
    if (!run.han) tokens.add(run.text)
    else {
      const chars = [...run.text]
      for (const token of bigrams(chars)) tokens.add(token)
      for (const ch of chars) tokens.add(ch)
    }
  }
  return [...tokens].slice(0, INDEX_TOKENS_MAX)
}

/**
 * What a query must find, all of them: a Chinese run's bigrams (its character when it is one
 * character long), and whole Latin or number words. Empty for a query of spaces or punctuation only.
 */
export function queryTokens(query: string): string[] {
  const tokens = new Set<string>()
  for (const run of runsOf(query.slice(0, QUERY_MAX))) {
    const chars = [...run.text]
    if (!run.han || chars.length === 1) tokens.add(run.text)
    else for (const token of bigrams(chars)) tokens.add(token)
  }
  return [...tokens]
}

/**
 * The token the database looks up: the one likely to match fewest records. Longer words are rarer
 * than bigrams, and bigrams than single characters; among equals the first (in a product's words
 * the qualifiers come first: 「碎花」 before 「衣裙」).
 */
export function lookupToken(tokens: readonly string[]): string | undefined {
  let best: string | undefined
  for (const token of tokens) if (best === undefined || [...token].length > [...best].length) best = token
  return best
}

/** Whether a record's stored tokens hold every token of the query. */
export function matchesAll(stored: readonly string[], wanted: readonly string[]): boolean {
  const have = new Set(stored)
  return wanted.every((token) => have.has(token))
}

/** A product's tokens: its description and its specs' names. */
export function productTokens(product: { description: string; specs: ReadonlyArray<{ name: string }> }): string[] {
  return indexTokens([product.description, ...product.specs.map((spec) => spec.name)])
}

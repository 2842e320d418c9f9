import { fillProductTokens, listProductsLackingTokens } from './store/product-search'
import { fillPostTokens, listPostsLackingTokens } from './store/post-search'
import { findMigration, saveMigration } from './store/migrations'

/** Records per batch and batches per run: one run stays well inside the timer's timeout. */
const BATCH = 100
const MAX_BATCHES = 20

/**
 * Gives every record written before search covered it its search tokens, once: a step of the
 * `expire` timer, as the binding copies' migration (docs/decisions/binding-copies.md) — it walks
 * the records lacking tokens in `_id` order, a bounded number per run, remembers where it stopped,
 * and marks itself done, after which a run costs one read. New and edited records get their tokens
 * from their one writer (store/products, store/posts). See docs/decisions/search.md.
 */
async function finishTokens<T extends { _id: string }>(
  migration: string,
  at: number,
  lacking: (after: string, count: number) => Promise<T[]>,
  fill: (record: T) => Promise<void>,
): Promise<{ tokenised: number; done: boolean }> {
  const state = await findMigration(migration)
  if (state?.doneAt) return { tokenised: 0, done: true }
  let after = state?.after ?? ''
  let tokenised = 0
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const records = await lacking(after, BATCH)
    for (const record of records) await fill(record)
    tokenised += records.length
    after = records.at(-1)?._id ?? after
    if (records.length < BATCH) {
      await saveMigration(migration, { after, doneAt: at })
      return { tokenised, done: true }
    }
    await saveMigration(migration, { after, doneAt: null })
  }
  return { tokenised, done: false }
}

export async function finishProductTokens(at: number): Promise<{ tokenisedProducts: number; done: boolean }> {
  const { tokenised, done } = await finishTokens('product-tokens', at, listProductsLackingTokens, fillProductTokens)
  return { tokenisedProducts: tokenised, done }
}

export async function finishPostTokens(at: number): Promise<{ tokenisedPosts: number; done: boolean }> {
  const { tokenised, done } = await finishTokens('post-tokens', at, listPostsLackingTokens, fillPostTokens)
  return { tokenisedPosts: tokenised, done }
}

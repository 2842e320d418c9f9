import { fillProductTokens, listProductsLackingTokens } from './store/product-search'
import { findMigration, saveMigration } from './store/migrations'

/** Products per batch and batches per run: one run stays well inside the timer's timeout. */
const BATCH = 100
const MAX_BATCHES = 20
const MIGRATION = 'product-tokens'

/**
 * Gives every product written before search existed its search tokens, once: a step of the
 * `expire` timer, as the binding copies' migration (docs/decisions/binding-copies.md) — it walks
 * the products lacking tokens in `_id` order, a bounded number per run, remembers where it stopped,
 * and marks itself done, after which a run costs one read. New and edited products get their tokens
 * from their one writer (store/products). See docs/decisions/search.md.
 */
export async function finishProductTokens(at: number): Promise<{ tokenisedProducts: number; done: boolean }> {
  const state = await findMigration(MIGRATION)
  if (state?.doneAt) return { tokenisedProducts: 0, done: true }
  let after = state?.after ?? ''
  let tokenisedProducts = 0
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const lacking = await listProductsLackingTokens(after, BATCH)
    for (const product of lacking) await fillProductTokens(product)
    tokenisedProducts += lacking.length
    after = lacking.at(-1)?._id ?? after
    if (lacking.length < BATCH) {
      await saveMigration(MIGRATION, { after, doneAt: at })
      return { tokenisedProducts, done: true }
    }
    await saveMigration(MIGRATION, { after, doneAt: null })
  }
  return { tokenisedProducts, done: false }
}

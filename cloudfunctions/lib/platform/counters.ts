import { command, db, isDuplicateKeyError } from './cloud'

/**
 * A counter document (a supplier's day, a share statistic): its `_id` is its key, so a writer needs
 * no read first. Adds `counts` to its counters (zero ones are skipped); the first writer creates it
 * with `fields` and every other counter of `zero` at 0; two first writers meet at the unique `_id`
 * and the loser adds to the winner's. Increments only, so writers never undo each other.
 */
export async function addToCounters<K extends string>(
  collection: () => ReturnType<typeof db.collection>,
  id: string,
  fields: Record<string, unknown>,
  zero: Readonly<Record<K, number>>,
  counts: Partial<Record<K, number>>,
): Promise<void> {
  const entries = Object.entries(counts).filter(([, n]) => n !== undefined && n !== 0) as Array<[K, number]>
  if (entries.length === 0) return
  const doc = () => collection().doc(id)
  const increments = Object.fromEntries(entries.map(([key, n]) => [key, command.inc(n)]))
  const updated = ((await doc().update({ data: increments })) as { stats: { updated: number } }).stats.updated
  if (updated > 0) return
  try {
    await collection().add({ data: { _id: id, ...fields, ...zero, ...Object.fromEntries(entries) } })
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error
    await doc().update({ data: increments })
  }
}

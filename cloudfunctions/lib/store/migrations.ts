import { command, db, rowsOf } from '../platform/cloud'

/**
 * One-off data migrations that run as a step of a timer (docs/decisions/binding-copies.md): where
 * each stopped, and when it finished. One document per migration, keyed by its name.
 */
export interface MigrationState {
  /** The `_id` the walk has passed; '' before the first batch. */
  after: string
  /** When the migration finished; null while it runs. */
  doneAt: number | null
}

const migrations = () => db.collection('migrations')

/** Null until the migration's first batch. */
export async function findMigration(name: string): Promise<MigrationState | null> {
  const [row] = await rowsOf<MigrationState>(migrations().where({ _id: name }).field({ after: true, doneAt: true }).limit(1).get())
  return row ? { after: row.after, doneAt: row.doneAt } : null
}

export async function saveMigration(name: string, state: MigrationState): Promise<void> {
  await migrations()
    .doc(name)
    .set({ data: { after: state.after, doneAt: state.doneAt } })
}

/** The collections a data migration walks or rewrites, each named literally (the build checks every name used). */
const walked = {
  users: () => db.collection('users'),
  products: () => db.collection('products'),
  posts: () => db.collection('posts'),
  bindings: () => db.collection('bindings'),
}
export type WalkedCollection = keyof typeof walked

/**
 * Up to `limit` documents of `collection` after `after` (by `_id`), with `fields`: one batch of a
 * migration's walk over a whole collection.
 */
export async function listAfter<T extends { _id: string }>(
  collection: WalkedCollection,
  after: string,
  limit: number,
  fields: Record<string, true>,
): Promise<T[]> {
  return rowsOf<T>(
    walked[collection]()
      .where({ _id: command.gt(after) })
      .orderBy('_id', 'asc')
      .limit(limit)
      .field({ _id: true, ...fields })
      .get(),
  )
}

/**
 * Sets `data` on the documents matching `where` (which names what the migration read, so a change
 * made since is never overwritten); answers how many were updated.
 */
export async function setWhere(
  collection: WalkedCollection,
  where: Record<string, unknown>,
  data: Record<string, unknown>,
): Promise<number> {
  const values = Object.fromEntries(
    Object.entries(data).map(([field, value]) => [field, Array.isArray(value) ? command.set(value) : value]),
  )
  const { stats } = (await walked[collection]().where(where).update({ data: values })) as { stats: { updated: number } }
  return stats.updated
}

import { db, rowsOf } from '../platform/cloud'

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

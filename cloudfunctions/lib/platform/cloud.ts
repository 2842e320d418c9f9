import cloud from 'wx-server-sdk'

// DYNAMIC_CURRENT_ENV: the function talks to the environment it is deployed in (and, locally, to the
// local cloud named by TCB_CONTEXT_CNFG).
// The SDK's typings declare DYNAMIC_CURRENT_ENV as a symbol but `env` as a string; the SDK accepts it.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

export { cloud }
export const db = cloud.database()
export const command = db.command

/** CloudBase (a MongoDB underneath) reports unique-index violations as E11000. */
export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof Error && /E11000|duplicate key/i.test(error.message)
}

/*
 * The SDK's typings answer `string | void | Result` for every call (they also cover the old callback
 * style). These narrow a promised result to what the promise style always resolves to.
 */
export async function rowsOf<T>(pending: unknown): Promise<T[]> {
  return ((await pending) as { data: T[] }).data
}

export async function totalOf(pending: unknown): Promise<number> {
  return ((await pending) as { total: number }).total
}

export async function insertedIdOf(pending: unknown): Promise<string> {
  return ((await pending) as { _id: string })._id
}

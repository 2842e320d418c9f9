import { AppError } from '@/domain/errors'
import { db } from './cloud'

/**
 * The one way to write several documents together (tier lists today; an order and its stock
 * tomorrow). Transactions here use document operations only (WeChat's guide allows no `where` in a
 * transaction; CloudBase answers `where().get()` from the snapshot but locks nothing, database.md §7)
 * and read a snapshot; a concurrent write to the same document conflicts and the callback runs
 * again. The callback must therefore only read and write through `tx`, and may run more than once.
 */
export interface TransactionDocument<T> {
  get(): Promise<{ data: T }>
  set(options: { data: Omit<T, '_id'> }): Promise<unknown>
  update(options: { data: Record<string, unknown> }): Promise<unknown>
  remove(): Promise<unknown>
}

export interface TransactionCollection<T> {
  doc(id: string): TransactionDocument<T>
  add(options: { data: Omit<T, '_id'> & { _id?: string } }): Promise<{ _id: string }>
}

export interface Transaction {
  collection<T>(name: string): TransactionCollection<T>
}

/** Runs of the callback before a conflict is answered as CONFLICT. */
const ATTEMPTS = 10

/**
 * CloudBase answers a write to a document that another open transaction has written, or that changed
 * after this transaction's snapshot, with DATABASE_TRANSACTION_CONFLICT at that write (and ends the
 * transaction). wx-server-sdk 4.0.2 drops the `code` when it wraps an error of a document operation
 * (the callback gets errCode -501001, the server's text in errMsg), so the SDK's own retry, which
 * looks at `code` only, never runs for it: the conflict is recognised by CloudBase's text here (and
 * by `code` when a commit answers it), and the whole transaction runs again.
 */
function isConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, message, errMsg } = error as { code?: unknown; message?: unknown; errMsg?: unknown }
  return code === 'DATABASE_TRANSACTION_CONFLICT' || /TransactionConflict|TRANSACTION_CONFLICT/.test(`${String(message)} ${String(errMsg)}`)
}

/** A short random pause, growing with the attempt, so that racing writers do not meet again at once. */
function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 10 * attempt)))
}

/**
 * Runs `work` in a transaction. What `work` throws aborts it and reaches the caller unchanged (an
 * AppError stays an AppError); a conflict re-runs it, and one that outlives the retries is CONFLICT,
 * never INTERNAL.
 */
export async function inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      // 0: the SDK's retry is left out, every conflict comes back here.
      return (await db.runTransaction(async (tx: Transaction) => work(tx), 0)) as T
    } catch (error) {
      if (error instanceof AppError || !isConflict(error)) throw error
      if (attempt >= ATTEMPTS) throw new AppError('CONFLICT', '数据刚刚被修改，请刷新后重试')
      await pause(attempt)
    }
  }
}

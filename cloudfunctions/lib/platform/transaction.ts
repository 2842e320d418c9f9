import { AppError } from '@/domain/errors'
import { db } from './cloud'

/**
 * The one way to write several documents together (tier lists today; an order and its stock
 * tomorrow). CloudBase transactions offer document operations only (no `where` queries), and re-run
 * the callback when a concurrent write conflicts; the callback must therefore only read and write
 * through `tx`, and may run more than once.
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

/** Runs of the callback before a conflict is answered as CONFLICT (the SDK's default is 3). */
const ATTEMPTS = 10

function isConflict(error: unknown): boolean {
  return error instanceof Error && /TRANSACTION_CONFLICT|conflict/i.test(`${(error as { code?: string }).code ?? ''} ${error.message}`)
}

/**
 * Runs `work` in a transaction. What `work` throws aborts it and reaches the caller unchanged (an
 * AppError stays an AppError); a conflict that outlives the retries is CONFLICT, never INTERNAL.
 */
export async function inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  try {
    return (await db.runTransaction(async (tx: Transaction) => work(tx), ATTEMPTS)) as T
  } catch (error) {
    if (error instanceof AppError) throw error
    if (isConflict(error)) throw new AppError('CONFLICT', '数据刚刚被修改，请刷新后重试')
    throw error
  }
}

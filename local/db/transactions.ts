/**
 * Transactions (db.runTransaction / db.startTransaction) with optimistic concurrency:
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Database.runTransaction.html
 *
 * Inside a transaction only document operations exist (doc get/update/set/remove, collection add).
 * Reads see the transaction's own buffered writes over committed data and remember the rev they
 * saw; writes are buffered. Commit checks, inside one SQLite transaction, that every document the
 * transaction read or wrote still has that rev (0 = still absent), then applies the writes. Any
 * difference answers DATABASE_TRANSACTION_CONFLICT, the one answer on which the SDK re-runs the
 * callback (docs/cloudbase/database.md §7), so concurrent read-modify-write callbacks serialize.
 */
import { randomBytes } from 'node:crypto'
import { CloudApiError } from './errors'
import { Store } from './store'
import { Doc, cloneValue } from './values'

/** Transactions left open longer than this are discarded (production also times them out). */
export const TRANSACTION_TTL_MS = 30_000

interface Tx {
  id: string
  startedAt: number
  /** key → rev seen when first read (0: the document did not exist). */
  reads: Map<string, number>
  /** key → new document, or null for a removal. */
  writes: Map<string, { collection: string; id: string; doc: Doc | null }>
}

function key(collection: string, id: string): string {
  return `${collection}\u0000${id}`
}

export class Transactions {
  private readonly open = new Map<string, Tx>()

  /** `clock` is real elapsed time: the local cloud's business clock may be moved forward by tests. */
  constructor(
    private readonly store: Store,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  start(): string {
    this.sweep()
    const id = `tx-${randomBytes(12).toString('hex')}`
    this.open.set(id, { id, startedAt: this.clock(), reads: new Map(), writes: new Map() })
    return id
  }

  private tx(id: unknown): Tx {
    this.sweep()
    const tx = typeof id === 'string' ? this.open.get(id) : undefined
    if (tx === undefined) {
      throw new CloudApiError('DATABASE_TRANSACTION_FAIL', `transaction ${String(id)} does not exist, has finished or has expired`)
    }
    return tx
  }

  /** Checks that `txId` names an open transaction (before an operation does any work). */
  check(txId: unknown): void {
    this.tx(txId)
  }

  private sweep(): void {
    const now = this.clock()
    for (const [id, tx] of this.open) if (now - tx.startedAt > TRANSACTION_TTL_MS) this.open.delete(id)
  }

  /** The document as the transaction sees it (a copy), recording the committed rev on first read. */
  read(txId: unknown, collection: string, id: string): Doc | undefined {
    const tx = this.tx(txId)
    this.store.requireCollection(collection)
    const k = key(collection, id)
    const buffered = tx.writes.get(k)
    if (buffered !== undefined) return buffered.doc === null ? undefined : cloneValue(buffered.doc)
    const row = this.store.getById(collection, id)
    if (!tx.reads.has(k)) tx.reads.set(k, row?.rev ?? 0)
    return row?.doc
  }

  /** Buffers a new version (or a removal when `doc` is null). The caller has read the document first. */
  write(txId: unknown, collection: string, id: string, doc: Doc | null): void {
    const tx = this.tx(txId)
    tx.writes.set(key(collection, id), { collection, id, doc: doc && cloneValue(doc) })
  }

  commit(txId: unknown): void {
    const tx = this.tx(txId)
    // A commit finishes the transaction whatever its outcome; on a conflict the SDK starts a new one.
    this.open.delete(tx.id)
    this.store.atomic(() => {
      for (const [k, rev] of tx.reads) {
        const [collection, id] = k.split('\u0000')
        if (this.store.revOf(collection, id) !== rev) {
          throw new CloudApiError('DATABASE_TRANSACTION_CONFLICT', `transaction ${tx.id} conflicts with a concurrent write to ${collection}/${id}; retry it`)
        }
      }
      for (const w of tx.writes.values()) {
        const existed = tx.reads.get(key(w.collection, w.id)) !== 0
        if (w.doc === null) {
          if (existed) this.store.remove(w.collection, w.id)
        } else if (existed) this.store.replace(w.collection, w.doc)
        else this.store.insert(w.collection, w.doc)
      }
    })
  }

  abort(txId: unknown): void {
    this.open.delete(this.tx(txId).id)
  }
}

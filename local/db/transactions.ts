/**
 * Transactions (db.runTransaction / db.startTransaction) with CloudBase's snapshot isolation
 * (docs/cloudbase/database.md §7), which is MongoDB's:
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Database.runTransaction.html
 *
 * - A transaction reads the committed state as of its first operation (its snapshot), plus its own
 *   buffered writes: a write committed outside after that is not seen. This holds for `doc().get()`
 *   and for `where().get()` alike (CloudBase's own SDK tests query their own inserts).
 * - A write takes the document's lock. It fails with DATABASE_TRANSACTION_CONFLICT, at that write,
 *   when another open transaction holds the lock or when the document changed after the snapshot;
 *   the conflict ends the transaction (later operations answer DATABASE_TRANSACTION_FAIL).
 * - A plain (non-transactional) write to a locked document waits until the transaction ends.
 * - Commit applies the buffered writes atomically; reads never conflict (write skew is allowed).
 *
 * Snapshots are kept with `rev`, the store's increasing write sequence: while a transaction is open,
 * every write records the state it replaces, so a read at snapshot S finds the state of S.
 */
import { randomBytes } from 'node:crypto'
import { CloudApiError } from './errors'
import type { Predicate } from './matcher'
import { sortBy } from './sort'
import { FindOptions, Store, checkStorable } from './store'
import { Doc, cloneValue } from './values'

/** Transactions left open longer than this are discarded, as production does after 30 s. */
export const TRANSACTION_TTL_MS = 30_000

/** CloudBase's texts (seen in @cloudbase/node-sdk's transaction tests); the SDK passes them on in `errMsg`. */
export const TRANSACTION_CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'
export const TRANSACTION_NOT_EXIST_MESSAGE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'

interface Tx {
  id: string
  startedAt: number
  /** The store's rev at the transaction's first operation; undefined before it. */
  snapshot: number | undefined
  /** key → new document, or null for a removal; every key is locked by this transaction. */
  writes: Map<string, { collection: string; id: string; doc: Doc | null }>
  end: () => void
  ended: Promise<void>
}

/** The state a write replaced (null: absent), superseded at rev `to`. */
interface Version {
  doc: Doc | null
  to: number
}

function key(collection: string, id: string): string {
  return `${collection}\u0000${id}`
}

/** Thrown by a plain write that met a document locked by an open transaction: retry once it ends. */
export class LockWait extends Error {
  constructor(readonly txId: string) {
    super(`waiting for transaction ${txId}`)
  }
}

export class Transactions {
  private readonly open = new Map<string, Tx>()
  /** key → the transaction holding its lock. */
  private readonly locks = new Map<string, Tx>()
  /** key → replaced states, oldest first; kept only while some snapshot may need them. */
  private readonly history = new Map<string, Version[]>()

  /** `clock` is real elapsed time: the local cloud's business clock may be moved forward by tests. */
  constructor(
    private readonly store: Store,
    private readonly clock: () => number = () => performance.now(),
  ) {
    store.beforeWrite = (collection, id, rev) => this.remember(collection, id, rev)
  }

  start(): string {
    this.sweep()
    const id = `tx-${randomBytes(12).toString('hex')}`
    let end = () => {}
    const ended = new Promise<void>((resolve) => (end = resolve))
    this.open.set(id, { id, startedAt: this.clock(), snapshot: undefined, writes: new Map(), end, ended })
    return id
  }

  private tx(id: unknown): Tx {
    this.sweep()
    const tx = typeof id === 'string' ? this.open.get(id) : undefined
    if (tx === undefined) throw new CloudApiError('DATABASE_TRANSACTION_FAIL', TRANSACTION_NOT_EXIST_MESSAGE)
    // MongoDB takes the snapshot at a transaction's first operation, not at its start.
    tx.snapshot ??= this.store.currentRev()
    return tx
  }

  /** Checks that `txId` names an open transaction (before an operation does any work). */
  check(txId: unknown): void {
    this.tx(txId)
  }

  private sweep(): void {
    const now = this.clock()
    for (const tx of this.open.values()) if (now - tx.startedAt > TRANSACTION_TTL_MS) this.finish(tx)
  }

  private finish(tx: Tx): void {
    this.open.delete(tx.id)
    for (const k of tx.writes.keys()) if (this.locks.get(k) === tx) this.locks.delete(k)
    tx.end()
    this.prune()
  }

  /** Drops replaced states no open snapshot can see any more. */
  private prune(): void {
    let oldest = Infinity
    for (const tx of this.open.values()) if (tx.snapshot !== undefined) oldest = Math.min(oldest, tx.snapshot)
    if (oldest === Infinity) {
      this.history.clear()
      return
    }
    for (const [k, versions] of this.history) {
      const kept = versions.filter((v) => v.to > oldest)
      if (kept.length === 0) this.history.delete(k)
      else if (kept.length < versions.length) this.history.set(k, kept)
    }
  }

  /** Store hook, before every write: keep the state being replaced while a snapshot may need it. */
  private remember(collection: string, id: string, rev: number): void {
    let needed = false
    for (const tx of this.open.values()) if (tx.snapshot !== undefined) needed = true
    if (!needed) return
    const k = key(collection, id)
    const versions = this.history.get(k) ?? []
    versions.push({ doc: this.store.getById(collection, id)?.doc ?? null, to: rev })
    this.history.set(k, versions)
  }

  /** The committed document as of rev `at` (a copy), undefined when it did not exist then. */
  private committedAt(collection: string, id: string, at: number): Doc | undefined {
    const replaced = this.history.get(key(collection, id))?.find((v) => v.to > at)
    if (replaced !== undefined) return replaced.doc === null ? undefined : cloneValue(replaced.doc)
    return this.store.getById(collection, id)?.doc
  }

  private changedSince(collection: string, id: string, at: number): boolean {
    if (this.history.get(key(collection, id))?.some((v) => v.to > at)) return true
    return this.store.revOf(collection, id) > at
  }

  /** A write conflict ends the transaction, as MongoDB aborts one on a WriteConflict. */
  private conflict(tx: Tx): never {
    this.finish(tx)
    throw new CloudApiError('DATABASE_TRANSACTION_CONFLICT', TRANSACTION_CONFLICT_MESSAGE)
  }

  /** The document as the transaction sees it (a copy): its own write, else the snapshot's version. */
  read(txId: unknown, collection: string, id: string): Doc | undefined {
    const tx = this.tx(txId)
    this.store.requireCollection(collection)
    const buffered = tx.writes.get(key(collection, id))
    if (buffered !== undefined) return buffered.doc === null ? undefined : cloneValue(buffered.doc)
    return this.committedAt(collection, id, tx.snapshot as number)
  }

  /**
   * The documents of a collection the transaction sees that match `pred` (copies), ordered, skipped and
   * limited as a plain query: the snapshot's committed documents with the transaction's own writes laid
   * over them. Without an order, unchanged documents come first in insertion order (any order is
   * allowed there, database.md §5). A query takes no locks: a document that starts to match after
   * the snapshot is simply not seen (snapshot isolation, as for `doc().get()`).
   */
  find(txId: unknown, collection: string, query: Doc, pred: Predicate, options: FindOptions = {}): Doc[] {
    const tx = this.tx(txId)
    this.store.requireCollection(collection)
    const at = tx.snapshot as number
    const seen = new Map<string, Doc>()
    // A document whose rev is not past the snapshot is unchanged since; the changed ones are in history.
    for (const row of this.store.find(collection, query, pred)) if (row.rev <= at) seen.set(row.id, row.doc)
    const prefix = key(collection, '')
    for (const [k, versions] of this.history) {
      if (!k.startsWith(prefix)) continue
      const then = versions.find((v) => v.to > at)
      if (then !== undefined && then.doc !== null && pred(then.doc)) seen.set(k.slice(prefix.length), cloneValue(then.doc))
    }
    for (const w of tx.writes.values()) {
      if (w.collection !== collection) continue
      if (w.doc !== null && pred(w.doc)) seen.set(w.id, cloneValue(w.doc))
      else seen.delete(w.id)
    }
    const offset = options.offset ?? 0
    const sorted = sortBy([...seen.values()], (d) => d, options.order ?? [])
    return sorted.slice(offset, options.limit === undefined ? undefined : offset + options.limit)
  }

  /** Buffers a new version (or a removal when `doc` is null), taking the document's lock. */
  write(txId: unknown, collection: string, id: string, doc: Doc | null): void {
    const tx = this.tx(txId)
    if (doc !== null) checkStorable(doc)
    const k = key(collection, id)
    const holder = this.locks.get(k)
    if (holder !== undefined && holder !== tx) this.conflict(tx)
    if (holder === undefined && this.changedSince(collection, id, tx.snapshot as number)) this.conflict(tx)
    this.locks.set(k, tx)
    tx.writes.set(k, { collection, id, doc: doc && cloneValue(doc) })
  }

  commit(txId: unknown): void {
    const tx = this.tx(txId)
    try {
      this.store.atomic(() => {
        for (const w of tx.writes.values()) {
          const exists = this.store.revOf(w.collection, w.id) !== 0
          if (w.doc === null) {
            if (exists) this.store.remove(w.collection, w.id)
          } else if (exists) this.store.replace(w.collection, w.doc)
          else this.store.insert(w.collection, w.doc)
        }
      })
    } finally {
      // A commit finishes the transaction whatever its outcome (a unique index may still refuse it).
      this.finish(tx)
    }
  }

  abort(txId: unknown): void {
    this.finish(this.tx(txId))
  }

  /** The open transaction holding the lock of this document, if any. */
  lockedBy(collection: string, id: string): string | undefined {
    this.sweep()
    return this.locks.get(key(collection, id))?.id
  }

  /** Resolves when the transaction ends (commit, abort) or may have expired. */
  async waitFor(txId: string): Promise<void> {
    const tx = this.open.get(txId)
    if (tx === undefined) return
    const left = Math.max(0, tx.startedAt + TRANSACTION_TTL_MS - this.clock()) + 1
    let timer: NodeJS.Timeout | undefined
    await Promise.race([tx.ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, left)))])
    clearTimeout(timer)
  }
}

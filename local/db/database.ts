/**
 * The `database.*` actions of the CloudBase API, as wx-server-sdk@4.0.2 sends them (docs/cloudbase/database.md §2, §7):
 * getDocument, insertDocument, modifyDocument, removeDocument, calculateDocument,
 * aggregateDocuments, addCollection, startTransaction, commitTransaction, abortTransaction.
 * Every action runs synchronously on the SQLite connection, so each request is atomic with
 * respect to every other; a write is answered only after its SQLite transaction committed.
 */
import { randomBytes } from 'node:crypto'
import { runPipeline, Stage } from './aggregate'
import { CloudApiError, invalidParam, requestFailed } from './errors'
import { decodeEjson, decodeEjsonDoc, encodeDoc, fromPlain } from './ejson'
import { compileQuery, hasOperatorKeys } from './matcher'
import { compileProjection } from './projection'
import { parseOrder } from './sort'
import type { LocalDatabase } from './index'
import { DatabaseDeclaration, IndexDeclaration, Store, checkStorable } from './store'
import { LockWait, Transactions } from './transactions'
import { Updater, compileReplacement, compileUpdate } from './update'
import { Doc, RegexValue, Value, isDoc, valuesEqual } from './values'

/** `where().get()` returns at most 100 documents by default and 1000 at most (server SDK limits). */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

type Body = Record<string, unknown>
type Answer = Record<string, unknown>

function newId(): string {
  return randomBytes(16).toString('hex')
}

function str(body: Body, field: string): string {
  const v = body[field]
  if (typeof v !== 'string' || v === '') throw invalidParam(`${field} must be a non-empty string`)
  return v
}

function bool(body: Body, field: string, fallback: boolean): boolean {
  const v = body[field]
  if (v === undefined) return fallback
  if (typeof v !== 'boolean') throw invalidParam(`${field} must be a boolean`)
  return v
}

function nonNegativeInt(body: Body, field: string, fallback: number): number {
  const v = body[field]
  if (v === undefined || v === null) return fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalidParam(`${field} must be a non-negative integer`)
  return v
}

/** `_id` is always a string: `doc(123)` sends a number, which names the document "123". */
function normaliseId(v: Value | undefined, where: string): string {
  if (typeof v === 'string' && v !== '') return v
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  throw invalidParam(`${where}: _id must be a non-empty string`)
}

/** A document as stored: `_id` first (generated when absent), `_openid` stamped for the caller. */
function prepareNew(doc: Doc, id: string | undefined, openid: string | undefined): Doc {
  const { _id, ...rest } = doc
  const out: Doc = { _id: id ?? (_id === undefined ? newId() : normaliseId(_id, 'data')), ...rest }
  if (openid !== undefined && out._openid === undefined) out._openid = openid
  return out
}

/** Equality conditions of an upsert's query become fields of the created document, as in MongoDB. */
function seedFromQuery(query: Doc, into: Doc = {}): Doc {
  for (const key of Object.keys(query)) {
    const cond = query[key]
    if (key === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isDoc(sub)) seedFromQuery(sub, into)
    } else if (!key.startsWith('$') && !(cond instanceof RegexValue)) {
      if (!hasOperatorKeys(cond)) into[key] = cond
      else if (isDoc(cond) && cond.$eq !== undefined) into[key] = cond.$eq
    }
  }
  return into
}

export class LocalDatabaseImpl implements LocalDatabase {
  private readonly store: Store
  private readonly tx: Transactions

  constructor(
    file: string,
    declaration: DatabaseDeclaration,
    private readonly now: () => number,
  ) {
    this.store = new Store(file, declaration)
    this.tx = new Transactions(this.store)
  }

  async handle(body: Record<string, unknown>, callerOpenid?: string): Promise<Record<string, unknown>> {
    for (;;) {
      try {
        return this.dispatch(body, callerOpenid)
      } catch (e) {
        // A plain write to a document an open transaction has written waits for it to end, as in MongoDB.
        if (e instanceof LockWait) await this.tx.waitFor(e.txId)
        else throw this.answerFor(e)
      }
    }
  }

  private answerFor(e: unknown): CloudApiError {
    if (e instanceof CloudApiError) return e
    // SQLite failures (disk full, I/O) are request failures; anything else is a bug of ours.
    if (e instanceof Error && e.name === 'SqliteError') return requestFailed(e.message)
    return new CloudApiError('SYS_ERR', `local database error: ${e instanceof Error ? e.message : String(e)}`)
  }

  /** Refuses (for now) a plain write to a document an open transaction holds; handle() retries it once that ends. */
  private waitIfLocked(collection: string, id: string): void {
    const holder = this.tx.lockedBy(collection, id)
    if (holder !== undefined) throw new LockWait(holder)
  }

  private dispatch(body: Body, openid: string | undefined): Answer {
    if (typeof body !== 'object' || body === null) throw invalidParam('request body must be an object')
    const now = this.now()
    switch (body.action) {
      case 'database.getDocument':
        return this.get(body, now)
      case 'database.insertDocument':
        return this.insert(body, now, openid)
      case 'database.modifyDocument':
        return this.modify(body, now, openid)
      case 'database.removeDocument':
        return this.remove(body, now)
      case 'database.calculateDocument':
        return this.calculate(body, now)
      case 'database.aggregateDocuments':
        return this.aggregate(body, now)
      case 'database.addCollection':
        this.store.addCollection(str(body, 'collectionName'))
        return {}
      case 'database.startTransaction':
        // The SDK reads transactionId from the top level of the answer (docs/cloudbase/wire.md §1.3).
        return { transactionId: this.tx.start() }
      case 'database.commitTransaction':
        this.tx.commit(body.transactionId)
        return {}
      case 'database.abortTransaction':
        this.tx.abort(body.transactionId)
        return {}
      default:
        throw invalidParam(`unsupported action ${String(body.action)}`)
    }
  }

  /**
   * The collection, query and predicate every document action starts from. In a transaction only
   * `get` may name its documents by a query (§7): wx-server-sdk sends `where().update/remove/count`
   * without the transactionId, so one that carries it is refused rather than run outside.
   */
  private target(body: Body, now: number, queryInTransaction = false) {
    const collection = str(body, 'collectionName')
    this.store.requireCollection(collection)
    const queryType = body.queryType ?? 'WHERE'
    if (queryType !== 'WHERE' && queryType !== 'DOC') throw invalidParam(`queryType must be WHERE or DOC`)
    const query = body.query === undefined ? {} : decodeEjsonDoc(body.query, 'query', now)
    let id: string | undefined
    if (queryType === 'DOC') {
      id = normaliseId(query._id, 'query')
      query._id = id
    }
    const txId = body.transactionId
    if (txId !== undefined) {
      this.tx.check(txId)
      if (id === undefined && !queryInTransaction) {
        throw invalidParam('in a transaction only where().get() and document operations (doc().get/update/set/remove) are supported')
      }
    }
    return { collection, query, pred: compileQuery(query), id, txId }
  }

  private get(body: Body, now: number): Answer {
    const { collection, query, pred, id, txId } = this.target(body, now, true)
    const projection = body.projection === undefined ? null : compileProjection(decodeEjsonDoc(body.projection, 'projection', now))
    const order = body.order === undefined ? [] : parseOrder(decodeEjsonDoc(body.order, 'order', now))
    const offset = nonNegativeInt(body, 'offset', 0)
    const asked = nonNegativeInt(body, 'limit', DEFAULT_LIMIT)
    const limit = asked === 0 ? DEFAULT_LIMIT : Math.min(asked, MAX_LIMIT)
    let docs: Doc[]
    if (txId !== undefined && id !== undefined) {
      const doc = this.tx.read(txId, collection, id)
      docs = doc !== undefined && pred(doc) ? [doc] : []
    } else if (txId !== undefined) {
      docs = this.tx.find(txId, collection, query, pred, { order, offset, limit })
    } else {
      docs = this.store.find(collection, query, pred, { order, offset, limit: id === undefined ? limit : 1 }).map((r) => r.doc)
    }
    const list = docs.map((d) => encodeDoc(projection ? projection.apply(d) : d))
    return { data: { list, limit, offset } }
  }

  private insert(body: Body, now: number, openid: string | undefined): Answer {
    const collection = str(body, 'collectionName')
    this.store.requireCollection(collection)
    const data = body.data
    if (!Array.isArray(data) || data.length === 0) throw invalidParam('data must be a non-empty array of EJSON strings')
    const docs = data.map((text, i) => prepareNew(decodeEjsonDoc(text, `data[${i}]`, now), undefined, openid))
    const txId = body.transactionId
    if (txId !== undefined) {
      // All-or-nothing as outside a transaction: every document is checked before any is buffered.
      const batch = new Set<string>()
      for (const doc of docs) {
        const id = doc._id as string
        checkStorable(doc)
        if (batch.has(id) || this.tx.read(txId, collection, id) !== undefined) {
          throw requestFailed(`E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`)
        }
        batch.add(id)
      }
      for (const doc of docs) this.tx.write(txId, collection, doc._id as string, doc)
    } else {
      for (const d of docs) this.waitIfLocked(collection, d._id as string)
      // A batch is all-or-nothing: a refused document (duplicate key) leaves none of the batch stored.
      this.store.atomic(() => docs.forEach((d) => this.store.insert(collection, d)))
    }
    return { data: { insertedIds: docs.map((d) => d._id) } }
  }

  private modify(body: Body, now: number, openid: string | undefined): Answer {
    const { collection, query, pred, id, txId } = this.target(body, now)
    const merge = bool(body, 'merge', true)
    const upsert = bool(body, 'upsert', false)
    const multi = bool(body, 'multi', id === undefined)
    const data = decodeEjsonDoc(body.data, 'data', now)
    const update: Updater = merge ? compileUpdate(data) : compileReplacement(data)
    const created = (): Doc => {
      const seed = seedFromQuery(query)
      const seedId = seed._id
      delete seed._id
      const base = merge ? update(seed) : { ...data }
      return prepareNew(base, seedId === undefined ? undefined : normaliseId(seedId, 'query'), openid)
    }

    if (txId !== undefined && id !== undefined) {
      const cur = this.tx.read(txId, collection, id)
      if (cur !== undefined && pred(cur)) {
        const next = update(cur)
        // set() answers 1 whenever the document exists; update() counts documents it changed (§2.4, §2.5).
        if (valuesEqual(next, cur)) return { data: { updated: merge ? 0 : 1 } }
        this.tx.write(txId, collection, id, next)
        return { data: { updated: 1 } }
      }
      if (!upsert) return { data: { updated: 0 } }
      const doc = created()
      this.tx.write(txId, collection, id, doc)
      return { data: { updated: 0, upsert_id: doc._id } }
    }

    return this.store.atomic(() => {
      if (id !== undefined) this.waitIfLocked(collection, id)
      const rows = this.store.find(collection, query, pred, { limit: multi ? undefined : 1 })
      for (const row of rows) this.waitIfLocked(collection, row.id)
      let updated = 0
      for (const row of rows) {
        const next = update(row.doc)
        // update() counts documents actually changed (MongoDB's nModified); set() counts an existing
        // document as updated even when unchanged (§2.5). An identical write is not rewritten.
        if (valuesEqual(next, row.doc)) {
          if (!merge) updated++
          continue
        }
        this.store.replace(collection, next)
        updated++
      }
      if (rows.length === 0 && upsert) {
        const doc = created()
        this.store.insert(collection, doc)
        return { data: { updated: 0, upsert_id: doc._id } }
      }
      return { data: { updated } }
    })
  }

  private remove(body: Body, now: number): Answer {
    const { collection, query, pred, id, txId } = this.target(body, now)
    const multi = bool(body, 'multi', id === undefined)
    if (txId !== undefined && id !== undefined) {
      const cur = this.tx.read(txId, collection, id)
      if (cur === undefined || !pred(cur)) return { data: { deleted: 0 } }
      this.tx.write(txId, collection, id, null)
      return { data: { deleted: 1 } }
    }
    return this.store.atomic(() => {
      const rows = this.store.find(collection, query, pred, { limit: multi ? undefined : 1 })
      for (const row of rows) this.waitIfLocked(collection, row.id)
      for (const row of rows) this.store.remove(collection, row.id)
      return { data: { deleted: rows.length } }
    })
  }

  private calculate(body: Body, now: number): Answer {
    const { collection, query, pred, txId } = this.target(body, now)
    if (txId !== undefined) throw invalidParam('count is not supported in a transaction')
    const total = Object.keys(query).length === 0 ? this.store.count(collection) : this.store.find(collection, query, pred).length
    return { data: { total } }
  }

  private aggregate(body: Body, now: number): Answer {
    const collection = str(body, 'collectionName')
    this.store.requireCollection(collection)
    if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array')
    const stages: Stage[] = body.stages.map((s: unknown, i: number) => {
      if (typeof s !== 'object' || s === null) throw invalidParam(`stages[${i}] must be an object`)
      const { stageKey, stageValue } = s as Record<string, unknown>
      if (typeof stageKey !== 'string') throw invalidParam(`stages[${i}].stageKey must be a string`)
      return { key: stageKey, value: decodeEjson(stageValue, `stages[${i}].stageValue`, now) }
    })
    const read = (name: string, match?: Doc): Doc[] => {
      // $lookup from a collection that does not exist joins nothing, as in MongoDB.
      if (!this.store.has(name)) return []
      const q = match ?? {}
      return this.store.find(name, q, compileQuery(q)).map((r) => r.doc)
    }
    const list = runPipeline(collection, stages, read).map(encodeDoc)
    return { data: { list } }
  }

  insertMany(collection: string, docs: Array<Record<string, unknown>>): string[] {
    const prepared = docs.map((d, i) => {
      const v = fromPlain(d, `docs[${i}]`)
      if (!isDoc(v)) throw invalidParam(`docs[${i}] must be an object`)
      return prepareNew(v, undefined, undefined)
    })
    this.store.atomic(() => prepared.forEach((d) => this.store.insert(collection, d)))
    return prepared.map((d) => d._id as string)
  }

  find(collection: string, query: Record<string, unknown> = {}): Array<Record<string, unknown>> {
    const q = fromPlain(query, 'query')
    if (!isDoc(q)) throw invalidParam('query must be an object')
    return this.store.find(collection, q, compileQuery(q)).map((r) => r.doc)
  }

  count(collection: string): number {
    return this.store.count(collection)
  }

  collectionNames(): string[] {
    return this.store.names().sort()
  }

  createCollection(name: string): void {
    this.store.addCollection(name)
  }

  dropCollection(name: string): void {
    this.store.dropCollection(name)
  }

  indexesOf(collection: string): IndexDeclaration[] {
    return this.store.indexes(collection)
  }

  setIndexes(collection: string, indexes: IndexDeclaration[]): void {
    this.store.setIndexes(collection, indexes)
  }

  isEmpty(): boolean {
    return this.store.names().every((n) => this.store.count(n) === 0)
  }

  close(): void {
    this.store.close()
  }
}

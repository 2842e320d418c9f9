/**
 * The database half of the local cloud: WeChat cloud database semantics over an embedded SQLite
 * store. The HTTP server hands every CloudBase request body whose `action` starts with
 * `database.` to `handle()`.
 */
import { LocalDatabaseImpl } from './database'
import type { DatabaseDeclaration, IndexDeclaration } from './store'

export { CloudApiError } from './errors'
export type { CollectionDeclaration, DatabaseDeclaration, IndexDeclaration } from './store'

export interface OpenOptions {
  /** SQLite file path; ':memory:' allowed. */
  file: string
  declaration: DatabaseDeclaration
  /** Epoch ms of the local cloud's clock, for serverDate. */
  now: () => number
}

export interface LocalDatabase {
  /**
   * One CloudBase `database.*` request body exactly as the SDK sends it (JSON-parsed). Resolves to
   * the response object without requestId, e.g. `{ data: { list: [...] } }`, `{ transactionId }`
   * or `{}`; rejects with CloudApiError for an error answer. `callerOpenid` is stamped as
   * `_openid` on created documents.
   */
  handle(body: Record<string, unknown>, callerOpenid?: string): Promise<Record<string, unknown>>
  /** Direct access for seeding and tests: plain JS values (Date allowed), not EJSON. */
  insertMany(collection: string, docs: Array<Record<string, unknown>>): string[]
  /** Matching documents in insertion order, with the same matcher as handle(). */
  find(collection: string, query?: Record<string, unknown>): Array<Record<string, unknown>>
  count(collection: string): number
  /** The management API (local/management.ts): collections and their indexes, changed while the cloud runs. */
  collectionNames(): string[]
  createCollection(name: string): void
  /** The collection goes with its documents and indexes. */
  dropCollection(name: string): void
  indexesOf(collection: string): IndexDeclaration[]
  /** Replaces the collection's indexes; a unique index its documents violate throws and changes nothing. */
  setIndexes(collection: string, indexes: IndexDeclaration[]): void
  /** True when no collection holds a document. */
  isEmpty(): boolean
  close(): void
}

export function openDatabase(options: OpenOptions): LocalDatabase {
  return new LocalDatabaseImpl(options.file, options.declaration, options.now)
}

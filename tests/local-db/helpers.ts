/**
 * Builds request bodies exactly as wx-server-sdk@4.0.2 sends them (docs/cloudbase/database.md §2):
 * every query/data/order/projection/stage value is a canonical EJSON string (`relaxed: false`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { EJSON } from 'bson'
import { CloudApiError, DatabaseDeclaration, LocalDatabase, openDatabase } from '../../local/db/index'

export const declaration: DatabaseDeclaration = JSON.parse(readFileSync(join(__dirname, '../../cloudfunctions/database.json'), 'utf8'))

/** A declaration with the real collections plus a free-form `items` collection for semantics tests. */
export const testDeclaration: DatabaseDeclaration = {
  collections: [
    ...declaration.collections,
    { name: 'items', rules: { read: false, write: false }, indexes: [{ name: 'k', keys: [{ field: 'k', direction: 1 }] }] },
  ],
}

// EJSON accepts any JS value at run time; its declared parameter type is narrower than what tests build.
export const ej = (v: unknown): string => EJSON.stringify(v as Parameters<typeof EJSON.stringify>[0], { relaxed: false })

/** `db.serverDate({offset})` as the SDK serialises it. */
export const serverDate = (offset = 0) => ({ $tcb_server_date: { offset } })

/** `db.RegExp({regexp, options})` / a JS RegExp as the SDK serialises it (no `$regex`). */
export const regex = (pattern: string, options = '') => ({ $regularExpression: { pattern, options } })

export function tempFile(name = 'db.sqlite'): string {
  return join(mkdtempSync(join(tmpdir(), 'local-db-')), name)
}

/** Deletes the directory tempFile() made (the SQLite file and its -wal/-shm companions). */
export function removeTemp(file: string): void {
  rmSync(dirname(file), { recursive: true, force: true })
}

export interface Clock {
  now: number
}

export function open(file = ':memory:', clock: Clock = { now: 1_700_000_000_000 }): LocalDatabase {
  return openDatabase({ file, declaration: testDeclaration, now: () => clock.now })
}

export function where(collectionName: string, query?: unknown, extra: Record<string, unknown> = {}) {
  return {
    action: 'database.getDocument',
    collectionName,
    queryType: 'WHERE',
    ...(query === undefined ? {} : { query: ej(query) }),
    limit: 100,
    ...extra,
  }
}

export const docGet = (collectionName: string, id: string, extra: Record<string, unknown> = {}) => ({
  action: 'database.getDocument',
  collectionName,
  queryType: 'DOC',
  multi: false,
  query: ej({ _id: id }),
  ...extra,
})

export const add = (collectionName: string, ...docs: unknown[]) => ({
  action: 'database.insertDocument',
  collectionName,
  data: docs.map(ej),
})

export const docUpdate = (collectionName: string, id: string, data: unknown, extra: Record<string, unknown> = {}) => ({
  action: 'database.modifyDocument',
  collectionName,
  queryType: 'DOC',
  query: ej({ _id: id }),
  multi: false,
  merge: true,
  upsert: false,
  data: ej(data),
  ...extra,
})

export const docSet = (collectionName: string, id: string, data: unknown, extra: Record<string, unknown> = {}) => ({
  action: 'database.modifyDocument',
  collectionName,
  queryType: 'DOC',
  query: ej({ _id: id }),
  multi: false,
  merge: false,
  upsert: true,
  data: ej(data),
  ...extra,
})

export const whereUpdate = (collectionName: string, query: unknown, data: unknown, extra: Record<string, unknown> = {}) => ({
  action: 'database.modifyDocument',
  collectionName,
  queryType: 'WHERE',
  multi: true,
  merge: true,
  upsert: false,
  query: ej(query),
  data: ej(data),
  ...extra,
})

export const whereRemove = (collectionName: string, query: unknown) => ({
  action: 'database.removeDocument',
  collectionName,
  queryType: 'WHERE',
  multi: true,
  query: ej(query),
})

export const docRemove = (collectionName: string, id: string, extra: Record<string, unknown> = {}) => ({
  action: 'database.removeDocument',
  collectionName,
  queryType: 'DOC',
  multi: false,
  query: ej({ _id: id }),
  ...extra,
})

export const countOf = (collectionName: string, query?: unknown) => ({
  action: 'database.calculateDocument',
  collectionName,
  queryType: 'WHERE',
  ...(query === undefined ? {} : { query: ej(query) }),
})

export const aggregate = (collectionName: string, stages: Array<[string, unknown]>) => ({
  action: 'database.aggregateDocuments',
  collectionName,
  stages: stages.map(([stageKey, v]) => ({ stageKey, stageValue: typeof v === 'object' && v !== null ? ej(v) : JSON.stringify(v) })),
})

/** What the SDK hands the caller for `data.list`: each string through EJSON.parse (relaxed). */
export function listOf(answer: Record<string, unknown>): Array<Record<string, unknown>> {
  const data = answer.data as { list: unknown[] }
  return data.list.map((s) => {
    if (typeof s !== 'string') throw new Error('data.list items must be EJSON strings')
    return EJSON.parse(s, { relaxed: true }) as Record<string, unknown>
  })
}

export async function list(db: LocalDatabase, body: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
  return listOf(await db.handle(body))
}

/** The error answer of a request that must fail. */
export async function failure(db: LocalDatabase, body: Record<string, unknown>, openid?: string): Promise<CloudApiError> {
  try {
    await db.handle(body, openid)
  } catch (e) {
    if (e instanceof CloudApiError) return e
    throw new Error(`expected a CloudApiError, got ${String(e)}`)
  }
  throw new Error('expected the request to fail')
}

/** Field values of the given documents (order kept). */
export const pluck = (docs: Array<Record<string, unknown>>, field: string) => docs.map((d) => d[field])

import { beforeEach, describe, expect, it } from 'vitest'
import type { LocalDatabase } from '../../local/db/index'
import { add, countOf, docGet, docRemove, docUpdate, ej, failure, listOf, open, regex, where, whereRemove, whereUpdate } from './helpers'

// Queries (`t.collection(c).where(q).get()`, sent as database.getDocument WHERE with the
// transactionId) and batch adds inside a transaction, as CloudBase answers them in its own SDK tests
// (TencentCloudBase/node-sdk test/database/unit/transaction.test.ts, '事务内批量插入 条件查询' and
// '事务内批量插入1000条文档'): the query reads the transaction's snapshot with its own writes.
let db: LocalDatabase

beforeEach(async () => {
  db = open()
  await db.handle(add('items', { _id: 'a', k: 1, tag: 'x' }, { _id: 'b', k: 2, tag: 'x' }, { _id: 'c', k: 3, tag: 'y' }))
})

async function start(): Promise<string> {
  return (await db.handle({ action: 'database.startTransaction' })).transactionId as string
}
const commit = (transactionId: string) => db.handle({ action: 'database.commitTransaction', transactionId })
const txAdd = (tx: string, ...docs: unknown[]) => db.handle({ ...add('items', ...docs), transactionId: tx })
const txWhere = async (tx: string, query?: unknown, extra: Record<string, unknown> = {}) =>
  listOf(await db.handle(where('items', query, { ...extra, transactionId: tx })))
const ids = (docs: Array<Record<string, unknown>>) => docs.map((d) => d._id)

describe('where().get() in a transaction', () => {
  it("when a transaction adds a batch and queries it (CloudBase's '事务内批量插入 条件查询'), then it sees its own inserts and nobody else does before commit", async () => {
    const tx = await start()
    const added = await txAdd(tx, { name: 'a' }, { name: 'b' })
    expect((added.data as { insertedIds: string[] }).insertedIds).toHaveLength(2)
    const seen = await txWhere(tx, { $or: [{ name: 'a' }, { name: 'b' }] })
    expect(seen.map((d) => d.name)).toEqual(['a', 'b'])
    expect(listOf(await db.handle(where('items', { $or: [{ name: 'a' }, { name: 'b' }] })))).toEqual([])
    await commit(tx)
    expect(db.find('items', { name: { $in: ['a', 'b'] } }).map((d) => d.name)).toEqual(['a', 'b'])
  })

  it("when a transaction adds 1001 documents and queries them with limit 1000 (CloudBase's '事务内批量插入1000条文档'), then 1000 come back and commit stores 1001", async () => {
    const tx = await start()
    const docs = Array.from({ length: 1001 }, (_, i) => ({ name: `luketest${i + 1}` }))
    expect(((await txAdd(tx, ...docs)).data as { insertedIds: string[] }).insertedIds).toHaveLength(1001)
    expect(await txWhere(tx, { name: regex('^luketest') }, { limit: 1000 })).toHaveLength(1000)
    await commit(tx)
    expect(db.find('items', { name: { $exists: true } })).toHaveLength(1001)
  })

  it('when the transaction updates, removes and adds documents, then its query answers with those writes laid over the committed ones', async () => {
    const tx = await start()
    await db.handle(docUpdate('items', 'a', { $set: { tag: 'y' } }, { transactionId: tx }))
    await db.handle(docUpdate('items', 'c', { $set: { tag: 'x' } }, { transactionId: tx }))
    await db.handle(docRemove('items', 'b', { transactionId: tx }))
    await txAdd(tx, { _id: 'd', k: 4, tag: 'x' })
    expect(await txWhere(tx, { tag: 'x' }, { order: ej({ k: 1 }) })).toEqual([
      { _id: 'c', k: 3, tag: 'x' },
      { _id: 'd', k: 4, tag: 'x' },
    ])
    expect(ids(await txWhere(tx))).toEqual(expect.arrayContaining(['a', 'c', 'd']))
    expect(await txWhere(tx)).toHaveLength(3)
    // Outside, nothing changed yet.
    expect(ids(listOf(await db.handle(where('items', { tag: 'x' }))))).toEqual(['a', 'b'])
  })

  it('when others write after the snapshot, then the query still answers the snapshot: no later insert, the old values, removed documents kept', async () => {
    const tx = await start()
    expect(ids(await txWhere(tx, { tag: 'x' }))).toEqual(['a', 'b'])
    await db.handle(add('items', { _id: 'late', k: 9, tag: 'x' }))
    await db.handle(docUpdate('items', 'a', { $set: { tag: 'z' } }))
    await db.handle(docUpdate('items', 'c', { $set: { tag: 'x' } }))
    await db.handle(docRemove('items', 'b'))
    const seen = await txWhere(tx, { tag: 'x' }, { order: ej({ k: 1 }) })
    expect(seen).toEqual([
      { _id: 'a', k: 1, tag: 'x' },
      { _id: 'b', k: 2, tag: 'x' },
    ])
    expect(ids(listOf(await db.handle(where('items', { tag: 'x' }))))).toEqual(['c', 'late'])
  })

  it('when the query is the first operation, then it takes the snapshot: a later plain write is not seen', async () => {
    const tx = await start()
    await db.handle(docUpdate('items', 'a', { $set: { k: 10 } }))
    expect(await txWhere(tx, { _id: 'a' })).toEqual([{ _id: 'a', k: 10, tag: 'x' }])
    await db.handle(docUpdate('items', 'a', { $set: { k: 20 } }))
    expect(await txWhere(tx, { _id: 'a' })).toEqual([{ _id: 'a', k: 10, tag: 'x' }])
  })

  it('when the query orders, skips, limits and projects, then it pages the transaction view like a plain query', async () => {
    const tx = await start()
    await txAdd(tx, { _id: 'd', k: 0, tag: 'x' })
    const page = await txWhere(tx, {}, { order: ej({ k: -1 }), offset: 1, limit: 2, projection: ej({ k: 1 }) })
    expect(page).toEqual([
      { _id: 'b', k: 2 },
      { _id: 'a', k: 1 },
    ])
  })

  it('when the transaction is over, then its query answers DATABASE_TRANSACTION_FAIL', async () => {
    const tx = await start()
    await commit(tx)
    expect((await failure(db, where('items', {}, { transactionId: tx }))).code).toBe('DATABASE_TRANSACTION_FAIL')
  })
})

describe('batch add in a transaction', () => {
  it('when a batch holds an _id twice or one already there, then E11000 is answered and none of the batch is buffered', async () => {
    const tx = await start()
    for (const batch of [
      [{ _id: 'n1' }, { _id: 'n1' }],
      [{ _id: 'n2' }, { _id: 'a' }],
    ]) {
      const e = await failure(db, { ...add('items', ...batch), transactionId: tx })
      expect([e.code, e.message]).toEqual(['DATABASE_REQUEST_FAILED', expect.stringContaining('E11000')])
    }
    expect(await txWhere(tx, { _id: { $in: ['n1', 'n2'] } })).toEqual([])
    await commit(tx)
    expect(db.find('items')).toHaveLength(3)
  })
})

describe('where() writes in a transaction', () => {
  // wx-server-sdk 4.0.2 sends where().update/remove/count without the transactionId (database.md §7),
  // so a request that carries one comes from elsewhere: refused rather than run outside the transaction.
  it('when where().update, remove or count carry a transactionId, then they are refused and change nothing', async () => {
    const tx = await start()
    for (const body of [whereUpdate('items', { tag: 'x' }, { $set: { k: 0 } }), whereRemove('items', { tag: 'x' }), countOf('items', {})]) {
      expect((await failure(db, { ...body, transactionId: tx })).code).toBe('INVALID_PARAM')
    }
    await commit(tx)
    expect(db.find('items').map((d) => d.k)).toEqual([1, 2, 3])
    expect(listOf(await db.handle(docGet('items', 'a')))[0]).toEqual({ _id: 'a', k: 1, tag: 'x' })
  })
})

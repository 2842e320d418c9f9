import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LocalDatabase } from '../../local/db/index'
import { add, docGet, docRemove, docSet, docUpdate, failure, listOf, open, where, whereRemove } from './helpers'

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Database.runTransaction.html
// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Database.startTransaction.html
let db: LocalDatabase

beforeEach(async () => {
  db = open()
  await db.handle(add('items', { _id: 'acct', balance: 100 }, { _id: 'other', balance: 0 }))
})
afterEach(() => {
  vi.useRealTimers()
})

async function start(): Promise<string> {
  const answer = await db.handle({ action: 'database.startTransaction' })
  expect(Object.keys(answer)).toEqual(['transactionId'])
  return answer.transactionId as string
}
const commit = (transactionId: string) => db.handle({ action: 'database.commitTransaction', transactionId })
const abort = (transactionId: string) => db.handle({ action: 'database.abortTransaction', transactionId })
const txGet = async (tx: string, id: string) => listOf(await db.handle(docGet('items', id, { transactionId: tx })))[0]
const balance = (id: string) => db.find('items', { _id: id })[0]?.balance

describe('transaction lifecycle', () => {
  it('when a transaction starts, then transactionId is answered at the top level', async () => {
    expect(await start()).toMatch(/^tx-/)
  })
  it('when writes are committed, then they all become visible together', async () => {
    const tx = await start()
    await db.handle(docUpdate('items', 'acct', { $inc: { balance: -30 } }, { transactionId: tx }))
    await db.handle(docUpdate('items', 'other', { $inc: { balance: 30 } }, { transactionId: tx }))
    expect([balance('acct'), balance('other')]).toEqual([100, 0])
    expect(await commit(tx)).toEqual({})
    expect([balance('acct'), balance('other')]).toEqual([70, 30])
  })
  it('when a transaction reads its own write, then it sees the buffered version', async () => {
    const tx = await start()
    await db.handle(docUpdate('items', 'acct', { $inc: { balance: -1 } }, { transactionId: tx }))
    expect((await txGet(tx, 'acct')).balance).toBe(99)
  })
  it('when add, set and remove run in a transaction, then commit applies each', async () => {
    const tx = await start()
    const added = await db.handle({ ...add('items', { _id: 'n', v: 1 }), transactionId: tx })
    expect(added).toEqual({ data: { insertedIds: ['n'] } })
    expect(await db.handle(docSet('items', 'other', { replaced: true }, { transactionId: tx }))).toEqual({ data: { updated: 1 } })
    expect(await db.handle(docRemove('items', 'acct', { transactionId: tx }))).toEqual({ data: { deleted: 1 } })
    expect(await txGet(tx, 'acct')).toBeUndefined()
    await commit(tx)
    expect(db.find('items')).toEqual([
      { _id: 'other', replaced: true },
      { _id: 'n', v: 1 },
    ])
  })
  it('when a transaction is aborted, then none of its writes are applied and its id is finished', async () => {
    const tx = await start()
    await db.handle(docUpdate('items', 'acct', { $set: { balance: 0 } }, { transactionId: tx }))
    expect(await abort(tx)).toEqual({})
    expect(balance('acct')).toBe(100)
    expect((await failure(db, { action: 'database.commitTransaction', transactionId: tx })).code).toBe('DATABASE_TRANSACTION_FAIL')
    expect((await failure(db, docGet('items', 'acct', { transactionId: tx }))).code).toBe('DATABASE_TRANSACTION_FAIL')
  })
  it("when an unknown or committed transactionId is used, then DATABASE_TRANSACTION_FAIL is answered with CloudBase's text", async () => {
    expect((await failure(db, { action: 'database.commitTransaction', transactionId: 'tx-nope' })).code).toBe('DATABASE_TRANSACTION_FAIL')
    const tx = await start()
    await commit(tx)
    const e = await failure(db, docSet('items', 'acct', { v: 1 }, { transactionId: tx }))
    expect(e.code).toBe('DATABASE_TRANSACTION_FAIL')
    expect(e.message).toBe(
      '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
    )
  })
  it('when a transaction stays open longer than 30 s, then it is discarded', async () => {
    vi.useFakeTimers({ toFake: ['performance'] })
    const tx = await start()
    await db.handle(docUpdate('items', 'acct', { $set: { balance: 1 } }, { transactionId: tx }))
    vi.advanceTimersByTime(31_000)
    expect((await failure(db, { action: 'database.commitTransaction', transactionId: tx })).code).toBe('DATABASE_TRANSACTION_FAIL')
    expect(balance('acct')).toBe(100)
  })
  it("when a where() query carries a transactionId, then it answers the transaction's view (transaction-queries.test.ts)", async () => {
    const tx = await start()
    await db.handle(docRemove('items', 'other', { transactionId: tx }))
    expect(listOf(await db.handle({ ...where('items', {}), transactionId: tx }))).toEqual([{ _id: 'acct', balance: 100 }])
  })
})

// Snapshot isolation, as CloudBase's transactions (MongoDB's) have it: reads see the transaction's
// snapshot, a write locks its document, a second writer conflicts at its write, plain writes wait.
describe('isolation and conflicts', () => {
  const CONFLICT =
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'
  const NOT_EXIST =
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'

  it('when one transaction writes, then another transaction and plain reads do not see it before commit', async () => {
    const t1 = await start()
    const t2 = await start()
    await db.handle(docUpdate('items', 'acct', { $set: { balance: 1 } }, { transactionId: t1 }))
    expect((await txGet(t2, 'acct')).balance).toBe(100)
    expect(listOf(await db.handle(docGet('items', 'acct')))[0].balance).toBe(100)
  })
  it('when a second transaction writes a document another open transaction wrote, then that write answers DATABASE_TRANSACTION_CONFLICT and the first commits', async () => {
    const t1 = await start()
    const t2 = await start()
    const seen = (await txGet(t1, 'acct')).balance as number
    await db.handle(docUpdate('items', 'acct', { $set: { balance: 50 } }, { transactionId: t2 }))
    const e = await failure(db, docUpdate('items', 'acct', { $set: { balance: seen - 10 } }, { transactionId: t1 }))
    expect([e.code, e.message]).toEqual(['DATABASE_TRANSACTION_CONFLICT', CONFLICT])
    await commit(t2)
    expect(balance('acct')).toBe(50)
  })
  it('when a conflict is answered, then the transaction is over: its writes are dropped and later operations answer DATABASE_TRANSACTION_FAIL', async () => {
    const t1 = await start()
    const t2 = await start()
    await db.handle(docUpdate('items', 'other', { $set: { balance: 7 } }, { transactionId: t1 }))
    await db.handle(docUpdate('items', 'acct', { $set: { balance: 1 } }, { transactionId: t2 }))
    await failure(db, docUpdate('items', 'acct', { $set: { balance: 2 } }, { transactionId: t1 }))
    const e = await failure(db, { action: 'database.commitTransaction', transactionId: t1 })
    expect([e.code, e.message]).toEqual(['DATABASE_TRANSACTION_FAIL', NOT_EXIST])
    // t1's lock on `other` is gone: a plain write does not wait for it.
    await db.handle(docUpdate('items', 'other', { $inc: { balance: 1 } }))
    await commit(t2)
    expect([balance('acct'), balance('other')]).toEqual([1, 1])
  })
  it('when plain writes change documents after the snapshot, then re-reads inside the transaction answer the snapshot and a write to a changed one conflicts', async () => {
    const tx = await start()
    expect((await txGet(tx, 'acct')).balance).toBe(100)
    await db.handle(docUpdate('items', 'acct', { $inc: { balance: 5 } }))
    await db.handle(docSet('items', 'other', { balance: 9 }))
    await db.handle(add('items', { _id: 'late', v: 1 }))
    expect((await txGet(tx, 'acct')).balance).toBe(100)
    expect((await txGet(tx, 'other')).balance).toBe(0)
    expect(await txGet(tx, 'late')).toBeUndefined()
    expect(listOf(await db.handle(docGet('items', 'acct')))[0].balance).toBe(105)
    const e = await failure(db, docUpdate('items', 'acct', { $set: { balance: 0 } }, { transactionId: tx }))
    expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(balance('acct')).toBe(105)
  })
  it('when a document was removed after the snapshot, then the transaction still reads it and cannot write it', async () => {
    const tx = await start()
    await txGet(tx, 'acct')
    await db.handle(docRemove('items', 'other'))
    expect((await txGet(tx, 'other')).balance).toBe(0)
    expect((await failure(db, docSet('items', 'other', { back: true }, { transactionId: tx }))).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(db.find('items', { _id: 'other' })).toEqual([])
  })
  it('when the first operation comes after a plain write, then the snapshot includes that write (it is taken at the first operation)', async () => {
    const tx = await start()
    await db.handle(docUpdate('items', 'acct', { $inc: { balance: 1 } }))
    expect((await txGet(tx, 'acct')).balance).toBe(101)
    await db.handle(docUpdate('items', 'acct', { $inc: { balance: 1 } }, { transactionId: tx }))
    await commit(tx)
    expect(balance('acct')).toBe(102)
  })
  it('when a plain write meets a document an open transaction wrote, then it waits for the commit and applies after it', async () => {
    const tx = await start()
    await db.handle(docUpdate('items', 'acct', { $set: { balance: 1 } }, { transactionId: tx }))
    let done = false
    const plain = db.handle(docUpdate('items', 'acct', { $inc: { balance: 5 } })).then((a) => ((done = true), a))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(done).toBe(false)
    expect(balance('acct')).toBe(100)
    await commit(tx)
    expect(await plain).toEqual({ data: { updated: 1 } })
    expect(balance('acct')).toBe(6)
  })
  it('when a plain write meets a document of a transaction that is aborted, then it applies to the committed version', async () => {
    const tx = await start()
    await db.handle(docUpdate('items', 'acct', { $set: { balance: 1 } }, { transactionId: tx }))
    await db.handle(docUpdate('items', 'other', { $set: { balance: 1 } }, { transactionId: tx }))
    const plain = db.handle(docUpdate('items', 'acct', { $inc: { balance: 5 } }))
    const plainRemove = db.handle(whereRemove('items', { balance: 0 }))
    await abort(tx)
    await plain
    expect(await plainRemove).toEqual({ data: { deleted: 1 } })
    expect(db.find('items')).toEqual([{ _id: 'acct', balance: 105 }])
  })
  it('when two transactions add the same new _id, then the second add conflicts and the first commits', async () => {
    const t1 = await start()
    const t2 = await start()
    await db.handle({ ...add('items', { _id: 'same', by: 1 }), transactionId: t1 })
    expect((await failure(db, { ...add('items', { _id: 'same', by: 2 }), transactionId: t2 })).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    await commit(t1)
    expect(db.find('items', { _id: 'same' })).toEqual([{ _id: 'same', by: 1 }])
  })
  it('when each transaction reads one document and writes the other (write skew), then both commit, as snapshot isolation allows', async () => {
    const t1 = await start()
    const t2 = await start()
    const a = (await txGet(t1, 'acct')).balance as number
    const b = (await txGet(t2, 'other')).balance as number
    await db.handle(docUpdate('items', 'other', { $set: { balance: a } }, { transactionId: t1 }))
    await db.handle(docUpdate('items', 'acct', { $set: { balance: b } }, { transactionId: t2 }))
    await commit(t1)
    await commit(t2)
    expect([balance('acct'), balance('other')]).toEqual([0, 100])
  })
  it('when a transaction writes a $ field, then DATABASE_REQUEST_FAILED is answered at that write', async () => {
    const tx = await start()
    const e = await failure(db, { action: 'database.insertDocument', collectionName: 'items', data: ['{"$bad":1}'], transactionId: tx })
    expect(e.code).toBe('DATABASE_REQUEST_FAILED')
  })
  it('when a committed transaction would break a unique index, then E11000 is answered and nothing is applied', async () => {
    await db.handle(add('users', { _id: 'u1', openid: 'o1' }))
    const tx = await start()
    await db.handle(docUpdate('items', 'acct', { $set: { balance: 0 } }, { transactionId: tx }))
    await db.handle({ ...add('users', { openid: 'o1' }), transactionId: tx })
    const e = await failure(db, { action: 'database.commitTransaction', transactionId: tx })
    expect(e.message).toContain('E11000')
    expect(balance('acct')).toBe(100)
    expect(db.count('users')).toBe(1)
  })
  it('when transactions touch different documents, then both commit', async () => {
    const t1 = await start()
    const t2 = await start()
    await db.handle(docUpdate('items', 'acct', { $inc: { balance: 1 } }, { transactionId: t1 }))
    await db.handle(docUpdate('items', 'other', { $inc: { balance: 1 } }, { transactionId: t2 }))
    await commit(t2)
    await commit(t1)
    expect([balance('acct'), balance('other')]).toEqual([101, 1])
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LocalDatabase } from '../../local/db/index'
import { add, docGet, docRemove, docSet, docUpdate, failure, listOf, open, where } from './helpers'

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
    expect(db.find('items')).toEqual([{ _id: 'other', replaced: true }, { _id: 'n', v: 1 }])
  })
  it('when a transaction is aborted, then none of its writes are applied and its id is finished', async () => {
    const tx = await start()
    await db.handle(docUpdate('items', 'acct', { $set: { balance: 0 } }, { transactionId: tx }))
    expect(await abort(tx)).toEqual({})
    expect(balance('acct')).toBe(100)
    expect((await failure(db, { action: 'database.commitTransaction', transactionId: tx })).code).toBe('DATABASE_TRANSACTION_FAIL')
    expect((await failure(db, docGet('items', 'acct', { transactionId: tx }))).code).toBe('DATABASE_TRANSACTION_FAIL')
  })
  it('when an unknown transactionId is used, then an error is answered', async () => {
    expect((await failure(db, { action: 'database.commitTransaction', transactionId: 'tx-nope' })).code).toBe('DATABASE_TRANSACTION_FAIL')
  })
  it('when a transaction stays open longer than 30 s, then it is discarded', async () => {
    vi.useFakeTimers({ toFake: ['performance'] })
    const tx = await start()
    await db.handle(docUpdate('items', 'acct', { $set: { balance: 1 } }, { transactionId: tx }))
    vi.advanceTimersByTime(31_000)
    expect((await failure(db, { action: 'database.commitTransaction', transactionId: tx })).code).toBe('DATABASE_TRANSACTION_FAIL')
    expect(balance('acct')).toBe(100)
  })
  it('when a where() query carries a transactionId, then it is refused (only doc operations exist in transactions)', async () => {
    const tx = await start()
    expect((await failure(db, { ...where('items', {}), transactionId: tx })).code).toBe('INVALID_PARAM')
  })
})

describe('isolation and conflicts', () => {
  it("when one transaction writes, then another transaction and plain reads do not see it before commit", async () => {
    const t1 = await start()
    const t2 = await start()
    await db.handle(docUpdate('items', 'acct', { $set: { balance: 1 } }, { transactionId: t1 }))
    expect((await txGet(t2, 'acct')).balance).toBe(100)
    expect(listOf(await db.handle(docGet('items', 'acct')))[0].balance).toBe(100)
  })
  it('when two transactions read-modify-write the same document, then the second commit conflicts and changes nothing', async () => {
    const t1 = await start()
    const t2 = await start()
    for (const tx of [t1, t2]) {
      const cur = (await txGet(tx, 'acct')).balance as number
      await db.handle(docUpdate('items', 'acct', { $set: { balance: cur - 10 } }, { transactionId: tx }))
    }
    await commit(t1)
    const e = await failure(db, { action: 'database.commitTransaction', transactionId: t2 })
    expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(balance('acct')).toBe(90)
  })
  it('when a plain write changes a document a transaction read, then the transaction conflicts at commit', async () => {
    const tx = await start()
    await txGet(tx, 'acct')
    await db.handle(docUpdate('items', 'acct', { $inc: { balance: 5 } }))
    await db.handle(docUpdate('items', 'other', { $set: { seen: true } }, { transactionId: tx }))
    expect((await failure(db, { action: 'database.commitTransaction', transactionId: tx })).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(db.find('items', { _id: 'other' })[0].seen).toBeUndefined()
  })
  it('when two transactions add the same new _id, then the later commit conflicts', async () => {
    const t1 = await start()
    const t2 = await start()
    await db.handle({ ...add('items', { _id: 'same', by: 1 }), transactionId: t1 })
    await db.handle({ ...add('items', { _id: 'same', by: 2 }), transactionId: t2 })
    await commit(t1)
    expect((await failure(db, { action: 'database.commitTransaction', transactionId: t2 })).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(db.find('items', { _id: 'same' })).toEqual([{ _id: 'same', by: 1 }])
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

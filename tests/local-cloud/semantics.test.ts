import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestCloud, startTestCloud } from './helpers'

// What a function sees, through the unmodified wx-server-sdk, of CloudBase's answers where the local
// cloud once differed (docs/decisions/local-db-mingo.md): docs/cloudbase/database.md §2.4, §2.5, §7, §9.
let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
})
afterAll(() => cloud.destroy())

const lab = async (event: Record<string, unknown>) => {
  const reply = await cloud.call('txlab', event, 'o-lab')
  expect(reply.status, JSON.stringify(reply.body)).toBe(200)
  return reply.body
}

const CONFLICT_TEXT =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'
const NOT_EXIST_TEXT =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'

describe('write counts (database.md §2.4, §2.5)', () => {
  // Document.set: updated is 1 whenever the _id exists; update() counts documents it changed.
  it('when set() and update() write what a document already holds, then set answers updated 1 and update answers 0', async () => {
    await lab({ action: 'seed', id: 'same', data: { n: 1, tags: ['a'] } })
    expect(await lab({ action: 'writeSame', id: 'same' })).toEqual({
      set: { updated: 1, created: 0 },
      update: { updated: 0 },
      where: { updated: 0 },
    })
  })
})

describe('transactions (database.md §7)', () => {
  it("when two transactions write one document, then the second write rejects with CloudBase's conflict text, ends that transaction, and the first commits", async () => {
    await lab({ action: 'seed', id: 'two', data: { n: 1 } })
    const body = await lab({ action: 'twoWriters', id: 'two' })
    // The SDK wraps a document operation's error: the code is gone, errCode -501001, the text stays.
    expect(body.second).toEqual({ errCode: -501001, errMsg: `document.update:fail -501001 resource system error. ${CONFLICT_TEXT}` })
    expect(body.afterConflict).toEqual({ errCode: -501001, errMsg: `document.get:fail -501001 resource system error. ${NOT_EXIST_TEXT}` })
    expect(body.stored).toMatchObject({ _id: 'two', n: 1, by: 't2' })
  })

  it('when a document changes outside after the snapshot, then re-reads inside answer the snapshot and a write to it conflicts', async () => {
    await lab({ action: 'seed', id: 'snap', data: { n: 1 } })
    await lab({ action: 'seed', id: 'snap-other', data: { n: 2 } })
    const body = await lab({ action: 'snapshot', id: 'snap', other: 'snap-other' })
    expect(body).toMatchObject({ first: 1, again: 1, otherInTx: 2, outside: 2 })
    expect(body.write.errMsg).toContain('TransactionConflict')
    expect((await lab({ action: 'read', id: 'snap' })).n).toBe(2)
  })

  it('when runTransaction meets a write conflict, then the SDK does not run the callback again and the function gets the conflict text', async () => {
    await lab({ action: 'seed', id: 'run', data: { n: 1 } })
    const body = await lab({ action: 'runConflict', id: 'run' })
    expect(body.runs).toBe(1)
    expect(body.error).toEqual({ errCode: -501001, errMsg: `document.update:fail -501001 resource system error. ${CONFLICT_TEXT}` })
    expect(body.stored).toBe(2)
  })

  it('when a plain write meets a document an open transaction wrote, then it waits for the commit and applies after it', async () => {
    await lab({ action: 'seed', id: 'wait', data: { n: 1 } })
    expect(await lab({ action: 'plainWaits', id: 'wait' })).toEqual({ doneBeforeCommit: false, plain: { updated: 1 }, stored: 11 })
  })

  it("when an operation uses a committed transaction, then it rejects with DATABASE_TRANSACTION_FAIL's text", async () => {
    expect(await lab({ action: 'afterCommit', id: 'gone' })).toEqual({
      errCode: -501001,
      errMsg: `document.set:fail -501001 resource system error. ${NOT_EXIST_TEXT}`,
    })
  })

  // As CloudBase's own SDK tests (node-sdk transaction.test.ts '事务内批量插入 条件查询') do it.
  it('when a transaction adds a batch and queries it, then the query sees its own inserts, nobody else does before commit, and commit stores both', async () => {
    expect(await lab({ action: 'batchAddThenQuery', tag: 'batch' })).toEqual({ added: 2, inTx: ['a', 'b'], outside: 0, after: ['a', 'b'] })
  })

  it('when a transaction queries, writes and queries again, then it sees its snapshot with its own writes and not a later plain insert', async () => {
    await lab({ action: 'seed', id: 'q-1', data: { tag: 'q', n: 1 } })
    await lab({ action: 'seed', id: 'q-2', data: { tag: 'q', n: 2 } })
    expect(await lab({ action: 'queryInTransaction', tag: 'q' })).toEqual({ first: [1, 2], again: [10], after: [3, 10] })
  })
})

describe('errors (database.md §9)', () => {
  it('when add() has a $-prefixed field, then it rejects with database request fail (-502001)', async () => {
    expect(await lab({ action: 'addDollar' })).toEqual({
      errCode: -502001,
      errMsg:
        "collection.add:fail -502001 database request fail. The dollar ($) prefixed field '$_key' in '$_key' is not valid for storage.",
    })
  })

  it("when a collection does not exist, then the function gets -502005 with CloudBase's text", async () => {
    const text = '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.'
    expect(await lab({ action: 'missingCollection' })).toEqual({
      get: { errCode: -502005, errMsg: `collection.get:fail -502005 database collection not exists. ${text}` },
      add: { errCode: -502005, errMsg: `collection.add:fail -502005 database collection not exists. ${text}` },
    })
  })
})

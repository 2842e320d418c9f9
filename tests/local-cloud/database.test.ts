import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestCloud, startTestCloud } from './helpers'

let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
})
afterAll(() => cloud.destroy())

const counts = (reply: { headers: Headers }) => ({
  reads: Number(reply.headers.get('x-wegong-db-reads')),
  writes: Number(reply.headers.get('x-wegong-db-writes')),
  storage: Number(reply.headers.get('x-wegong-storage-ops')),
})

describe('the SDK database through /admin', () => {
  it('when a function adds then gets a document, then it round-trips with a Date serverDate from the local clock', async () => {
    const before = cloud.clock.now()
    const added = await cloud.call('notes', { action: 'add', text: 'hello' }, 'o-db')
    expect(added.status).toBe(200)
    expect(counts(added)).toEqual({ reads: 0, writes: 1, storage: 0 })
    const got = await cloud.call('notes', { action: 'get', id: added.body._id }, 'o-db')
    expect(got.body).toMatchObject({ _id: added.body._id, _openid: 'o-db', text: 'hello', atIsDate: true })
    expect(got.body.at).toBeGreaterThanOrEqual(before)
    expect(got.body.at).toBeLessThanOrEqual(cloud.clock.now())
    expect(counts(got)).toEqual({ reads: 1, writes: 0, storage: 0 })
  })

  it('when doc().get() asks for a missing document, then it fails as the SDK does', async () => {
    const reply = await cloud.call('notes', { action: 'getMissing' }, 'o-db')
    expect(reply.body).toEqual({
      threw: true,
      errCode: -1,
      errMsg: expect.stringMatching(/^document\.get:fail document with _id no-such-note does not exist/),
    })
  })

  it('when a function counts and updates, then the engine answers and the ops are counted', async () => {
    const { body: note } = await cloud.call('notes', { action: 'add', text: 'counted' }, 'o-db')
    const bumped = await cloud.call('notes', { action: 'bump', id: note._id }, 'o-db')
    expect(bumped.body).toEqual({ updated: 1 })
    expect(cloud.db.find('notes', { _id: note._id })[0].bumps).toBe(1)
    const counted = await cloud.call('notes', { action: 'count' }, 'o-db')
    expect(counted.body.total).toBe(cloud.db.count('notes'))
    expect(counts(counted).reads).toBe(1)
  })

  it('when a transaction commits two updates, then both apply and count as two writes', async () => {
    const { body: a } = await cloud.call('notes', { action: 'add', text: 'from' }, 'o-tx')
    const { body: b } = await cloud.call('notes', { action: 'add', text: 'to' }, 'o-tx')
    const reply = await cloud.call('notes', { action: 'transfer', from: a._id, to: b._id }, 'o-tx')
    expect(reply.body).toBe('done')
    expect(counts(reply).writes).toBe(2)
    expect(cloud.db.find('notes', { _id: a._id })[0].moved).toBe(true)
    expect(cloud.db.find('notes', { _id: b._id })[0].received).toBe(true)
  })

  // https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-server-api/database/Database.runTransaction.html
  it('when three transactions read-modify-write one document at once, then none is lost: each conflict is reported and the function runs again', async () => {
    const add = async () => (await cloud.call('notes', { action: 'add', text: 'counter' }, 'o-tx')).body._id as string
    // Warm three instances so the three calls below truly run side by side.
    const warm = await add()
    await Promise.all([1, 2, 3].map(() => cloud.call('notes', { action: 'txIncrement', id: warm }, 'o-tx')))
    const id = await add()
    const replies = await Promise.all([1, 2, 3].map(() => cloud.call('notes', { action: 'txIncrement', id }, 'o-tx')))
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200])
    expect(cloud.db.find('notes', { _id: id })[0].n).toBe(3)
    const attempts = replies.map((r) => r.body.attempts as number)
    expect(Math.max(...attempts)).toBeGreaterThan(1)
  })

  it('when a transaction rolls back, then nothing changes and no write is counted', async () => {
    const { body: a } = await cloud.call('notes', { action: 'add', text: 'stays' }, 'o-tx')
    const reply = await cloud.call('notes', { action: 'abortedTransfer', from: a._id }, 'o-tx')
    expect(reply.body).toEqual({ rolledBack: 'changed my mind' })
    expect(counts(reply).writes).toBe(0)
    expect(cloud.db.find('notes', { _id: a._id })[0].moved).toBeUndefined()
  })
})

describe('stats', () => {
  it('when functions run, then /_local/stats has per-function calls, reads, writes and totals that add up', async () => {
    const before = (await cloud.request('/_local/stats')).body
    await cloud.call('notes', { action: 'add', text: 's1' }, 'o-stats')
    await cloud.call('notes', { action: 'count' }, 'o-stats')
    await cloud.call('boom', {})
    const after = (await cloud.request('/_local/stats')).body
    const delta = (fn: string, key: string) => (after.functions[fn]?.[key] ?? 0) - (before.functions[fn]?.[key] ?? 0)
    expect(delta('notes', 'calls')).toBe(2)
    expect(delta('notes', 'dbWrites')).toBe(1)
    expect(delta('notes', 'dbReads')).toBe(1)
    expect(delta('boom', 'calls')).toBe(1)
    expect(delta('boom', 'errors')).toBe(1)
    for (const key of ['calls', 'errors', 'dbReads', 'dbWrites', 'storageOps'] as const) {
      const sum = Object.values(after.functions as Record<string, Record<string, number>>).reduce((total, stats) => total + stats[key], 0)
      expect(after.totals[key]).toBe(sum)
    }
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestCloud, startTestCloud } from './helpers'

// Aggregation stages and expressions, `$expr` and `$jsonSchema` built with wx-server-sdk's own
// builders (db.command.aggregate, db.command.expr, db.command.jsonSchema) in the `agglab` fixture,
// answered as MongoDB would: docs/cloudbase/database.md §2.8, §3.
let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
  expect((await cloud.call('agglab', { action: 'seed' })).body).toEqual({ ok: true })
})
afterAll(() => cloud.destroy())

const agg = async (name: string) => {
  const reply = await cloud.call('agglab', { action: 'aggregate', name })
  expect(reply.status).toBe(200)
  return reply.body
}
const where = async (name: string) => (await cloud.call('agglab', { action: 'where', name })).body

describe('aggregation expressions through the SDK', () => {
  it('when $sum of a list, $cond, $neq and $let are projected, then each document gets the computed values', async () => {
    expect((await agg('arithmetic')).list).toEqual([
      { _id: 'a', total: 11, big: 'small', notOne: false, doubled: 2 },
      { _id: 'b', total: 13, big: 'big', notOne: true, doubled: 6 },
      { _id: 'c', total: 15, big: 'big', notOne: true, doubled: 10 },
    ])
  })

  it('when $dateToString has a timezone, then the date is written in that zone (Asia/Shanghai is UTC+8)', async () => {
    expect((await agg('dates')).list).toEqual([
      { _id: 'a', shanghai: '2024-01-02 04:30', utc: '2024-01-01 20:30' },
      { _id: 'b', shanghai: '2024-07-01 00:00', utc: '2024-06-30 16:00' },
      { _id: 'c', shanghai: '2024-12-31 23:59', utc: '2024-12-31 15:59' },
    ])
  })

  it('when string operators read Chinese text, then code points and UTF-8 bytes are counted as MongoDB counts them', async () => {
    expect((await agg('strings')).list).toEqual([
      { _id: 'a', cp: 2, bytes: 6, len: 5, lenBytes: 9, head: '微供', parts: ['微供a', 'c'] },
      { _id: 'b', cp: -1, bytes: -1, len: 5, lenBytes: 5, head: 'he', parts: ['hello'] },
      { _id: 'c', cp: -1, bytes: -1, len: 1, lenBytes: 3, head: '供', parts: ['供'] },
    ])
  })

  it('when set and object operators are projected, then unions, subsets, merges and pairs come back', async () => {
    const sets = (await agg('sets')).list as Array<{ _id: string; union: string[]; hasT2: boolean }>
    expect(sets.map((d) => ({ ...d, union: [...d.union].sort() }))).toEqual([
      { _id: 'a', union: ['t1', 't2', 't9'], hasT2: true },
      { _id: 'b', union: ['t2', 't9'], hasT2: true },
      { _id: 'c', union: ['t9'], hasT2: false },
    ])
    expect((await agg('objects')).list[0]).toEqual({
      _id: 'a',
      merged: { k: 1, shared: 'a', z: 0 },
      pairs: [
        { k: 'k', v: 1 },
        { k: 'shared', v: 'a' },
      ],
    })
  })

  it('when a $group accumulator is given a list, then it is refused as MongoDB refuses it', async () => {
    expect((await agg('accumulators')).error).toEqual({
      code: 'INVALID_PARAM',
      errCode: -1,
      errMsg: 'collection.aggregate:fail The $sum accumulator is a unary operator',
    })
  })
})

describe('aggregation stages through the SDK', () => {
  it('when $stdDevPop, $stdDevSamp and $mergeObjects (of a field and of an object) accumulate groups, then MongoDB values come back', async () => {
    expect((await agg('deviations')).list).toEqual([
      { _id: 'x', pop: 1, samp: Math.SQRT2, metas: { k: 1, shared: 'b', j: 2 }, lasts: { last: 3 } },
      { _id: 'y', pop: 0, samp: null, metas: { k: 3 }, lasts: { last: 5 } },
    ])
  })

  it('when $sample, $sortByCount and $replaceRoot run, then distinct samples, counts and the new roots come back', async () => {
    const sample = (await agg('sample')).list as Array<{ _id: string }>
    expect(sample).toHaveLength(2)
    expect(new Set(sample.map((d) => d._id)).size).toBe(2)
    expect((await agg('sortByCount')).list).toEqual([
      { _id: 'x', count: 2 },
      { _id: 'y', count: 1 },
    ])
    expect((await agg('replaceRoot')).list).toEqual([{ k: 1, shared: 'a' }, { j: 2, shared: 'b' }, { k: 3 }])
  })

  it('when $lookup has let and a pipeline with $expr, then each document gets its siblings', async () => {
    expect((await agg('lookupPipeline')).list).toEqual([
      { _id: 'a', siblings: [{ _id: 'b' }] },
      { _id: 'b', siblings: [{ _id: 'a' }] },
      { _id: 'c', siblings: [] },
    ])
  })

  it('when $meta (text search) or the $geoNear stage is used, then the function gets INVALID_PARAM, never a silent answer', async () => {
    expect((await agg('meta')).error).toMatchObject({ code: 'INVALID_PARAM', errMsg: expect.stringContaining('$meta') })
    expect((await agg('geoNear')).error).toMatchObject({ code: 'INVALID_PARAM', errMsg: expect.stringContaining('$geoNear') })
  })
})

describe('projection through the SDK', () => {
  it('when field() uses db.command.project.elemMatch, then the first matching element comes back, and the field is left out without one', async () => {
    expect((await cloud.call('agglab', { action: 'projectElemMatch' })).body).toEqual([
      { _id: 'a', n: 1, tags: ['t2'] },
      { _id: 'c', n: 5 },
    ])
  })
})

describe('query $expr and $jsonSchema through the SDK', () => {
  it('when _.expr compares two fields, then a missing field counts below every number, as in MongoDB', async () => {
    expect(await where('expr')).toEqual({ ids: ['b', 'c'] })
  })

  it('when _.jsonSchema is used alone or with other conditions, then documents valid for the schema match', async () => {
    expect(await where('jsonSchema')).toEqual({ ids: ['b', 'c'] })
    expect(await where('jsonSchemaAndField')).toEqual({ ids: ['a', 'b'] })
  })

  it('when a schema uses a keyword MongoDB refuses, or a geo command is sent, then the function gets -501007', async () => {
    expect(await where('badSchema')).toEqual({
      error: { errCode: -501007, errMsg: 'collection.get:fail -501007 invalid parameters. $jsonSchema keyword format is not supported' },
    })
    expect((await where('geo')).error.errCode).toBe(-501007)
  })
})

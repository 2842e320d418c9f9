import { beforeEach, describe, expect, it } from 'vitest'
import type { LocalDatabase } from '../../local/db/index'
import { openWithOrders } from './aggregate-fixture'
import { add, aggregate, failure, list } from './helpers'

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/Aggregate.html
let db: LocalDatabase

beforeEach(async () => {
  db = await openWithOrders()
})
describe('aggregate pipelines', () => {
  it('when $match, $group, $sort and $project run as the SDK sends them, then totals per group come back', async () => {
    const out = await list(
      db,
      aggregate('items', [
        ['$match', { status: 'paid', amount: { $gt: 1 } }],
        [
          '$group',
          {
            _id: '$shop',
            total: { $sum: '$amount' },
            n: { $sum: 1 },
            avg: { $avg: '$amount' },
            max: { $max: '$amount' },
            min: { $min: '$amount' },
            first: { $first: '$_id' },
            ids: { $push: '$_id' },
          },
        ],
        ['$sort', { total: -1 }],
        ['$project', { _id: 0, shop: '$_id', total: 1, n: 1, avg: 1, max: 1, min: 1, first: 1, ids: 1 }],
      ]),
    )
    expect(out).toEqual([
      { total: 40, n: 2, avg: 20, max: 30, min: 10, first: 'o1', ids: ['o1', 'o2'], shop: 's1' },
      { total: 5, n: 1, avg: 5, max: 5, min: 5, first: 'o3', ids: ['o3'], shop: 's2' },
    ])
  })
  it('when $skip and $limit (sent as plain JSON scalars) follow a $sort, then the window is returned', async () => {
    const out = await list(
      db,
      aggregate('items', [
        ['$sort', { amount: 1 }],
        ['$skip', 1],
        ['$limit', 2],
        ['$project', { amount: 1 }],
      ]),
    )
    expect(out).toEqual([
      { _id: 'o1', amount: 10 },
      { _id: 'o2', amount: 30 },
    ])
  })
  it('when $count is used, then one document carries the number of inputs', async () => {
    expect(
      await list(
        db,
        aggregate('items', [
          ['$match', { status: 'paid' }],
          ['$count', 'paid'],
        ]),
      ),
    ).toEqual([{ paid: 3 }])
  })
  it('when $unwind spreads an array, then one document per element comes back (empty arrays dropped)', async () => {
    const out = await list(
      db,
      aggregate('items', [
        ['$unwind', '$items'],
        ['$group', { _id: '$items.sku', qty: { $sum: '$items.qty' } }],
        ['$sort', { _id: 1 }],
      ]),
    )
    expect(out).toEqual([
      { _id: 'a', qty: 4 },
      { _id: 'b', qty: 2 },
    ])
  })
  it('when $lookup joins by localField/foreignField, then matching documents are embedded', async () => {
    const out = await list(
      db,
      aggregate('items', [
        ['$match', { _id: { $in: ['o1', 'o4'] } }],
        ['$lookup', { from: 'users', localField: 'uid', foreignField: '_id', as: 'user' }],
        ['$project', { user: 1 }],
      ]),
    )
    expect(out).toEqual([
      { _id: 'o1', user: [{ _id: 'u1', openid: 'x1', name: 'Ann' }] },
      { _id: 'o4', user: [] },
    ])
  })
  it('when $addFields computes a value, then it is added to each document', async () => {
    const out = await list(
      db,
      aggregate('items', [
        ['$match', { _id: 'o2' }],
        ['$addFields', { double: { $multiply: ['$amount', 2] } }],
        ['$project', { double: 1, _id: 0 }],
      ]),
    )
    expect(out).toEqual([{ double: 60 }])
  })
  it('when a stage CloudBase does not document is sent, then INVALID_PARAM is answered', async () => {
    for (const stage of ['$facet', '$geoNear', '$out', '$merge', '$unionWith', '$graphLookup', '$setWindowFields', '$densify']) {
      const e = await failure(
        db,
        aggregate('items', [
          ['$match', { status: 'paid' }],
          [stage, {}],
        ]),
      )
      expect(e.code).toBe('INVALID_PARAM')
    }
  })
  // Aggregate.lookup: "指定多个连接条件" with let and pipeline (the earlier version of this suite refused it).
  it('when $lookup has let and a pipeline with $expr, then the sub-pipeline runs per document with the variables', async () => {
    const pipelineLookup = {
      from: 'users',
      let: { u: '$uid' },
      pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$u'] } } }, { $project: { _id: 0, name: 1 } }],
      as: 'user',
    }
    const out = await list(
      db,
      aggregate('items', [
        ['$match', { _id: { $in: ['o1', 'o3', 'o4'] } }],
        ['$lookup', pipelineLookup],
        ['$project', { user: 1 }],
      ]),
    )
    expect(out).toEqual([
      { _id: 'o1', user: [{ name: 'Ann' }] },
      { _id: 'o3', user: [{ name: 'Ann' }] },
      { _id: 'o4', user: [] },
    ])
  })
})

describe('aggregate: where mingo is adapted to MongoDB', () => {
  it('when an array local field has values without a match, then only matching documents are joined (no nulls)', async () => {
    await db.handle(add('items', { _id: 'o5', uids: ['u2', 'nobody', 'u1'] }))
    const out = await list(
      db,
      aggregate('items', [
        ['$match', { _id: 'o5' }],
        ['$lookup', { from: 'users', localField: 'uids', foreignField: '_id', as: 'users' }],
        ['$project', { n: { $size: '$users' }, names: '$users.name' }],
      ]),
    )
    expect(out).toEqual([{ _id: 'o5', n: 2, names: ['Ann', 'Bo'] }])
  })
  it('when $addFields writes a nested field after $unwind, then each unwound document gets its own value', async () => {
    await db.handle(add('items', { _id: 'o6', meta: { k: 1 }, tags: ['a', 'b'] }))
    const out = await list(
      db,
      aggregate('items', [
        ['$match', { _id: 'o6' }],
        ['$unwind', '$tags'],
        ['$addFields', { 'meta.tag': '$tags' }],
        ['$project', { meta: 1, _id: 0 }],
      ]),
    )
    expect(out).toEqual([{ meta: { k: 1, tag: 'a' } }, { meta: { k: 1, tag: 'b' } }])
  })
  it('when $sample asks for more documents than there are, then each document comes back once', async () => {
    const out = await list(db, aggregate('items', [['$sample', { size: 10 }]]))
    expect(out.map((d) => d._id).sort()).toEqual(['o1', 'o2', 'o3', 'o4'])
  })
  it('when $sort orders mixed types and arrays, then BSON order applies as in orderBy (missing first, arrays by their smallest element)', async () => {
    await db.handle(add('items', { _id: 'r1', rank: 'x' }, { _id: 'r2', rank: [5, 1] }, { _id: 'r3', rank: 3 }))
    const out = await list(
      db,
      aggregate('items', [
        ['$sort', { rank: 1 }],
        ['$project', { _id: 1 }],
      ]),
    )
    expect(out.map((d) => d._id)).toEqual(['o1', 'o2', 'o3', 'o4', 'r2', 'r3', 'r1'])
    const desc = await list(
      db,
      aggregate('items', [
        ['$sort', { rank: -1 }],
        ['$limit', 3],
        ['$project', { _id: 1 }],
      ]),
    )
    expect(desc.map((d) => d._id)).toEqual(['r1', 'r2', 'r3'])
  })
  it('when $skip, $limit, $unwind or $sample carry a malformed argument, then INVALID_PARAM is answered', async () => {
    for (const [stage, arg] of [
      ['$skip', -1],
      ['$limit', 0],
      ['$limit', 1.5],
      ['$unwind', 'items'],
      ['$sample', { size: -1 }],
      ['$group', { total: { $sum: 1 } }],
    ] as const) {
      expect((await failure(db, aggregate('items', [[stage, arg]]))).code).toBe('INVALID_PARAM')
    }
  })
  it('when an expression operator CloudBase does not document is used, then INVALID_PARAM is answered', async () => {
    for (const expr of [
      { $regexMatch: { input: '$shop', regex: 's' } },
      { $function: { body: 'x', args: [], lang: 'js' } },
      { $toString: '$amount' },
      '$$NOW',
    ]) {
      expect((await failure(db, aggregate('items', [['$project', { x: expr }]]))).code).toBe('INVALID_PARAM')
    }
    expect((await failure(db, aggregate('items', [['$group', { _id: null, x: { $accumulator: {} } }]]))).code).toBe('INVALID_PARAM')
    // Refused up front, not only when a document reaches the operator.
    expect(
      (
        await failure(
          db,
          aggregate('items', [
            ['$match', { _id: 'none' }],
            ['$addFields', { x: { $toString: 1 } }],
          ]),
        )
      ).code,
    ).toBe('INVALID_PARAM')
  })
})

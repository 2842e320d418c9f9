import { beforeEach, describe, expect, it } from 'vitest'
import type { LocalDatabase } from '../../local/db/index'
import { add, aggregate, failure, list, open } from './helpers'

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/Aggregate.html
let db: LocalDatabase

beforeEach(async () => {
  db = open()
  await db.handle(
    add(
      'items',
      { _id: 'o1', shop: 's1', status: 'paid', amount: 10, uid: 'u1', items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }] },
      { _id: 'o2', shop: 's1', status: 'paid', amount: 30, uid: 'u2', items: [{ sku: 'a', qty: 3 }] },
      { _id: 'o3', shop: 's2', status: 'paid', amount: 5, uid: 'u1', items: [] },
      { _id: 'o4', shop: 's2', status: 'cancelled', amount: 100, uid: 'u3' },
    ),
  )
  await db.handle(add('users', { _id: 'u1', openid: 'x1', name: 'Ann' }, { _id: 'u2', openid: 'x2', name: 'Bo' }))
})

describe('aggregate pipelines', () => {
  it('when $match, $group, $sort and $project run as the SDK sends them, then totals per group come back', async () => {
    const out = await list(
      db,
      aggregate('items', [
        ['$match', { status: 'paid', amount: { $gt: 1 } }],
        ['$group', { _id: '$shop', total: { $sum: '$amount' }, n: { $sum: 1 }, avg: { $avg: '$amount' }, max: { $max: '$amount' }, min: { $min: '$amount' }, first: { $first: '$_id' }, ids: { $push: '$_id' } }],
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
    const out = await list(db, aggregate('items', [['$sort', { amount: 1 }], ['$skip', 1], ['$limit', 2], ['$project', { amount: 1 }]]))
    expect(out).toEqual([{ _id: 'o1', amount: 10 }, { _id: 'o2', amount: 30 }])
  })
  it('when $count is used, then one document carries the number of inputs', async () => {
    expect(await list(db, aggregate('items', [['$match', { status: 'paid' }], ['$count', 'paid']]))).toEqual([{ paid: 3 }])
  })
  it('when $unwind spreads an array, then one document per element comes back (empty arrays dropped)', async () => {
    const out = await list(db, aggregate('items', [['$unwind', '$items'], ['$group', { _id: '$items.sku', qty: { $sum: '$items.qty' } }], ['$sort', { _id: 1 }]]))
    expect(out).toEqual([{ _id: 'a', qty: 4 }, { _id: 'b', qty: 2 }])
  })
  it('when $lookup joins by localField/foreignField, then matching documents are embedded', async () => {
    const out = await list(db, aggregate('items', [['$match', { _id: { $in: ['o1', 'o4'] } }], ['$lookup', { from: 'users', localField: 'uid', foreignField: '_id', as: 'user' }], ['$project', { user: 1 }]]))
    expect(out).toEqual([
      { _id: 'o1', user: [{ _id: 'u1', openid: 'x1', name: 'Ann' }] },
      { _id: 'o4', user: [] },
    ])
  })
  it('when $addFields computes a value, then it is added to each document', async () => {
    const out = await list(db, aggregate('items', [['$match', { _id: 'o2' }], ['$addFields', { double: { $multiply: ['$amount', 2] } }], ['$project', { double: 1, _id: 0 }]]))
    expect(out).toEqual([{ double: 60 }])
  })
  it('when an unsupported stage or the pipeline form of $lookup is sent, then INVALID_PARAM is answered', async () => {
    expect((await failure(db, aggregate('items', [['$facet', {}]]))).code).toBe('INVALID_PARAM')
    const pipelineLookup = { from: 'users', let: { u: '$uid' }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$u'] } } }], as: 'user' }
    expect((await failure(db, aggregate('items', [['$lookup', pipelineLookup]]))).code).toBe('INVALID_PARAM')
  })
})

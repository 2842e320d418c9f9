import { beforeEach, describe, expect, it } from 'vitest'
import type { LocalDatabase } from '../../local/db/index'
import { openWithOrders } from './aggregate-fixture'
import { add, aggregate, failure, list } from './helpers'

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/Aggregate.html
let db: LocalDatabase

beforeEach(async () => {
  db = await openWithOrders()
})

// The stages and operators of db.command.aggregate that mingo brings (AggregateCommand in the reference).
describe('aggregate: documented stages and operators', () => {
  it('when $sortByCount, $replaceRoot and $bucket are used, then MongoDB results come back', async () => {
    expect(await list(db, aggregate('items', [['$sortByCount', '$shop']]))).toEqual([
      { _id: 's1', count: 2 },
      { _id: 's2', count: 2 },
    ])
    expect(
      await list(
        db,
        aggregate('items', [
          ['$match', { _id: 'o1' }],
          ['$replaceRoot', { newRoot: { $arrayElemAt: ['$items', 1] } }],
        ]),
      ),
    ).toEqual([{ sku: 'b', qty: 2 }])
    const buckets = await list(
      db,
      aggregate('items', [['$bucket', { groupBy: '$amount', boundaries: [0, 20, 1000], default: 'other', output: { n: { $sum: 1 } } }]]),
    )
    expect(buckets).toEqual([
      { _id: 0, n: 2 },
      { _id: 20, n: 2 },
    ])
  })
  it('when conditional, variable, string, set and object expressions are used, then they evaluate as in MongoDB', async () => {
    const out = await list(
      db,
      aggregate('items', [
        ['$match', { _id: 'o1' }],
        [
          '$project',
          {
            _id: 0,
            big: { $cond: { if: { $gte: ['$amount', 10] }, then: 'yes', else: 'no' } },
            doubled: { $let: { vars: { a: '$amount' }, in: { $multiply: ['$$a', 2] } } },
            label: { $concat: [{ $toUpper: '$shop' }, '-', { $substrCP: ['$status', 0, 2] }] },
            skus: { $setUnion: ['$items.sku', ['a', 'z']] },
            merged: { $mergeObjects: [{ a: 1 }, { b: '$uid' }] },
            qty: { $sum: '$items.qty' },
          },
        ],
      ]),
    )
    expect(out).toEqual([{ big: 'yes', doubled: 20, label: 'S1-pa', skus: ['a', 'b', 'z'], merged: { a: 1, b: 'u1' }, qty: 3 }])
  })
  it('when $dateToString has a timezone, then the date is formatted in that zone', async () => {
    await db.handle(add('items', { _id: 'o7', at: new Date('2023-11-14T22:13:20Z') }))
    const out = await list(
      db,
      aggregate('items', [
        ['$match', { _id: 'o7' }],
        [
          '$project',
          {
            _id: 0,
            local: { $dateToString: { date: '$at', format: '%Y-%m-%d %H:%M', timezone: 'Asia/Shanghai' } },
            utc: { $dateToString: { date: '$at', format: '%H:%M' } },
          },
        ],
      ]),
    )
    expect(out).toEqual([{ local: '2023-11-15 06:13', utc: '22:13' }])
  })
  it('when $stdDevPop and $mergeObjects accumulate a group, then population deviation and merged objects come back', async () => {
    await db.handle(
      add(
        'items',
        { _id: 'm1', status: 'merge', amount: 2, opts: { a: 1, b: 1 } },
        { _id: 'm2', status: 'merge', amount: 4, opts: { b: 2 } },
      ),
    )
    const out = await list(
      db,
      aggregate('items', [
        ['$match', { status: 'merge' }],
        ['$group', { _id: '$status', sd: { $stdDevPop: '$amount' }, opts: { $mergeObjects: '$opts' } }],
      ]),
    )
    expect(out).toEqual([{ _id: 'merge', sd: 1, opts: { a: 1, b: 2 } }])
  })
  it("when $mergeObjects accumulates an object expression, then each document's object is merged in order", async () => {
    const out = await list(
      db,
      aggregate('items', [
        ['$match', { status: 'paid' }],
        ['$sort', { _id: 1 }],
        ['$group', { _id: '$shop', last: { $mergeObjects: { amount: '$amount', uid: '$uid' } }, sd: { $stdDevSamp: '$amount' } }],
        ['$sort', { _id: 1 }],
      ]),
    )
    expect(out).toEqual([
      { _id: 's1', last: { amount: 30, uid: 'u2' }, sd: Math.sqrt(200) },
      { _id: 's2', last: { amount: 5, uid: 'u1' }, sd: null },
    ])
  })
  it('when a $group accumulator gets an array ($sum: [..]), then INVALID_PARAM is answered, while $sum of a list works in $project', async () => {
    const e = await failure(db, aggregate('items', [['$group', { _id: null, n: { $sum: [1, 2] } }]]))
    expect([e.code, e.message]).toEqual(['INVALID_PARAM', 'The $sum accumulator is a unary operator'])
    const out = await list(
      db,
      aggregate('items', [
        ['$match', { _id: 'o1' }],
        ['$project', { _id: 0, n: { $sum: ['$amount', 5, '$nothing'] } }],
      ]),
    )
    expect(out).toEqual([{ n: 15 }])
  })
})

// Operators of db.command.aggregate that this module evaluates itself (mingo lacks them or differs from MongoDB).
describe('aggregate: operators evaluated here', () => {
  const project = async (expr: Record<string, unknown>) =>
    (
      await list(
        db,
        aggregate('items', [
          ['$match', { _id: 'o1' }],
          ['$project', { _id: 0, ...expr }],
        ]),
      )
    )[0]

  it('when $indexOfCP and $indexOfBytes search a Chinese string, then code point and UTF-8 byte indexes come back', async () => {
    await db.handle(add('items', { _id: 'zh', s: '微供abc微供' }))
    const out = await list(
      db,
      aggregate('items', [
        ['$match', { _id: 'zh' }],
        [
          '$project',
          {
            _id: 0,
            cp: { $indexOfCP: ['$s', 'a'] },
            cpFrom: { $indexOfCP: ['$s', '供', 2] },
            cpWindow: { $indexOfCP: ['$s', 'c', 0, 4] },
            bytes: { $indexOfBytes: ['$s', 'a'] },
            bytesFrom: { $indexOfBytes: ['$s', '供', 4] },
            missing: { $indexOfCP: ['$nothing', 'a'] },
            none: { $indexOfCP: ['$s', 'z'] },
            empty: { $indexOfCP: ['$s', '', 3] },
            backwards: { $indexOfBytes: ['$s', 'a', 5, 2] },
          },
        ],
      ]),
    )
    expect(out).toEqual([{ cp: 2, cpFrom: 6, cpWindow: -1, bytes: 6, bytesFrom: 12, missing: null, none: -1, empty: 3, backwards: -1 }])
    expect((await failure(db, aggregate('items', [['$project', { x: { $indexOfCP: ['$shop', 's', -1] } }]]))).code).toBe('INVALID_PARAM')
  })
  it('when comparisons meet missing fields, other types or arrays, then BSON order decides (missing below null)', async () => {
    expect(
      await project({
        gtMissing: { $gt: ['$amount', '$nothing'] },
        eqMissingNull: { $eq: ['$nothing', null] },
        cmpTypes: { $cmp: ['$shop', 100] },
        arrayWhole: { $eq: ['$items.sku', ['a', 'b']] },
        arrayNotSearched: { $eq: ['$items.sku', 'a'] },
        neq: { $neq: ['$amount', 10] },
      }),
    ).toEqual({ gtMissing: true, eqMissingNull: false, cmpTypes: 1, arrayWhole: true, arrayNotSearched: false, neq: false })
  })
})

import { beforeEach, describe, expect, it } from 'vitest'
import type { LocalDatabase } from '../../local/db/index'
import { add, countOf, docGet, ej, failure, list, open, pluck, regex, serverDate, where } from './helpers'

let db: LocalDatabase

const seed = [
  {
    _id: 'a',
    n: 1,
    s: 'apple',
    tags: ['x', 'y'],
    nested: { k: 1, deep: { z: 'q' } },
    items: [
      { p: 'p1', q: 2 },
      { p: 'p2', q: 5 },
    ],
    flag: true,
  },
  { _id: 'b', n: 5, s: 'banana', tags: ['y'], nested: { k: 2 }, items: [{ p: 'p3', q: 1 }], flag: false },
  { _id: 'c', n: 10, s: 'cherry', tags: [], nested: { k: 3 }, nil: null, items: [] },
  { _id: 'd', n: '7', s: 'Date', at: new Date(1_000) },
  { _id: 'e', n: 2.5, s: 'elder', tags: ['x', 'y', 'z'], at: new Date(5_000) },
]

beforeEach(async () => {
  db = open()
  await db.handle(add('items', ...seed))
})

const ids = async (query: unknown, extra: Record<string, unknown> = {}) => pluck(await list(db, where('items', query, extra)), '_id')

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.eq.html
// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.where.html
describe('where: equality and dot paths', () => {
  it('when a plain value is given, then only documents with that value match', async () => {
    expect(await ids({ s: 'banana' })).toEqual(['b'])
  })
  it('when a nested where object arrives flattened to a dot path, then the nested field is matched', async () => {
    expect(await ids({ 'nested.k': 2 })).toEqual(['b'])
    expect(await ids({ 'nested.deep.z': 'q' })).toEqual(['a'])
  })
  it('when _.eq is given an object, then it matches the whole sub-document only', async () => {
    expect(await ids({ nested: { $eq: { k: 2 } } })).toEqual(['b'])
    expect(await ids({ nested: { $eq: { k: 1 } } })).toEqual([])
  })
  it('when a scalar condition targets an array field, then it matches if any element matches', async () => {
    expect(await ids({ tags: 'x' })).toEqual(['a', 'e'])
  })
  it('when a dot path crosses an array of documents, then any element can match', async () => {
    expect(await ids({ 'items.p': 'p3' })).toEqual(['b'])
    expect(await ids({ 'items.q': { $gt: 4 } })).toEqual(['a'])
  })
  it('when a numeric segment is used, then it indexes into the array', async () => {
    expect(await ids({ 'items.1.p': 'p2' })).toEqual(['a'])
    expect(await ids({ 'tags.0': 'y' })).toEqual(['b'])
  })
  it('when null is the value, then documents missing the field or holding null match', async () => {
    expect(await ids({ nil: null })).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(await ids({ nil: { $exists: true } })).toEqual(['c'])
  })
  it('when a where value is a number, then the string "7" does not match it (types differ)', async () => {
    expect(await ids({ n: 7 })).toEqual([])
    expect(await ids({ n: '7' })).toEqual(['d'])
  })
})

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.lt.html
describe('comparison commands', () => {
  it('when $gt/$lte are combined on one field, then both apply', async () => {
    expect(await ids({ n: { $gt: 1, $lte: 5 } })).toEqual(['b', 'e'])
  })
  it('when a number range is queried, then string values never match (comparison is per type)', async () => {
    expect(await ids({ n: { $lt: 100 } })).toEqual(['a', 'b', 'c', 'e'])
  })
  it('when a string range is queried, then strings compare by code point (uppercase first)', async () => {
    expect(await ids({ s: { $lt: 'b' } })).toEqual(['a', 'd'])
  })
  it('when $ne is used, then documents missing the field match too', async () => {
    expect(await ids({ flag: { $ne: true } })).toEqual(['b', 'c', 'd', 'e'])
  })
  it('when $ne targets an array field, then a document with the value among its elements does not match', async () => {
    expect(await ids({ tags: { $ne: 'x' } })).toEqual(['b', 'c', 'd'])
  })
  it('when dates are compared with a date, then the order of time applies', async () => {
    expect(await ids({ at: { $gte: new Date(2_000) } })).toEqual(['e'])
  })
})

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.in.html
describe('set, array and element commands', () => {
  it('when $in / $nin are used, then membership decides (array fields by element)', async () => {
    expect(await ids({ s: { $in: ['apple', 'cherry'] } })).toEqual(['a', 'c'])
    expect(await ids({ tags: { $in: ['z'] } })).toEqual(['e'])
    expect(await ids({ s: { $nin: ['apple', 'cherry'] } })).toEqual(['b', 'd', 'e'])
  })
  it('when $all is used, then every listed value must be present', async () => {
    expect(await ids({ tags: { $all: ['x', 'y'] } })).toEqual(['a', 'e'])
  })
  it('when $size is used, then the array length must equal it', async () => {
    expect(await ids({ tags: { $size: 0 } })).toEqual(['c'])
    expect(await ids({ tags: { $size: 3 } })).toEqual(['e'])
  })
  it('when $elemMatch is used, then one element must satisfy all conditions', async () => {
    expect(await ids({ items: { $elemMatch: { p: 'p1', q: { $gte: 2 } } } })).toEqual(['a'])
    expect(await ids({ items: { $elemMatch: { p: 'p1', q: 5 } } })).toEqual([])
  })
  it('when $exists is used, then presence decides', async () => {
    expect(await ids({ at: { $exists: true } })).toEqual(['d', 'e'])
    expect(await ids({ at: { $exists: false } })).toEqual(['a', 'b', 'c'])
  })
  it('when $mod is used, then the remainder of the division decides', async () => {
    expect(await ids({ n: { $mod: [5, 0] } })).toEqual(['b', 'c'])
  })
  it('when $not wraps a condition, then it negates it', async () => {
    expect(await ids({ n: { $not: { $gt: 2 } } })).toEqual(['a', 'd'])
  })
  // Command.all, example 2: _.all([_.elemMatch(…), _.elemMatch(…)]) on an array of objects.
  it('when $all lists $elemMatch conditions, then each one must be met by some element', async () => {
    expect(await ids({ items: { $all: [{ $elemMatch: { q: { $gt: 4 } } }, { $elemMatch: { p: 'p1' } }] } })).toEqual(['a'])
    expect(await ids({ items: { $all: [{ $elemMatch: { q: { $gt: 4 } } }, { $elemMatch: { p: 'p3' } }] } })).toEqual([])
    expect((await failure(db, where('items', { items: { $all: [{ $elemMatch: { q: 1 } }, 'x'] } }))).code).toBe('INVALID_PARAM')
  })
})

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.expr.html
describe('$expr (db.command.expr)', () => {
  beforeEach(async () => {
    await db.handle(add('items', { _id: 'x1', sold: 5, stock: 3 }, { _id: 'x2', sold: 1, stock: 3 }))
  })
  it('when $expr compares two fields of the document, then documents where the expression is true match', async () => {
    expect(await ids({ $expr: { $gt: ['$sold', '$stock'] } })).toEqual(['x1'])
    expect(await ids({ sold: { $exists: true }, $expr: { $lte: [{ $add: ['$sold', 2] }, '$stock'] } })).toEqual(['x2'])
  })
  it('when $expr uses an operator CloudBase does not document, then INVALID_PARAM is answered even if nothing would match', async () => {
    const e = await failure(db, where('items', { _id: 'none', $expr: { $regexMatch: { input: '$s', regex: 'a' } } }))
    expect(e.code).toBe('INVALID_PARAM')
    expect(e.message).toContain('$regexMatch')
  })
  it('when $expr appears inside $elemMatch, then INVALID_PARAM is answered (MongoDB allows it at the top level only)', async () => {
    expect((await failure(db, where('items', { items: { $elemMatch: { $expr: { $eq: ['$p', 'p1'] } } } }))).code).toBe('INVALID_PARAM')
  })
  // Aggregation comparisons order every value in BSON order, a missing one below null (query comparisons do not).
  it('when $expr compares with a missing field or across types, then BSON order decides, as in MongoDB', async () => {
    expect(await ids({ _id: { $in: ['a', 'b', 'c', 'x1'] }, $expr: { $gt: ['$sold', '$nothing'] } })).toEqual(['x1'])
    expect(await ids({ _id: { $in: ['a', 'c', 'd'] }, $expr: { $gt: ['$n', 5] } })).toEqual(['c', 'd'])
    expect(await ids({ _id: { $in: ['a', 'b'] }, $expr: { $eq: ['$tags', ['y']] } })).toEqual(['b'])
    expect(await ids({ _id: { $in: ['a', 'c'] }, $expr: { $eq: ['$nil', null] } })).toEqual(['c'])
  })
})

// db.command.jsonSchema: MongoDB's $jsonSchema (draft 4 with bsonType), https://www.mongodb.com/docs/manual/reference/operator/query/jsonSchema/
describe('$jsonSchema (db.command.jsonSchema)', () => {
  it('when documents are matched against a schema, then required fields, bsonType, ranges and array rules decide', async () => {
    expect(await ids({ $jsonSchema: { required: ['tags'], properties: { n: { bsonType: 'number', minimum: 2 } } } })).toEqual([
      'b',
      'c',
      'e',
    ])
    expect(await ids({ $jsonSchema: { properties: { n: { bsonType: 'int' } }, required: ['n'] } })).toEqual(['a', 'b', 'c'])
    expect(await ids({ $jsonSchema: { properties: { n: { bsonType: ['double', 'string'] } }, required: ['n'] } })).toEqual(['d', 'e'])
    expect(
      await ids({
        $jsonSchema: { properties: { tags: { type: 'array', minItems: 2, items: { enum: ['x', 'y', 'z'] } } }, required: ['tags'] },
      }),
    ).toEqual(['a', 'e'])
    expect(await ids({ $jsonSchema: { properties: { n: { maximum: 5, exclusiveMaximum: true } } } })).toEqual(['a', 'd', 'e'])
  })
  it('when a schema names dates, objects and nested rules, then a date is only a date (never a JSON object)', async () => {
    expect(await ids({ $jsonSchema: { required: ['at'], properties: { at: { bsonType: 'date' } } } })).toEqual(['d', 'e'])
    expect(await ids({ $jsonSchema: { required: ['at'], properties: { at: { type: 'object' } } } })).toEqual([])
    expect(
      await ids({ $jsonSchema: { required: ['nested'], properties: { nested: { bsonType: 'object', required: ['deep'] } } } }),
    ).toEqual(['a'])
    expect(
      await ids({
        $jsonSchema: { properties: { items: { items: { additionalProperties: false, properties: { p: {}, q: { bsonType: 'int' } } } } } },
      }),
    ).toEqual(['a', 'b', 'c', 'd', 'e'])
  })
  it('when $jsonSchema is combined with other conditions or inside $or, then it is one condition among them', async () => {
    expect(await ids({ s: { $gt: 'b' }, $jsonSchema: { required: ['flag'] } })).toEqual(['b'])
    expect(await ids({ $or: [{ $jsonSchema: { required: ['nil'] } }, { _id: 'd' }] })).toEqual(['c', 'd'])
  })
  it('when a schema uses what MongoDB refuses ($ref, format, type integer, unknown keywords or bsonType), then INVALID_PARAM is answered', async () => {
    for (const schema of [
      { properties: { n: { $ref: '#/x' } } },
      { properties: { s: { format: 'email' } } },
      { properties: { n: { type: 'integer' } } },
      { properties: { n: { bsonType: 'integer' } } },
      { propertys: {} },
      'not a schema',
    ]) {
      expect((await failure(db, where('items', { _id: 'none', $jsonSchema: schema }))).code, JSON.stringify(schema)).toBe('INVALID_PARAM')
    }
    // A property may be named like a refused keyword.
    expect(await ids({ $jsonSchema: { properties: { format: { bsonType: 'string' } } }, _id: 'a' })).toEqual(['a'])
  })
  it('when $jsonSchema appears inside $elemMatch, then INVALID_PARAM is answered (top level only)', async () => {
    expect((await failure(db, where('items', { items: { $elemMatch: { $jsonSchema: {} } } }))).code).toBe('INVALID_PARAM')
  })
})

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.and.html
describe('logical commands', () => {
  it('when a field-level .and() is hoisted to $and, then both conditions apply', async () => {
    expect(await ids({ $and: [{ n: { $lt: 6 } }, { n: { $gte: 2 } }] })).toEqual(['b', 'e'])
  })
  it('when a field-level .or() is hoisted to $or, then either condition suffices', async () => {
    expect(await ids({ $or: [{ n: { $gt: 6 } }, { n: { $lt: 2 } }] })).toEqual(['a', 'c'])
  })
  it('when $nor is used, then documents matching none of the conditions are returned', async () => {
    expect(await ids({ $nor: [{ n: 1 }, { n: 5 }] })).toEqual(['c', 'd', 'e'])
  })
  it('when $or is nested in $and with another field, then the whole expression decides', async () => {
    expect(await ids({ $and: [{ $or: [{ s: 'apple' }, { tags: 'y' }] }, { flag: { $exists: true } }] })).toEqual(['a', 'b'])
  })
})

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Database.RegExp.html
describe('regular expressions', () => {
  it('when a regex value arrives without $regex, then it is a pattern match', async () => {
    expect(await ids({ s: regex('^b') })).toEqual(['b'])
  })
  it('when the i option is given, then the match ignores case', async () => {
    expect(await ids({ s: regex('^d', 'i') })).toEqual(['d'])
  })
  it('when a JS RegExp with the g flag is sent, then it still matches every time (g is ignored)', async () => {
    expect(await ids({ s: regex('an', 'g') })).toEqual(['b'])
    expect(await ids({ s: regex('an', 'g') })).toEqual(['b'])
  })
  it('when a regex targets an array field, then any element can match', async () => {
    expect(await ids({ tags: regex('^z$') })).toEqual(['e'])
  })
})

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Database.serverDate.html
describe('serverDate in queries', () => {
  it('when a query compares with serverDate plus an offset, then the local cloud clock is used', async () => {
    const clock = { now: 3_000 }
    const db2 = open(':memory:', clock)
    await db2.handle(add('items', { _id: 'x', at: new Date(4_000) }))
    expect(pluck(await list(db2, where('items', { at: { $lt: serverDate(0) } })), '_id')).toEqual([])
    expect(pluck(await list(db2, where('items', { at: { $lt: serverDate(2_000) } })), '_id')).toEqual(['x'])
    clock.now = 5_000
    expect(pluck(await list(db2, where('items', { at: { $lt: serverDate(0) } })), '_id')).toEqual(['x'])
  })
})

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.orderBy.html
describe('orderBy, skip, limit', () => {
  it('when ordered by several fields, then key order of the order object is the priority', async () => {
    await db.handle(add('items', { _id: 'f', g: 1, h: 2 }, { _id: 'g', g: 1, h: 1 }, { _id: 'h', g: 0, h: 9 }))
    expect(await ids({ g: { $exists: true } }, { order: ej({ g: -1, h: 1 }) })).toEqual(['g', 'f', 'h'])
  })
  it('when values of different types are sorted, then MongoDB type order applies (missing < numbers < strings < dates)', async () => {
    expect(await ids({}, { order: ej({ at: -1, n: 1 }) })).toEqual(['e', 'd', 'a', 'b', 'c'])
    expect(await ids({}, { order: ej({ n: 1 }) })).toEqual(['a', 'e', 'b', 'c', 'd'])
    expect(await ids({}, { order: ej({ n: -1 }) })).toEqual(['d', 'c', 'b', 'e', 'a'])
  })
  it('when offset and limit are given, then the window of the sorted result is returned', async () => {
    expect(await ids({}, { order: ej({ s: 1 }), offset: 1, limit: 2 })).toEqual(['a', 'b'])
  })
  it('when no order is given, then documents come back in insertion order', async () => {
    expect(await ids({})).toEqual(['a', 'b', 'c', 'd', 'e'])
  })
})

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.limit.html
describe('limit caps', () => {
  it('when more than 1000 documents match, then at most 1000 come back (and 100 by default)', async () => {
    const docs = Array.from({ length: 1200 }, (_, i) => ({ i }))
    db.insertMany('posts', docs)
    expect((await list(db, where('posts', {}, { limit: 5000 }))).length).toBe(1000)
    expect((await list(db, where('posts', {}, { limit: undefined }))).length).toBe(100)
    expect((await db.handle(countOf('posts'))).data).toEqual({ total: 1200 })
  })
})

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.field.html
describe('field() projection', () => {
  it('when fields are included, then only they and _id come back', async () => {
    expect(await list(db, where('items', { _id: 'a' }, { projection: ej({ s: 1, 'nested.k': 1 }) }))).toEqual([
      { _id: 'a', s: 'apple', nested: { k: 1 } },
    ])
  })
  it('when a field is excluded, then everything else comes back', async () => {
    const [doc] = await list(db, where('items', { _id: 'b' }, { projection: ej({ items: 0, tags: 0, _id: 0 }) }))
    expect(doc).toEqual({ n: 5, s: 'banana', nested: { k: 2 }, flag: false })
  })
  it('when an array field is projected with $slice, then only that part of the array comes back', async () => {
    const [doc] = await list(db, docGet('items', 'e', { projection: ej({ tags: { $slice: -2 } }) }))
    expect(doc.tags).toEqual(['y', 'z'])
    expect(doc.s).toBe('elder')
  })
  it('when $slice is combined with included fields, then the sliced array comes back with them', async () => {
    const [doc] = await list(db, docGet('items', 'e', { projection: ej({ s: 1, tags: { $slice: [1, 1] } }) }))
    expect(doc).toEqual({ _id: 'e', s: 'elder', tags: ['y'] })
  })
  it('when the SDK sends inclusion and exclusion together, then only the included fields come back', async () => {
    const [doc] = await list(db, docGet('items', 'a', { projection: ej({ s: 1, n: 1, tags: 0 }) }))
    expect(doc).toEqual({ _id: 'a', n: 1, s: 'apple' })
  })
  // db.command.project.elemMatch: MongoDB's $elemMatch projection (the first matching element, top-level fields only).
  it('when an array is projected with $elemMatch, then only its first matching element comes back, and the field is left out without one', async () => {
    const docs = await list(
      db,
      where('items', { _id: { $in: ['a', 'b', 'c', 'd'] } }, { projection: ej({ s: 1, items: { $elemMatch: { q: { $gte: 2 } } } }) }),
    )
    expect(docs).toEqual([
      { _id: 'a', s: 'apple', items: [{ p: 'p1', q: 2 }] },
      { _id: 'b', s: 'banana' },
      { _id: 'c', s: 'cherry' },
      { _id: 'd', s: 'Date' },
    ])
    const [e] = await list(db, docGet('items', 'e', { projection: ej({ tags: { $elemMatch: { $gt: 'x' } } }) }))
    expect(e).toEqual({ _id: 'e', tags: ['y'] })
  })
  it('when $elemMatch projects a nested path or is mixed with exclusions, then INVALID_PARAM is answered', async () => {
    expect((await failure(db, where('items', {}, { projection: ej({ 'nested.k': { $elemMatch: { a: 1 } } }) }))).code).toBe('INVALID_PARAM')
    expect((await failure(db, where('items', {}, { projection: ej({ s: 0, items: { $elemMatch: { q: 1 } } }) }))).code).toBe(
      'INVALID_PARAM',
    )
  })
})

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/document/Document.get.html
describe('doc().get()', () => {
  it('when the id exists, then a one-element list carries it with dates as $date', async () => {
    const answer = await db.handle(docGet('items', 'd'))
    const data = answer.data as { list: string[] }
    expect(data.list).toHaveLength(1)
    expect(data.list[0]).toContain('"$date"')
    expect((await list(db, docGet('items', 'd')))[0].at).toEqual(new Date(1_000))
  })
  it('when the id does not exist, then the list is empty (the SDK turns it into not-found)', async () => {
    expect(await list(db, docGet('items', 'nope'))).toEqual([])
  })
  it('when doc() is given a number, then it names the document with that string id', async () => {
    await db.handle(add('items', { _id: '123', v: 1 }))
    const body = { ...docGet('items', 'x'), query: ej({ _id: 123 }) }
    expect(pluck(await list(db, body), 'v')).toEqual([1])
  })
})

describe('malformed queries', () => {
  it('when an unknown operator is used, then INVALID_PARAM is answered', async () => {
    const e = await failure(db, where('items', { n: { $near: 1 } }))
    expect(e.code).toBe('INVALID_PARAM')
    expect(e.message).toContain('$near')
  })
  it('when an operator CloudBase does not document arrives ($type, $where, $text, field-level $or), then INVALID_PARAM is answered', async () => {
    for (const query of [
      { n: { $type: 'number' } },
      { $where: 'true' },
      { $text: { $search: 'a' } },
      { n: { $or: [{ $gt: 1 }, { $lt: 0 }] } },
    ]) {
      expect((await failure(db, where('items', query))).code).toBe('INVALID_PARAM')
    }
  })
  it('when the query is not valid EJSON, then INVALID_PARAM is answered', async () => {
    expect((await failure(db, { ...where('items'), query: '{"a":' })).code).toBe('INVALID_PARAM')
  })
  it('when the collection is not declared, then DATABASE_COLLECTION_NOT_EXIST is answered', async () => {
    const e = await failure(db, where('nope', {}))
    expect(e.code).toBe('DATABASE_COLLECTION_NOT_EXIST')
  })
})

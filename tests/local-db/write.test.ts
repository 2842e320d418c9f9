import { beforeEach, describe, expect, it } from 'vitest'
import type { LocalDatabase } from '../../local/db/index'
import {
  add,
  countOf,
  docGet,
  docRemove,
  docSet,
  docUpdate,
  ej,
  failure,
  list,
  open,
  regex,
  serverDate,
  where,
  whereRemove,
  whereUpdate,
} from './helpers'

let db: LocalDatabase
const clock = { now: 1_700_000_000_000 }

beforeEach(() => {
  clock.now = 1_700_000_000_000
  db = open(':memory:', clock)
})

const one = async (collection: string, id: string) => (await list(db, docGet(collection, id)))[0]

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.add.html
describe('collection.add (insertDocument)', () => {
  it('when a document has no _id, then a 32-hex string id is generated and returned in insertedIds', async () => {
    const answer = await db.handle(add('items', { v: 1 }))
    const ids = (answer.data as { insertedIds: string[] }).insertedIds
    expect(ids).toHaveLength(1)
    expect(ids[0]).toMatch(/^[0-9a-f]{32}$/)
    expect(db.find('items', { _id: ids[0] })).toEqual([{ _id: ids[0], v: 1 }])
  })
  it('when the caller has an openid, then it is stamped as _openid', async () => {
    const answer = await db.handle(add('items', { _id: 'x', v: 1 }), 'o-caller')
    expect(answer).toEqual({ data: { insertedIds: ['x'] } })
    expect(db.find('items')).toEqual([{ _id: 'x', v: 1, _openid: 'o-caller' }])
  })
  it('when several documents are added, then all ids come back in order', async () => {
    const answer = await db.handle(add('items', { _id: 'p' }, { _id: 'q' }))
    expect(answer).toEqual({ data: { insertedIds: ['p', 'q'] } })
  })
  it('when values of every wire type are added, then they read back as the same values', async () => {
    const doc = {
      _id: 't',
      i: 3,
      big: 2 ** 40,
      f: 1.5,
      nan: NaN,
      s: 'ü中',
      b: false,
      nul: null,
      d: new Date(5),
      re: regex('^a', 'i'),
      arr: [1, { z: new Date(0) }],
      nested: { k: { deep: [1] } },
    }
    await db.handle(add('items', doc))
    const got = await one('items', 't')
    expect(got).toEqual({ ...doc, re: { pattern: '^a', options: 'i' } })
  })
  it('when serverDate is in the data, then the local clock plus offset is stored as a date', async () => {
    await db.handle(add('items', { _id: 's', at: serverDate(), later: serverDate(60_000) }))
    expect(db.find('items')).toEqual([{ _id: 's', at: new Date(clock.now), later: new Date(clock.now + 60_000) }])
  })
  it('when the _id already exists, then E11000 is answered and nothing of the batch is stored', async () => {
    await db.handle(add('items', { _id: 'dup', v: 1 }))
    const e = await failure(db, add('items', { _id: 'new', v: 2 }, { _id: 'dup', v: 3 }))
    expect(e.code).toBe('DATABASE_REQUEST_FAILED')
    expect(e.message).toMatch(/^E11000 duplicate key/)
    expect(db.find('items')).toEqual([{ _id: 'dup', v: 1 }])
  })
  // The database refuses a `$` field (DATABASE_REQUEST_FAILED, -502001), the SDK does not; a dot in a name is stored.
  it('when a field name starts with $, then DATABASE_REQUEST_FAILED is answered and nothing is stored', async () => {
    const e = await failure(db, { action: 'database.insertDocument', collectionName: 'items', data: ['{"a":{"$bad":1}}'] })
    expect(e.code).toBe('DATABASE_REQUEST_FAILED')
    expect(e.message).toBe("The dollar ($) prefixed field '$bad' in 'a.$bad' is not valid for storage.")
    expect(db.count('items')).toBe(0)
    const top = await failure(db, { action: 'database.insertDocument', collectionName: 'items', data: ['{"$_key":1}'] })
    expect(top.code).toBe('DATABASE_REQUEST_FAILED')
    await db.handle(add('items', { _id: 'dotted', 'key.': '1' }))
    expect(db.find('items')).toEqual([{ _id: 'dotted', 'key.': '1' }])
  })
})

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/indexes.html (unique indexes)
describe('unique indexes', () => {
  it('when a second user with the same openid is added, then E11000 names the index and nothing changes', async () => {
    await db.handle(add('users', { _id: 'u1', openid: 'o1', nickname: 'A' }))
    const e = await failure(db, add('users', { openid: 'o1', nickname: 'B' }))
    expect(e.code).toBe('DATABASE_REQUEST_FAILED')
    expect(e.message).toContain('E11000 duplicate key')
    expect(e.message).toContain('openid_unique')
    expect(db.find('users')).toEqual([{ _id: 'u1', openid: 'o1', nickname: 'A' }])
  })
  it('when two concurrent requests create the same user, then exactly one succeeds', async () => {
    const results = await Promise.allSettled([db.handle(add('users', { openid: 'race' })), db.handle(add('users', { openid: 'race' }))])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(db.count('users')).toBe(1)
  })
  it('when a compound unique index differs in one key, then both documents are accepted', async () => {
    await db.handle(
      add(
        'bindings',
        { supplierId: 's1', agentOpenid: 'a1' },
        { supplierId: 's1', agentOpenid: 'a2' },
        { supplierId: 's2', agentOpenid: 'a1' },
      ),
    )
    expect(db.count('bindings')).toBe(3)
    expect((await failure(db, add('bindings', { supplierId: 's1', agentOpenid: 'a2' }))).message).toContain('supplier_agent_unique')
  })
  it('when an update would duplicate a unique key, then it is refused and the document is unchanged', async () => {
    await db.handle(add('shares', { _id: 'x', token: 't1' }, { _id: 'y', token: 't2' }))
    const e = await failure(db, docUpdate('shares', 'y', { $set: { token: 't1' } }))
    expect(e.message).toContain('token_unique')
    expect(db.find('shares', { _id: 'y' })).toEqual([{ _id: 'y', token: 't2' }])
  })
  it('when two documents both lack the unique field, then the second is refused (missing counts as null)', async () => {
    await db.handle(add('shares', { _id: 'x' }))
    expect((await failure(db, add('shares', { _id: 'y' }))).code).toBe('DATABASE_REQUEST_FAILED')
  })
  it('when a multi-document update would duplicate a key, then no document of it is changed', async () => {
    await db.handle(add('shares', { _id: 'x', token: 'a', g: 1 }, { _id: 'y', token: 'b', g: 1 }))
    await failure(db, whereUpdate('shares', { g: 1 }, { $set: { token: 'same' } }))
    expect(db.find('shares').map((d) => d.token)).toEqual(['a', 'b'])
  })
})

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/document/Document.update.html
// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.set.html
describe('update operators', () => {
  beforeEach(async () => {
    await db.handle(
      add('items', { _id: 'a', n: 1, s: 'x', arr: [1, 2, 3], obj: { k: 1, keep: true }, tags: ['t'], list: [{ q: 1 }, { q: 5 }] }),
    )
  })
  const upd = async (data: unknown) => {
    const answer = await db.handle(docUpdate('items', 'a', data))
    return { answer, doc: db.find('items', { _id: 'a' })[0] }
  }

  it('when $set uses a dot path, then the nested field changes and siblings stay', async () => {
    const { answer, doc } = await upd({ $set: { 'obj.k': 2, 'new.deep.x': 'y' } })
    expect(answer).toEqual({ data: { updated: 1 } })
    expect(doc.obj).toEqual({ k: 2, keep: true })
    expect(doc.new).toEqual({ deep: { x: 'y' } })
  })
  it('when _.set replaces a sub-object, then its other fields are gone', async () => {
    expect((await upd({ $set: { obj: { k: 9 } } })).doc.obj).toEqual({ k: 9 })
  })
  it('when $set goes through a scalar, then DATABASE_REQUEST_FAILED is answered and nothing changes', async () => {
    const e = await failure(db, docUpdate('items', 'a', { $set: { 's.x': 1 } }))
    expect(e.code).toBe('DATABASE_REQUEST_FAILED')
    expect(db.find('items')[0].s).toBe('x')
  })
  it('when $unset (_.remove) is used, then the field is removed', async () => {
    expect((await upd({ $unset: { 'obj.keep': '' } })).doc.obj).toEqual({ k: 1 })
  })
  it('when $inc and $mul are used, then numbers change (missing fields start from the operand / 0)', async () => {
    const { doc } = await upd({ $inc: { n: 2, m: 3 }, $mul: { 'obj.k': 5, z: 4 } })
    expect([doc.n, doc.m, (doc.obj as { k: number }).k, doc.z]).toEqual([3, 3, 5, 0])
  })
  it('when $inc targets a string, then the update is refused', async () => {
    expect((await failure(db, docUpdate('items', 'a', { $inc: { s: 1 } }))).code).toBe('DATABASE_REQUEST_FAILED')
  })
  it('when $min/$max are used, then the field only moves in that direction', async () => {
    const { doc } = await upd({ $min: { n: 0 }, $max: { 'obj.k': 0 } })
    expect([doc.n, (doc.obj as { k: number }).k]).toEqual([0, 1])
  })
  it('when $rename is used, then the value moves to the new name', async () => {
    const { doc } = await upd({ $rename: { s: 'renamed' } })
    expect(doc.s).toBeUndefined()
    expect(doc.renamed).toBe('x')
  })
  it('when _.push appends, then values are added at the end', async () => {
    expect((await upd({ $push: { arr: { $each: [4, 5] } } })).doc.arr).toEqual([1, 2, 3, 4, 5])
  })
  it('when _.push has position, sort and slice, then they apply in that order', async () => {
    expect((await upd({ $push: { arr: { $each: [0], $position: 0 } } })).doc.arr).toEqual([0, 1, 2, 3])
    expect((await upd({ $push: { arr: { $each: [9], $sort: -1, $slice: 3 } } })).doc.arr).toEqual([9, 3, 2])
    expect((await upd({ $push: { list: { $each: [{ q: 3 }], $sort: { q: 1 } } } })).doc.list).toEqual([{ q: 1 }, { q: 3 }, { q: 5 }])
  })
  it('when _.push targets a missing field, then the array is created', async () => {
    expect((await upd({ $push: { fresh: { $each: ['a'] } } })).doc.fresh).toEqual(['a'])
  })
  it('when _.pop and _.shift are used, then the last / first element is removed', async () => {
    expect((await upd({ $pop: { arr: 1 } })).doc.arr).toEqual([1, 2])
    expect((await upd({ $pop: { arr: -1 } })).doc.arr).toEqual([2])
  })
  it('when _.pull is given a value or a condition, then matching elements are removed', async () => {
    expect((await upd({ $pull: { arr: 2 } })).doc.arr).toEqual([1, 3])
    expect((await upd({ $pull: { arr: { $in: [1, 3] } } })).doc.arr).toEqual([])
    expect((await upd({ $pull: { list: { q: { $gt: 2 } } } })).doc.list).toEqual([{ q: 1 }])
  })
  it('when _.pullAll is used, then every listed value is removed', async () => {
    expect((await upd({ $pullAll: { arr: [1, 3, 7] } })).doc.arr).toEqual([2])
  })
  it('when _.addToSet adds existing and new values, then only the new ones are appended', async () => {
    expect((await upd({ $addToSet: { tags: 't' } })).doc.tags).toEqual(['t'])
    expect((await upd({ $addToSet: { tags: { $each: ['t', 'u'] } } })).doc.tags).toEqual(['t', 'u'])
  })
  it('when the SDK sends _.addToSet({each}) without the $, then it is treated as $each', async () => {
    expect((await upd({ $addToSet: { tags: { each: ['u', 'v', 't'] } } })).doc.tags).toEqual(['t', 'u', 'v'])
  })
  // update() counts documents it changed (MongoDB's nModified; CloudBase's HTTP API answers it apart from `matched`).
  it('when an update changes nothing, then updated is 0 and the document stays the same', async () => {
    const { answer } = await upd({ $set: { s: 'x' } })
    expect(answer).toEqual({ data: { updated: 0 } })
  })
  it('when two operators touch conflicting paths, then the update is refused', async () => {
    expect((await failure(db, docUpdate('items', 'a', { $set: { obj: {} }, $inc: { 'obj.k': 1 } }))).code).toBe('DATABASE_REQUEST_FAILED')
    expect(db.find('items')[0].obj).toEqual({ k: 1, keep: true })
  })
  it('when an unknown operator is sent, then INVALID_PARAM is answered', async () => {
    expect((await failure(db, docUpdate('items', 'a', { $bit: { n: 1 } }))).code).toBe('INVALID_PARAM')
  })
  it('when serverDate is $set, then the local clock is stored', async () => {
    clock.now = 42_000
    expect((await upd({ $set: { at: serverDate(-2_000) } })).doc.at).toEqual(new Date(40_000))
  })
  it('when the document does not exist, then updated is 0 and nothing is created', async () => {
    expect(await db.handle(docUpdate('items', 'missing', { $set: { v: 1 } }))).toEqual({ data: { updated: 0 } })
    expect(db.count('items')).toBe(1)
  })
})

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/document/Document.set.html
describe('doc.set (merge:false, upsert:true)', () => {
  it('when the document exists, then it is replaced whole and keeps its _id', async () => {
    await db.handle(add('items', { _id: 'a', old: 1, keep: 2 }))
    expect(await db.handle(docSet('items', 'a', { fresh: true }))).toEqual({ data: { updated: 1 } })
    expect(db.find('items')).toEqual([{ _id: 'a', fresh: true }])
  })
  // Document.set: "updated: 若指定的 _id 已存在则为 1，否则为 0", also when the content is the same.
  it('when the document exists with the same content, then updated is still 1', async () => {
    await db.handle(add('items', { _id: 'same', v: 1 }))
    expect(await db.handle(docSet('items', 'same', { v: 1 }))).toEqual({ data: { updated: 1 } })
    expect(db.find('items')).toEqual([{ _id: 'same', v: 1 }])
  })
  it('when the document does not exist, then it is created with that _id and upsert_id is answered', async () => {
    expect(await db.handle(docSet('items', 'new', { v: 1 }), 'o1')).toEqual({ data: { updated: 0, upsert_id: 'new' } })
    expect(db.find('items')).toEqual([{ _id: 'new', v: 1, _openid: 'o1' }])
  })
  it('when a where().update with upsert creates a document, then the equality fields of the query seed it', async () => {
    const answer = await db.handle(whereUpdate('items', { k: 'key', n: { $gt: 1 } }, { $inc: { c: 1 } }, { upsert: true }))
    const id = (answer.data as { upsert_id: string }).upsert_id
    expect(db.find('items')).toEqual([{ _id: id, k: 'key', c: 1 }])
  })
})

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.update.html
describe('where().update and remove, count', () => {
  beforeEach(async () => {
    await db.handle(add('items', { _id: 'a', g: 1 }, { _id: 'b', g: 1 }, { _id: 'c', g: 2 }))
  })
  it('when multi is true, then every matching document is updated', async () => {
    expect(await db.handle(whereUpdate('items', { g: 1 }, { $set: { hit: true } }))).toEqual({ data: { updated: 2 } })
    expect(db.find('items', { hit: true }).map((d) => d._id)).toEqual(['a', 'b'])
  })
  it('when multi is false, then only the first matching document is updated', async () => {
    expect(await db.handle(whereUpdate('items', { g: 1 }, { $set: { hit: true } }, { multi: false }))).toEqual({ data: { updated: 1 } })
    expect(db.find('items', { hit: true }).map((d) => d._id)).toEqual(['a'])
  })
  it('when where().remove is used, then the matching documents are deleted and counted', async () => {
    expect(await db.handle(whereRemove('items', { g: 1 }))).toEqual({ data: { deleted: 2 } })
    expect(db.find('items').map((d) => d._id)).toEqual(['c'])
  })
  it('when doc().remove is used, then that document is deleted (0 when missing)', async () => {
    expect(await db.handle(docRemove('items', 'c'))).toEqual({ data: { deleted: 1 } })
    expect(await db.handle(docRemove('items', 'c'))).toEqual({ data: { deleted: 0 } })
  })
  it('when count() is called with and without a query, then total counts the matches', async () => {
    expect(await db.handle(countOf('items', { g: 1 }))).toEqual({ data: { total: 2 } })
    expect(await db.handle(countOf('items'))).toEqual({ data: { total: 3 } })
  })
  it('when where().update carries malformed data, then INVALID_PARAM is answered and nothing changes', async () => {
    const e = await failure(db, { ...whereUpdate('items', { g: 1 }, {}), data: 'not json' })
    expect(e.code).toBe('INVALID_PARAM')
    expect(db.find('items', { g: 1 })).toEqual([
      { _id: 'a', g: 1 },
      { _id: 'b', g: 1 },
    ])
  })
})

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Database.createCollection.html
describe('addCollection and unknown actions', () => {
  it('when a collection is created at run time, then it can be written and read', async () => {
    expect(await db.handle({ action: 'database.addCollection', collectionName: 'logs' })).toEqual({})
    await db.handle(add('logs', { _id: 'l', v: 1 }))
    expect(await list(db, where('logs', {}))).toEqual([{ _id: 'l', v: 1 }])
  })
  it('when the collection already exists, then an error is answered', async () => {
    const e = await failure(db, { action: 'database.addCollection', collectionName: 'users' })
    expect(e.code).toBe('DATABASE_COLLECTION_ALREADY_EXIST')
  })
  it('when the action is unknown or the body is broken, then INVALID_PARAM is answered', async () => {
    expect((await failure(db, { action: 'database.dropEverything' })).code).toBe('INVALID_PARAM')
    expect((await failure(db, { action: 'database.insertDocument', collectionName: 'items', data: 'x' })).code).toBe('INVALID_PARAM')
    expect((await failure(db, { ...where('items', {}), order: ej({ a: 2 }) })).code).toBe('INVALID_PARAM')
  })
  it('when an undeclared collection is written, then DATABASE_COLLECTION_NOT_EXIST is answered', async () => {
    const e = await failure(db, add('nope', { v: 1 }))
    expect(e.code).toBe('DATABASE_COLLECTION_NOT_EXIST')
    // CloudBase's text, which names no collection.
    expect(e.message).toBe(
      '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.',
    )
  })
})

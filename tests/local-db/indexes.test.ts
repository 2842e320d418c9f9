import { describe, expect, it } from 'vitest'
import { add, ej, list, open, pluck, removeTemp, tempFile, where } from './helpers'

// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/performance-optimization.html (indexes)
// Declared indexes narrow candidates in SQL; the full matcher still decides, so results never depend on the index.
describe('indexed queries', () => {
  it('when an indexed field holds an array in some document, then a scalar query still matches it by element', async () => {
    const file = tempFile()
    const db = open(file)
    await db.handle(add('products', { _id: 'p1', supplierId: 's1', status: 'on_sale' }, { _id: 'p2', supplierId: 's2', status: 'on_sale' }))
    expect(pluck(await list(db, where('products', { supplierId: 's1' })), '_id')).toEqual(['p1'])
    await db.handle(add('products', { _id: 'p3', supplierId: ['s1', 's3'], status: 'on_sale' }))
    expect(pluck(await list(db, where('products', { supplierId: 's1' })), '_id')).toEqual(['p1', 'p3'])
    db.close()
    const again = open(file)
    expect(pluck(await list(again, where('products', { supplierId: { $in: ['s3'] } })), '_id')).toEqual(['p3'])
    again.close()
    removeTemp(file)
  })
  it('when indexed range and equality conditions mix types, then only same-type values match', async () => {
    const db = open()
    await db.handle(
      add(
        'products',
        { _id: 'n', status: 'on_sale', expiresAt: 100 },
        { _id: 's', status: 'on_sale', expiresAt: '50' },
        { _id: 'd', status: 'on_sale', expiresAt: new Date(10) },
        { _id: 'm', status: 'on_sale' },
      ),
    )
    expect(pluck(await list(db, where('products', { status: 'on_sale', expiresAt: { $lt: 1000 } })), '_id')).toEqual(['n'])
    expect(pluck(await list(db, where('products', { status: 'on_sale', expiresAt: { $lt: new Date(1000) } })), '_id')).toEqual(['d'])
    expect(pluck(await list(db, where('products', { status: 'on_sale', expiresAt: null })), '_id')).toEqual(['m'])
  })

  it('when a sorted page is read in index order (one range per $in value), then it is the full sort, whatever types the sort field holds', async () => {
    const db = open()
    await db.handle(
      add(
        'products',
        { _id: 'a', supplierId: 's1', status: 'on_sale', publishedAt: 30 },
        { _id: 'b', supplierId: 's2', status: 'on_sale', publishedAt: 30 },
        { _id: 'c', supplierId: 's3', status: 'on_sale', publishedAt: 20 },
        { _id: 'd', supplierId: 's1', status: 'on_sale', publishedAt: '9' },
        { _id: 'e', supplierId: 's2', status: 'on_sale', publishedAt: null },
        { _id: 'f', supplierId: 's3', status: 'on_sale' },
        { _id: 'g', supplierId: 's1', status: 'off_shelf', publishedAt: 40 },
        { _id: 'h', supplierId: 's2', status: 'on_sale', publishedAt: new Date(5) },
        { _id: 'i', supplierId: 's4', status: 'on_sale', publishedAt: 50 },
      ),
    )
    const page = async (order: Record<string, number>, limit: number, offset = 0) =>
      pluck(
        await list(
          db,
          where('products', { supplierId: { $in: ['s1', 's2', 's3'] }, status: 'on_sale' }, { order: ej(order), limit, offset }),
        ),
        '_id',
      )
    expect(await page({ publishedAt: -1, _id: -1 }, 100)).toEqual(['h', 'd', 'b', 'a', 'c', 'f', 'e'])
    expect(await page({ publishedAt: -1, _id: -1 }, 3)).toEqual(['h', 'd', 'b'])
    expect(await page({ publishedAt: -1, _id: -1 }, 4, 2)).toEqual(['b', 'a', 'c', 'f'])
    expect(await page({ publishedAt: 1, _id: 1 }, 3)).toEqual(['e', 'f', 'c'])
    // Without the _id tie, equal values keep insertion order, as the full sort keeps it.
    expect(await page({ publishedAt: -1 }, 100)).toEqual(['h', 'd', 'a', 'b', 'c', 'e', 'f'])
    // A boolean reads as a number in SQLite's JSON: the general path answers instead (BSON order: dates, then booleans).
    await db.handle(add('products', { _id: 'j', supplierId: 's3', status: 'on_sale', publishedAt: true }))
    expect(await page({ publishedAt: -1, _id: -1 }, 3)).toEqual(['h', 'j', 'd'])
  })

  it('when a store is reopened, then what its writes learnt about booleans in a sort field still keeps pages in BSON order', async () => {
    const file = tempFile()
    const first = open(file)
    await first.handle(
      add(
        'products',
        { _id: 'a', supplierId: 's1', status: 'on_sale', publishedAt: 2 },
        { _id: 'b', supplierId: 's2', status: 'on_sale', publishedAt: 0.5 },
      ),
    )
    // Learnt from a write, after the store was opened (not from a scan at open).
    await first.handle(add('products', { _id: 'c', supplierId: 's1', status: 'on_sale', publishedAt: true }))
    first.close()
    const again = open(file)
    const page = pluck(
      await list(
        again,
        where('products', { supplierId: { $in: ['s1', 's2'] }, status: 'on_sale' }, { order: ej({ publishedAt: -1, _id: -1 }), limit: 2 }),
      ),
      '_id',
    )
    // BSON order: booleans after numbers (SQLite's JSON would read true as 1, between them).
    expect(page).toEqual(['c', 'a'])
    again.close()
    removeTemp(file)
  })

  it('when 100k documents are stored, then an indexed equality or range query answers in a few milliseconds', async () => {
    const file = tempFile()
    const db = open(file)
    const docs = Array.from({ length: 100_000 }, (_, i) => ({
      supplierId: `s${i % 1000}`,
      status: i % 3 === 0 ? 'off_shelf' : 'on_sale',
      publishedAt: 1_700_000_000_000 + i,
      expiresAt: 1_700_000_000_000 + i * 10,
      description: `product ${i}`,
    }))
    db.insertMany('products', docs)
    const timeOf = async (body: Record<string, unknown>, expected: number, runs = 31) => {
      expect((await list(db, body)).length).toBe(expected)
      const times: number[] = []
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now()
        await db.handle(body)
        times.push(performance.now() - t0)
      }
      return times.sort((a, b) => a - b)[Math.floor(runs / 2)]
    }
    const eq = await timeOf(where('products', { supplierId: 's42', status: 'on_sale' }, { order: ej({ publishedAt: -1 }), limit: 20 }), 20)
    const range = await timeOf(where('products', { status: 'on_sale', expiresAt: { $lt: 1_700_000_000_000 + 3_000 } }, { limit: 20 }), 20)
    const full = await timeOf(where('products', { description: 'product 99999' }, { limit: 20 }), 1, 3)
    console.log(
      `100k docs, median: indexed equality ${eq.toFixed(2)} ms, indexed range ${range.toFixed(2)} ms, unindexed scan ${full.toFixed(1)} ms`,
    )
    expect(eq).toBeLessThan(10)
    expect(range).toBeLessThan(10)
    // The index is what makes it fast: a scan of the same collection is far slower.
    expect(full).toBeGreaterThan(eq * 10)
    db.close()
    removeTemp(file)
  })
})

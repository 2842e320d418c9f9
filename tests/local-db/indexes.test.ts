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

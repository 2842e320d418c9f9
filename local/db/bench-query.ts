/**
 * Query latency of the local database at 100k product documents, through its public API
 * (`handle()` with request bodies encoded as wx-server-sdk sends them, so EJSON decoding, the SQL
 * pre-filter, matching, sorting, projection and encoding are all in the figure).
 *
 *   npx tsx local/db/bench-query.ts [documents=100000]
 *
 * Prints one figure per line as `name value unit` (p50/p95 over repeated runs, after warm-up).
 * Figures are measured, never asserted: this is not a test.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EJSON } from 'bson'
import { DatabaseDeclaration, openDatabase } from './index'

const DOCS = Number(process.argv[2] ?? 100_000)
const SUPPLIERS = 1000
const T0 = 1_700_000_000_000
const DAY = 86_400_000
/** The clock of the run: a third of the products have expired by then. */
const NOW = T0 + 20 * DAY

// The real collections and indexes (read as data: local/db imports nothing from cloudfunctions/).
const declaration = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cloudfunctions', 'database.json'), 'utf8')) as DatabaseDeclaration

const ej = (v: unknown): string => EJSON.stringify(v as Parameters<typeof EJSON.stringify>[0], { relaxed: false })

function product(i: number): Record<string, unknown> {
  const publishedAt = T0 + Math.floor((i * 30 * DAY) / DOCS)
  return {
    supplierId: `s${i % SUPPLIERS}`,
    category: ['服装', '美妆', '食品', '数码'][i % 4],
    description: `商品 ${i}：春季新款，支持一件代发，质量保证 ${i % 97}`,
    specs: [
      {
        id: `a${i}`,
        name: '标准',
        images: [`cloud://env/uploads/k/${i}-a.jpg`],
        price: 1000 + (i % 500),
        tierPrices: { t1: 900, t2: 800 },
        stock: i % 50,
      },
      { id: `b${i}`, name: '加大', images: [], price: 1200 + (i % 500), tierPrices: { t1: 1100 }, stock: i % 7 },
    ],
    shippingTemplateId: `tpl${i % SUPPLIERS}`,
    status: i % 5 === 0 ? 'off_shelf' : 'on_sale',
    publishedAt,
    expiresAt: publishedAt + 30 * DAY - (i % 3 === 0 ? 25 * DAY : 0),
    source: 'new',
    trade: { onlineOrdering: true, minOrderQty: 1 },
    createdAt: publishedAt,
    updatedAt: publishedAt,
  }
}

const feedFields = { _id: 1, supplierId: 1, category: 1, description: 1, specs: 1, status: 1, publishedAt: 1, expiresAt: 1 }
const tenSuppliers = Array.from({ length: 10 }, (_, k) => `s${k * 97}`)
const twoHundredSuppliers = Array.from({ length: 200 }, (_, k) => `s${k * 5}`)
const onSale = { status: 'on_sale', expiresAt: { $gt: NOW } }

const get = (query: unknown, extra: Record<string, unknown> = {}) => ({
  action: 'database.getDocument',
  collectionName: 'products',
  queryType: 'WHERE',
  query: ej(query),
  limit: 100,
  ...extra,
})

interface Case {
  name: string
  body: Record<string, unknown>
  runs: number
}

const cases: Case[] = [
  // The agent feed (catalogue-view listOnSaleProducts): first page, then the page after a cursor.
  {
    name: 'feed_first_page',
    body: get(
      { supplierId: { $in: tenSuppliers }, ...onSale },
      { order: ej({ publishedAt: -1, _id: -1 }), limit: 21, projection: ej(feedFields) },
    ),
    runs: 300,
  },
  {
    name: 'feed_next_page',
    body: get(
      {
        $and: [
          { supplierId: { $in: tenSuppliers }, ...onSale },
          { $or: [{ publishedAt: { $lt: T0 + 15 * DAY } }, { publishedAt: T0 + 15 * DAY, _id: { $lt: 'm' } }] },
        ],
      },
      { order: ej({ publishedAt: -1, _id: -1 }), limit: 21, projection: ej(feedFields) },
    ),
    runs: 300,
  },
  // The same pages for an agent bound to 200 suppliers, the next page with the cursor as the
  // functions' keyset pages write it (a range on publishedAt, then the tie on _id).
  {
    name: 'feed_first_page_200',
    body: get(
      { supplierId: { $in: twoHundredSuppliers }, ...onSale },
      { order: ej({ publishedAt: -1, _id: -1 }), limit: 21, projection: ej(feedFields) },
    ),
    runs: 300,
  },
  {
    name: 'feed_next_page_200',
    body: get(
      {
        $and: [
          { supplierId: { $in: twoHundredSuppliers }, ...onSale },
          { publishedAt: { $lte: T0 + 15 * DAY } },
          { $or: [{ publishedAt: { $lt: T0 + 15 * DAY } }, { _id: { $lt: 'm' } }] },
        ],
      },
      { order: ej({ publishedAt: -1, _id: -1 }), limit: 21, projection: ej(feedFields) },
    ),
    runs: 300,
  },
  // The expiry timer's range scan (status + expiresAt range, oldest first).
  {
    name: 'expiry_range',
    body: get(
      { status: 'on_sale', expiresAt: { $gt: NOW - DAY, $lte: NOW } },
      { order: ej({ expiresAt: 1 }), limit: 100, projection: ej({ _id: 1 }) },
    ),
    runs: 100,
  },
  // 「N 件新品」 (countPublishedSince).
  {
    name: 'count_published_since',
    body: {
      action: 'database.calculateDocument',
      collectionName: 'products',
      queryType: 'WHERE',
      query: ej({ supplierId: { $in: tenSuppliers }, ...onSale, publishedAt: { $gt: T0 + 10 * DAY } }),
    },
    runs: 300,
  },
  // On-sale products per supplier (countOnSaleBySupplier).
  {
    name: 'aggregate_group_by_supplier',
    body: {
      action: 'database.aggregateDocuments',
      collectionName: 'products',
      stages: [
        { stageKey: '$match', stageValue: ej({ supplierId: { $in: tenSuppliers }, ...onSale }) },
        { stageKey: '$group', stageValue: ej({ _id: '$supplierId', products: { $sum: 1 } }) },
      ],
    },
    runs: 300,
  },
  {
    name: 'doc_get',
    body: { action: 'database.getDocument', collectionName: 'products', queryType: 'DOC', multi: false, query: ej({ _id: 'p50000' }) },
    runs: 300,
  },
  // No index helps: every document is decoded and matched, so this is the matcher's own cost.
  {
    name: 'scan_count_unindexed',
    body: {
      action: 'database.calculateDocument',
      collectionName: 'products',
      queryType: 'WHERE',
      query: ej({ 'specs.price': { $gte: 1490 }, category: { $in: ['美妆', '数码'] } }),
    },
    runs: 10,
  },
]

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

function figure(name: string, value: number, unit: string): void {
  console.log(`${name} ${Number.isInteger(value) ? value : value.toFixed(3)} ${unit}`)
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-query-'))
  const db = openDatabase({ file: join(dir, 'db.sqlite'), declaration, now: () => NOW })
  try {
    const t0 = performance.now()
    const BATCH = 10_000
    for (let start = 0; start < DOCS; start += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, DOCS - start) }, (_, k) => ({ _id: `p${start + k}`, ...product(start + k) }))
      db.insertMany('products', batch)
    }
    figure('db_fill', performance.now() - t0, 'ms')
    figure('db_documents', db.count('products'), 'docs')
    for (const c of cases) {
      const first = await db.handle(c.body)
      const data = first.data as { list?: unknown[]; total?: number }
      figure(`${c.name}_results`, data.list?.length ?? data.total ?? 0, 'docs')
      for (let i = 0; i < Math.min(20, c.runs); i++) await db.handle(c.body) // warm-up
      const times: number[] = []
      for (let i = 0; i < c.runs; i++) {
        const start = performance.now()
        await db.handle(c.body)
        times.push(performance.now() - start)
      }
      times.sort((a, b) => a - b)
      figure(`${c.name}_p50`, percentile(times, 50), 'ms')
      figure(`${c.name}_p95`, percentile(times, 95), 'ms')
    }
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exitCode = 1
})

/**
 * 我的小店 in `npm run bench`: what a customer's open of a storefront costs (DB reads and writes, as
 * the local cloud counts them) and its latency, with 1k and then 100k products in the catalogue, on
 * its own store. The storefront holds the most it may (100 products); each open carries a fresh key,
 * so each is counted. Printed beside the feed's budgets: the 100k p50 within 1.5× of the 1k p50, the
 * reads bounded (OPEN_READS) and the same at both sizes, and one write per open (docs/decisions/storefront.md).
 */
import { STOREFRONT_ADD_MAX, STOREFRONT_MAX } from '../src/domain/storefront'
import type { TestCloud } from '../tests/functions/test-cloud'
import { boundAgent, cloudNow } from '../tests/functions/network-fixtures'
import { newKey } from '../tests/functions/order-fixtures'
import { productInput, publisher } from '../tests/functions/product-fixtures'
import { startBenchCloud } from './bench-calls'
import { type Budget, type BudgetResult, type Figure, percentile, printBudgets, printFigure } from './bench-figures'

const RUNS = 30
const WARM = 3
const DAY = 86_400_000
const SUPPLIERS = 1000
/** An open reads the storefront, its products, the agent's bindings, its words and its card. */
const OPEN_READS = 5

interface Open {
  ms: number
  reads: number
  writes: number
}

async function open(t: TestCloud, event: Record<string, unknown>): Promise<Open> {
  const started = performance.now()
  const response = await fetch(`${t.cloud.url}/fn/storefront`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event),
  })
  const answer = (await response.json()) as { ok: boolean; error?: unknown }
  const ms = performance.now() - started
  if (!answer.ok) throw new Error(`storefront.${String(event.action)} failed: ${JSON.stringify(answer.error)}`)
  return { ms, reads: Number(response.headers.get('x-wegong-db-reads')), writes: Number(response.headers.get('x-wegong-db-writes')) }
}

/** RUNS opens after WARM, each a new opening (its own key): the p50, p95 and the most any one cost. */
async function opens(t: TestCloud, event: Record<string, unknown>) {
  for (let i = 0; i < WARM; i += 1) await open(t, { ...event, idempotencyKey: newKey() })
  const runs: Open[] = []
  for (let i = 0; i < RUNS; i += 1) runs.push(await open(t, { ...event, idempotencyKey: newKey() }))
  const times = runs.map((r) => r.ms).sort((a, b) => a - b)
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    reads: Math.max(...runs.map((r) => r.reads)),
    writes: Math.max(...runs.map((r) => r.writes)),
  }
}

export async function storefrontFigures(figure: Figure, budget: Budget): Promise<void> {
  const t = await startBenchCloud()
  try {
    const shop = await publisher(t, 'bench-sf-s0')
    const made = await t.ok('product', 'create', productInput(shop.templateId, shop.image), 'bench-sf-s0')
    const agent = 'bench-sf-agent'
    await boundAgent(t, agent, shop.supplier._id, '小美')
    const now = await cloudNow(t)
    const [stored] = t.db.find('products', { _id: made._id })
    if (!stored) throw new Error('bench: no product')
    let count = 1
    const grow = (until: number) => {
      const batch: Array<Record<string, unknown>> = []
      for (; count < until; count += 1) {
        const publishedAt = now - count * 60_000
        // The storefront's products are the bound supplier's; the rest spread over other suppliers.
        const supplierId = count < STOREFRONT_MAX ? shop.supplier._id : `bench-sf-sup-${count % SUPPLIERS}`
        batch.push({ ...stored, _id: `bench-sf-p${count}`, supplierId, publishedAt, createdAt: publishedAt, expiresAt: now + 20 * DAY })
        if (batch.length === 10_000) t.db.insertMany('products', batch.splice(0))
      }
      if (batch.length > 0) t.db.insertMany('products', batch)
    }
    grow(1000)
    const ids = [made._id, ...Array.from({ length: STOREFRONT_MAX - 1 }, (_, i) => `bench-sf-p${i + 1}`)]
    for (let i = 0; i < ids.length; i += STOREFRONT_ADD_MAX)
      await t.ok('storefront', 'addProducts', { productIds: ids.slice(i, i + STOREFRONT_ADD_MAX) }, agent)
    const { token } = await t.ok('storefront', 'share', {}, agent)
    const item = (await t.ok('storefront', 'view', { token })).items[0]?.item ?? ''

    const at1k = await opens(t, { action: 'view', token })
    const product1k = await opens(t, { action: 'view', token, item })
    grow(100_000)
    const at100k = await opens(t, { action: 'view', token })
    const product100k = await opens(t, { action: 'view', token, item })
    figure('bench_storefront_products', t.db.find('products', {}).length, 'docs')
    for (const [name, run] of [
      ['storefront_view_1k', at1k],
      ['storefront_view_100k', at100k],
      ['storefront_product_view_1k', product1k],
      ['storefront_product_view_100k', product100k],
    ] as const) {
      figure(`${name}_p50`, run.p50, 'ms')
      figure(`${name}_p95`, run.p95, 'ms')
      figure(`cost_${name}_db_reads`, run.reads, 'reads')
      figure(`cost_${name}_db_writes`, run.writes, 'writes')
    }
    for (const [name, small, large] of [
      ['storefront_view', at1k, at100k],
      ['storefront_product_view', product1k, product100k],
    ] as const) {
      const ratio = large.p50 / small.p50
      figure(`${name}_100k_over_1k`, ratio, 'x')
      budget(`${name}_100k_over_1k`, ratio <= 1.5, `${ratio.toFixed(2)}x (≤ 1.5x, as the feed's)`)
      budget(`${name}_reads`, large.reads <= OPEN_READS, `${large.reads} reads per open (≤ ${OPEN_READS})`)
      budget(`${name}_reads_independent_of_size`, small.reads === large.reads, `1k ${small.reads}, 100k ${large.reads}`)
      budget(`${name}_open_writes`, large.writes <= 1, `${large.writes} writes per open (≤ 1)`)
    }
  } finally {
    await t.close()
  }
}

/** `npx tsx scripts/bench-storefront.ts`: this part alone. */
if (require.main === module) {
  const budgets: BudgetResult[] = []
  storefrontFigures(printFigure, (name, ok, detail) => budgets.push({ name, ok, detail }))
    .then(() => printBudgets(budgets))
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}

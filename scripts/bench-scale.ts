/**
 * The cloud side of `npm run bench`: what each user action costs in WeChat's billing units
 * (invocations, DB reads, DB writes, storage calls, as the local cloud counts them) and the agent
 * feed's latency at 1k and 100k products, in one run on one store.
 *
 * The store is arranged through the real functions once (a publishing supplier, its product and
 * post, three agents), then grown by copying those stored records straight into the local store:
 * 1,000 suppliers, agents bound to 1, 10 and 200 of them, 10k more agents, 1k products and orders
 * (one product per supplier), then 100k of each, and 1k then 100k posts of the widest agent's 200
 * suppliers. Figures are printed as `name value unit`; budgets (README "Performance record") are
 * returned for `--check`.
 */
import { boundAgent, cloudNow } from '../tests/functions/network-fixtures'
import { CONSIGNEE, newKey } from '../tests/functions/order-fixtures'
import { productInput, publisher } from '../tests/functions/product-fixtures'
import { indexTokens } from '../src/domain/search-tokens'
import { type Cost, measure, printCost, startBenchCloud } from './bench-calls'
import { type BudgetResult, type Figure, percentile } from './bench-figures'

const SUPPLIERS = 1000
const PAGE = 20
const RUNS = 30
const AGENTS = 10_000
const CONCURRENCY = 20
const DAY = 86_400_000
/**
 * The first products and orders made are the first supplier's, so its lists and its single-supplier
 * agent's feed fill whole pages at 1k as at 100k: a ratio of a 1-item page to a 20-item page would
 * measure the page, not the collection's size.
 */
const FULL_PAGES = 5
/**
 * One post in NEAR_MISS holds 今日特价 instead of 今日上新: a search for 今日特价 looks up 今日, which
 * every post holds, and keeps 1 row in 100: every page spends the bounded scan and still finds some.
 */
const NEAR_MISS = 100
/** What a search page may read: products, the bindings and at most 3 scans; posts, also the linked products and cards. */
const SEARCH_READS = { products: 4, posts: 6 }

export async function scaleFigures(figure: Figure): Promise<BudgetResult[]> {
  const budgets: BudgetResult[] = []
  const budget = (name: string, ok: boolean, detail: string) => budgets.push({ name, ok, detail })
  const t = await startBenchCloud()
  try {
    // ---- arranged through the functions -----------------------------------------------------
    const shop = await publisher(t, 'bench-s0')
    const product = await t.ok('product', 'create', productInput(shop.templateId, shop.image), 'bench-s0')
    const agents = { 1: 'bench-a1', 10: 'bench-a10', 200: 'bench-a200' } as const
    for (const agent of Object.values(agents)) await boundAgent(t, agent, shop.supplier._id, agent)
    await t.ok('post', 'create', { text: '今日上新', images: [shop.image], productIds: [product._id] }, 'bench-s0')
    const items = [{ productId: product._id, specId: product.specs[0]?.id ?? '', qty: 1 }]
    await t.ok('order', 'create', { idempotencyKey: newKey(), items, consignee: CONSIGNEE }, agents[1])
    const buyers = Array.from({ length: CONCURRENCY }, (_, i) => `bench-buyer-${i}`)
    for (const buyer of buyers) await boundAgent(t, buyer, shop.supplier._id)
    const now = await cloudNow(t)
    const one = (collection: string, query: Record<string, unknown>) => {
      const [row] = t.db.find(collection, query)
      if (!row) throw new Error(`bench: no ${collection} ${JSON.stringify(query)}`)
      return row
    }
    const supplier = one('suppliers', { _id: shop.supplier._id })
    const owner = one('users', { openid: 'bench-s0' })
    const storedProduct = one('products', { _id: product._id })
    const post = one('posts', { supplierId: shop.supplier._id })
    const binding = one('bindings', { agentOpenid: agents[1] })
    const order = one('orders', { agentOpenid: agents[1] })
    const supplierIds = [shop.supplier._id, ...Array.from({ length: SUPPLIERS - 1 }, (_, i) => `bench-sup-${i + 1}`)]

    // ---- grown straight into the store ------------------------------------------------------
    const { homeCodeFileId: _code, ...supplierFields } = supplier
    const generated = supplierIds
      .slice(1)
      .map((id, i) => ({ ...supplierFields, _id: id, name: `供应商${i + 1}`, ownerOpenid: `bench-o${i + 1}`, homeScene: `bsc${i + 1}` }))
    t.db.insertMany('suppliers', generated)
    t.db.insertMany(
      'users',
      generated.map((s, i) => ({ ...owner, _id: `bench-user-${i + 1}`, openid: s.ownerOpenid })),
    )
    const bindings: Array<Record<string, unknown>> = []
    for (const [count, agent] of Object.entries(agents)) {
      for (const supplierId of supplierIds.slice(1, Number(count)))
        bindings.push({ ...binding, _id: `bench-b-${agent}-${supplierId}`, agentOpenid: agent, supplierId })
    }
    t.db.insertMany('bindings', bindings)
    let made = 0
    const addProducts = (until: number) => {
      const batch: Array<Record<string, unknown>> = []
      for (; made < until; made += 1) {
        if (made === 0) continue // the product made through the functions
        const publishedAt = now - made * 60_000
        batch.push({
          ...storedProduct,
          _id: `bench-p${made}`,
          supplierId: supplierIds[made < FULL_PAGES * PAGE ? 0 : made % SUPPLIERS],
          publishedAt,
          createdAt: publishedAt,
          updatedAt: publishedAt,
          expiresAt: now + 20 * DAY,
        })
        if (batch.length === 10_000) t.db.insertMany('products', batch.splice(0))
      }
      if (batch.length > 0) t.db.insertMany('products', batch)
    }
    // Orders of every supplier by 10k agents (bound to one supplier each).
    let ordered = 1
    const addOrders = (until: number) => {
      const batch: Array<Record<string, unknown>> = []
      for (; ordered < until; ordered += 1) {
        const createdAt = now - ordered * 1_000
        const agentOpenid = `bench-agent-${ordered % AGENTS}`
        batch.push({
          ...order,
          _id: `bench-order-${ordered}`,
          orderNo: `B${ordered}`,
          idempotencyKey: `bench-k${ordered}`,
          agentOpenid,
          supplierId: supplierIds[ordered < FULL_PAGES * PAGE ? 0 : ordered % SUPPLIERS],
          createdAt,
          updatedAt: createdAt,
        })
        if (batch.length === 10_000) t.db.insertMany('orders', batch.splice(0))
      }
      if (batch.length > 0) t.db.insertMany('orders', batch)
    }
    t.db.insertMany(
      'bindings',
      Array.from({ length: AGENTS }, (_, i) => ({
        ...binding,
        _id: `bench-agent-b${i}`,
        agentOpenid: `bench-agent-${i}`,
        supplierId: supplierIds[i % SUPPLIERS],
      })),
    )
    // Posts of the 200 suppliers of the widest agent, so that its feed of posts and its post search
    // read pages of the same fullness at 1k as at 100k.
    let posted = 0
    const nearMiss = { text: '今日特价', tokens: indexTokens(['今日特价']) }
    const addPosts = (until: number) => {
      const batch: Array<Record<string, unknown>> = []
      for (; posted < until; posted += 1) {
        const near = posted % NEAR_MISS === NEAR_MISS - 1 ? nearMiss : {}
        batch.push({
          ...post,
          ...near,
          _id: `bench-post-${posted}`,
          supplierId: supplierIds[posted % 200],
          createdAt: now - (posted + 1) * 60_000,
        })
        if (batch.length === 10_000) t.db.insertMany('posts', batch.splice(0))
      }
      if (batch.length > 0) t.db.insertMany('posts', batch)
    }

    const feedPage = async (fn: 'feed', action: 'products', agent: string, page: number) => {
      let cursor: string | undefined
      for (let p = 1; p < page; p += 1) {
        const c = await measure(t, fn, { action, limit: PAGE, ...(cursor ? { cursor } : {}) }, agent)
        cursor = c.data.nextCursor as string | undefined
        if (!cursor) return undefined
      }
      return { action, limit: PAGE, ...(cursor ? { cursor } : {}) }
    }
    const latency = async (name: string, event: Record<string, unknown>, agent: string, fn = 'feed') => {
      const times: number[] = []
      for (let i = 0; i < 3; i += 1) await measure(t, fn, event, agent)
      for (let i = 0; i < RUNS; i += 1) times.push((await measure(t, fn, event, agent)).ms)
      times.sort((a, b) => a - b)
      figure(`${name}_p50`, percentile(times, 50), 'ms')
      figure(`${name}_p95`, percentile(times, 95), 'ms')
      return percentile(times, 50)
    }
    const cost = (name: string, c: Cost) => printCost(figure, name, c)

    // ---- the feed at 1k and 100k products ---------------------------------------------------
    const p50: Record<string, number> = {}
    const pages = {
      product_page: ['feed', { action: 'product', id: product._id }, agents[10]],
      supplier_products: ['product', { action: 'listMine', status: 'on_sale', limit: PAGE }, 'bench-s0'],
      supplier_orders: ['order', { action: 'listSold', limit: PAGE }, 'bench-s0'],
      // Search (docs/decisions/search.md): every bench product holds 碎花连衣裙, so a page fills from
      // one read; 碎花衬衫 looks up 碎花 and finds no 衬衫, the worst case of the bounded scan.
      search_agent200: ['feed', { action: 'search', q: '碎花连衣裙', limit: PAGE }, agents[200]],
      search_agent200_miss: ['feed', { action: 'search', q: '碎花衬衫', limit: PAGE }, agents[200]],
      search_agent200_by_price: ['feed', { action: 'search', q: '连衣裙', sort: 'price', limit: PAGE }, agents[200]],
      supplier_search: ['product', { action: 'search', status: 'on_sale', q: '碎花连衣裙', limit: PAGE }, 'bench-s0'],
      // An empty query is the feed with the filters; one Chinese character is looked up as itself.
      search_agent200_empty: ['feed', { action: 'search', q: '', limit: PAGE }, agents[200]],
      search_agent200_one_char: ['feed', { action: 'search', q: '裙', limit: PAGE }, agents[200]],
      // Posts (feed.searchPosts): the posts' own text, and the near-misses of NEAR_MISS.
      search_posts_agent200: ['feed', { action: 'searchPosts', q: '今日上新', limit: PAGE }, agents[200]],
      search_posts_agent200_near_miss: ['feed', { action: 'searchPosts', q: '今日特价', limit: PAGE }, agents[200]],
    } as const
    const searches = {
      search_agent200: SEARCH_READS.products,
      search_agent200_miss: SEARCH_READS.products,
      search_agent200_by_price: SEARCH_READS.products,
      supplier_search: SEARCH_READS.products,
      search_agent200_empty: SEARCH_READS.products,
      search_agent200_one_char: SEARCH_READS.products,
      search_posts_agent200: SEARCH_READS.posts,
      search_posts_agent200_near_miss: SEARCH_READS.posts,
    } as const
    const searchNames = Object.keys(searches) as Array<keyof typeof searches>
    const searchReads: Record<string, number> = {}
    addProducts(1_000)
    addOrders(1_000)
    addPosts(1_000)
    for (const [name, [fn, event, who]] of Object.entries(pages)) p50[`1k_${name}`] = await latency(`${name}_1k`, event, who, fn)
    for (const name of searchNames) {
      const [fn, event, who] = pages[name]
      searchReads[name] = (await measure(t, fn, event, who)).reads
      figure(`${name}_1k_db_reads`, searchReads[name], 'reads')
    }
    for (const n of [1, 10, 200] as const)
      p50[`1k_${n}`] = await latency(`feed_1k_agent${n}_page1`, { action: 'products', limit: PAGE }, agents[n])
    // A page of one product, for the N+1 check below.
    const single = cost('feed_products_one_item', await measure(t, 'feed', { action: 'products', limit: 1 }, agents[1]))
    addProducts(100_000)
    addOrders(100_000)
    addPosts(100_000)
    figure('bench_products', t.db.find('products', {}).length, 'docs')
    figure('bench_orders', t.db.find('orders', {}).length, 'docs')
    figure('bench_posts', t.db.find('posts', {}).length, 'docs')
    for (const [name, [fn, event, who]] of Object.entries(pages)) {
      const ratio = (await latency(`${name}_100k`, event, who, fn)) / p50[`1k_${name}`]
      figure(`${name}_100k_over_1k`, ratio, 'x')
      budget(`${name}_100k_over_1k`, ratio <= 1.5, `${ratio.toFixed(2)}x (≤ 1.5x)`)
    }
    // Order creation under 20 concurrent callers, at 100k products and orders.
    const creations: number[] = []
    await Promise.all(
      buyers.map(async (buyer) => {
        for (let i = 0; i < 2; i += 1) {
          creations.push((await measure(t, 'order', { action: 'create', idempotencyKey: newKey(), items, consignee: CONSIGNEE }, buyer)).ms)
        }
      }),
    )
    creations.sort((a, b) => a - b)
    figure(`order_create_${CONCURRENCY}_callers_p50`, percentile(creations, 50), 'ms')
    figure(`order_create_${CONCURRENCY}_callers_p95`, percentile(creations, 95), 'ms')
    for (const n of [1, 10, 200] as const) {
      p50[`100k_${n}`] = await latency(`feed_100k_agent${n}_page1`, { action: 'products', limit: PAGE }, agents[n])
      const ratio = p50[`100k_${n}`] / p50[`1k_${n}`]
      figure(`feed_agent${n}_100k_over_1k`, ratio, 'x')
      budget(`feed_agent${n}_100k_over_1k`, ratio <= 1.5, `${ratio.toFixed(2)}x (≤ 1.5x)`)
    }
    for (const n of [10, 200] as const) {
      const event = await feedPage('feed', 'products', agents[n], 50)
      if (!event) throw new Error(`bench: agent of ${n} has no page 50`)
      const deep = await latency(`feed_100k_agent${n}_page50`, event, agents[n])
      const ratio = deep / p50[`100k_${n}`]
      figure(`feed_agent${n}_page50_over_page1`, ratio, 'x')
      budget(`feed_agent${n}_page50_over_page1`, ratio <= 1.2, `${ratio.toFixed(2)}x (≤ 1.2x)`)
    }

    // ---- cost per action, at 100k products --------------------------------------------------
    const listBudget = (name: string, first: Cost, deep: Cost) =>
      budget(`${name}_reads_independent_of_depth`, deep.reads === first.reads, `page 1 ${first.reads}, deep ${deep.reads}`)
    const feedCosts: Array<[string, Cost]> = []
    for (const n of [1, 10, 200] as const) {
      const first = cost(`feed_products_agent${n}_page1`, await measure(t, 'feed', { action: 'products', limit: PAGE }, agents[n]))
      feedCosts.push([`agent${n}_page1`, first])
      if (n !== 1) {
        const deep = cost(
          `feed_products_agent${n}_page50`,
          await measure(t, 'feed', (await feedPage('feed', 'products', agents[n], 50)) ?? {}, agents[n]),
        )
        feedCosts.push([`agent${n}_page50`, deep])
        listBudget(`feed_products_agent${n}`, first, deep)
      }
    }
    for (const [name, c] of feedCosts)
      budget(`feed_products_${name}_cost`, c.invocations === 1 && c.reads <= 2, `${c.invocations} invocations, ${c.reads} reads (1, ≤ 2)`)
    // N+1: a page of one product against a full page of 20 from 200 suppliers.
    const widest = feedCosts[feedCosts.length - 1][1]
    budget(
      'feed_products_no_n_plus_1',
      single.reads === widest.reads,
      `1 item: ${single.reads}, 20 items of 200 suppliers: ${widest.reads}`,
    )
    cost('product_get', await measure(t, 'feed', { action: 'product', id: product._id }, agents[10]))
    // A search page: bounded reads (SEARCH_READS), the same whatever the catalogue's size.
    for (const name of searchNames) {
      const [fn, event, who] = pages[name]
      const c = cost(name, await measure(t, fn, event, who))
      const most = searches[name]
      figure(`${name}_100k_db_reads`, c.reads, 'reads')
      budget(`${name}_reads`, c.invocations === 1 && c.reads <= most, `${c.invocations} invocations, ${c.reads} reads (1, ≤ ${most})`)
      budget(`${name}_reads_100k_equal_1k`, c.reads === searchReads[name], `1k: ${searchReads[name]}, 100k: ${c.reads}`)
    }
    /**
     * A list page's cost on page 1 and on page `deep`, reached through the cursors as the app does,
     * and against a page of one item: reads growing with the items on a page (N+1) break a budget.
     */
    const listDepth = async (name: string, fn: string, event: Record<string, unknown>, who: string, deep: number) => {
      const first = cost(`${name}_page1`, await measure(t, fn, event, who))
      const oneItem = cost(`${name}_one_item`, await measure(t, fn, { ...event, limit: 1 }, who))
      budget(`${name}_no_n_plus_1`, oneItem.reads === first.reads, `1 item: ${oneItem.reads}, ${PAGE} items: ${first.reads}`)
      let next: Record<string, unknown> = event
      for (let p = 1; p < deep; p += 1) {
        const c = await measure(t, fn, next, who)
        if (!c.data.nextCursor) throw new Error(`bench: ${name} has no page ${deep}`)
        next = { ...event, cursor: c.data.nextCursor }
      }
      listBudget(name, first, cost(`${name}_page${deep}`, await measure(t, fn, next, who)))
    }
    await listDepth('feed_posts', 'feed', { action: 'posts', limit: PAGE }, agents[200], 50)
    await listDepth('supplier_products', 'product', { action: 'listMine', status: 'on_sale', limit: PAGE }, 'bench-s0', 5)
    // The supplier's 100 of the 100k orders, and its agents (generated ones and the buyers).
    await listDepth('supplier_orders', 'order', { action: 'listSold', limit: PAGE }, 'bench-s0', 5)
    await listDepth('supplier_agents', 'network', { action: 'listAgents', limit: PAGE }, 'bench-s0', 2)
    cost('publish', await measure(t, 'product', { action: 'create', ...productInput(shop.templateId, shop.image) }, 'bench-s0'))
    cost('forward', await measure(t, 'feed', { action: 'forward', productId: product._id }, agents[10]))
    const { token } = (await t.ok('feed', 'share', { productId: product._id }, agents[10])) as { token: string }
    cost('customer_view', await measure(t, 'feed', { action: 'shareView', token }))
    cost('order_quote', await measure(t, 'order', { action: 'quote', items }, agents[10]))
    cost('order_create', await measure(t, 'order', { action: 'create', idempotencyKey: newKey(), items, consignee: CONSIGNEE }, agents[10]))
    const home = cost('admin_home', await measure(t, 'supplier', { action: 'me' }, 'bench-s0'))
    budget('admin_home_reads', home.reads <= 4, `${home.reads} reads (≤ 4)`)
  } finally {
    await t.close()
  }
  return budgets
}

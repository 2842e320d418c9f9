import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@/domain/api'
import type { Answer } from '@/domain/errors'
import { type LocalCloud, startLocalCloud } from '../../local/cloud'
import { demoFunctionEnv } from '../../demo/function-env'
import { demoStorageWriteRule } from '../../demo/storage-rule'
import { productRecords, shopItemRecords } from '../../demo/catalogue'
import { DEMO_SELECTION_TOKEN, DEMO_SHARE_TOKENS, demoPostRecords, demoSelections, demoShares } from '../../demo/posts'
import { demoAddresses, demoOrderRecords } from '../../demo/orders'
import { DEMO_SEED_TIMEOUT_MS } from '../functions/harness'
import { DEMO_CASES } from '../../demo/aftersales'
import {
  DEMO_SUPPLIER_ID,
  demoBindings,
  demoOpenids,
  demoShippingTemplates,
  demoShop,
  demoSuppliers,
  demoUsers,
  seedDemo,
} from '../../demo/seed'

/**
 * The demo data is written straight into the store, so nothing but this test proves the functions
 * can read it: the local cloud starts WITH the demo seed, and every seeded record must come back
 * through the real actions, as the people of the demo would ask for it, every answer `ok`.
 */
let cloud: LocalCloud
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'wegong-demo-'))
  cloud = await startLocalCloud({
    port: 0,
    dataDir,
    functionsDir: path.resolve(__dirname, '../../dist/cloudfunctions'),
    seed: seedDemo,
    operators: [demoOpenids.operator],
    functionEnv: demoFunctionEnv,
    storageWriteRule: demoStorageWriteRule,
  })
}, DEMO_SEED_TIMEOUT_MS)
afterAll(async () => {
  await cloud?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Answers the data of an `ok` answer, failing the test with the error otherwise. */
async function ok<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
  openid: string,
): Promise<ActionOutput<F, A>> {
  const response = await fetch(`${cloud.url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wegong-openid': openid },
    body: JSON.stringify({ ...(input as object), action }),
  })
  const answer = (await response.json()) as Answer<ActionOutput<F, A>>
  if (!answer.ok) throw new Error(`${fn}.${action} as ${openid}: ${answer.error.code} ${answer.error.message}`)
  return answer.data
}

/** Every item of a cursor-paginated list, one small page at a time so that paging itself is walked. */
async function walk<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = []
  let cursor: string | undefined
  let pages = 0
  do {
    const answer = await page(cursor)
    items.push(...answer.items)
    pages += 1
    cursor = answer.nextCursor ?? undefined
    if (pages > 100) throw new Error('the list never ends')
  } while (cursor)
  return { items, pages }
}

type Stored = Record<string, unknown>
const stored = (collection: string, query?: Stored): Stored[] => cloud.db.find(collection, query)
const ids = (records: Array<{ _id?: unknown }>) => records.map((r) => String(r._id)).sort()
const sorted = (values: string[]) => [...values].sort()
const expectDistinct = (values: string[]) => expect(new Set(values).size).toBe(values.length)

interface StoredSpec {
  images: string[]
}

describe('demo data read through the real actions', () => {
  it('when the demo is loaded, then the store holds exactly the records the demo declares', () => {
    const orders = demoOrderRecords(
      0,
      demoShop(0, () => ''),
    )
    const declared: Record<string, Array<{ _id: string }>> = {
      users: demoUsers(0),
      suppliers: demoSuppliers(0),
      shipping_templates: demoShippingTemplates(0),
      bindings: demoBindings(0),
      products: productRecords(0, { supplierId: DEMO_SUPPLIER_ID, shippingTemplateId: '' }, () => ''),
      shop_catalog: shopItemRecords(0, DEMO_SUPPLIER_ID),
      posts: demoPostRecords(0, DEMO_SUPPLIER_ID, () => ''),
      shares: demoShares(0, DEMO_SUPPLIER_ID, demoOpenids.agents),
      selections: demoSelections(0, demoOpenids.agents),
      orders,
      addresses: demoAddresses(orders),
    }
    // The after-sales demo places its orders through the functions (CloudBase ids): one per case, besides the declared ones.
    const caseOrders = stored('aftersales').map((c) => ({ _id: String(c.orderId) }))
    expect(caseOrders).toHaveLength(DEMO_CASES.length)
    declared.orders = [...orders, ...caseOrders]
    for (const [collection, records] of Object.entries(declared)) {
      expect(records.length, collection).toBeGreaterThan(0)
      expect(ids(stored(collection)), collection).toEqual(ids(records))
    }
  })

  it('when the demo is loaded, then its forwarding counts add up in the shares, the day counters and the per-product and per-agent stats', () => {
    const total = (rows: Array<Record<string, unknown>>, key: string) => rows.reduce((sum, row) => sum + Number(row[key]), 0)
    const stats = stored('share_stats')
    for (const key of ['forwards', 'shares', 'views']) {
      const counted = total(stored('shares'), key)
      expect(counted, key).toBeGreaterThan(0)
      expect(total(stored('supplier_days'), key), key).toBe(counted)
      expect(
        total(
          stats.filter((row) => String(row.subject).startsWith('p:')),
          key,
        ),
        key,
      ).toBe(counted)
      expect(
        total(
          stats.filter((row) => String(row.subject).startsWith('a:')),
          key,
        ),
        key,
      ).toBe(counted)
    }
  })

  it('when each demo person logs in, then each seeded user is theirs', async () => {
    const users = stored('users')
    const read: string[] = []
    for (const user of users) {
      const answer = await ok('user', 'login', {}, String(user.openid))
      expect(answer.user).toMatchObject({ _id: user._id, nickname: user.nickname })
      read.push(answer.user._id)
    }
    expect(sorted(read)).toEqual(ids(users))
  })

  describe('as the demo supplier', () => {
    const owner = demoOpenids.supplier

    it('then supplier.me answers its shop', async () => {
      const me = await ok('supplier', 'me', {}, owner)
      expect(me.supplier?._id).toBe(DEMO_SUPPLIER_ID)
      expect(me.stats).not.toBeNull()
    })

    it('then product.listMine of both statuses, walked page by page, lists every seeded product once', async () => {
      const products = stored('products', { supplierId: DEMO_SUPPLIER_ID })
      const onSale = await walk((cursor) => ok('product', 'listMine', { status: 'on_sale', limit: 3, cursor }, owner))
      const offShelf = await walk((cursor) => ok('product', 'listMine', { status: 'off_shelf', limit: 3, cursor }, owner))
      expect(onSale.pages).toBeGreaterThan(1)
      const listed = [...onSale.items, ...offShelf.items].map((p) => p._id)
      expectDistinct(listed)
      expect(sorted(listed)).toEqual(ids(products))
    })

    it('then product.get answers each product with every image its own and served', async () => {
      const products = stored('products', { supplierId: DEMO_SUPPLIER_ID })
      const seededImages = products.flatMap((p) => (p.specs as StoredSpec[]).flatMap((s) => s.images))
      const readImages: string[] = []
      for (const record of products) {
        const product = await ok('product', 'get', { id: String(record._id) }, owner)
        expect(product._id).toBe(record._id)
        expect(product.specs).toHaveLength((record.specs as StoredSpec[]).length)
        for (const fileId of product.specs.flatMap((s) => s.images)) {
          const served = await fetch(encodeURI(product.imageUrls[fileId] ?? ''))
          expect(served.status, fileId).toBe(200)
          readImages.push(fileId)
        }
      }
      expect(sorted(readImages)).toEqual(sorted(seededImages))
      expect(seededImages.length).toBeGreaterThan(0)
    })

    it('then shipping.list answers every seeded template', async () => {
      const { items } = await ok('shipping', 'list', {}, owner)
      expect(ids(items)).toEqual(ids(stored('shipping_templates', { supplierId: DEMO_SUPPLIER_ID })))
    })

    it('then network.listAgents, walked page by page, lists every bound agent once', async () => {
      const bindings = stored('bindings', { supplierId: DEMO_SUPPLIER_ID })
      const { items } = await walk((cursor) => ok('network', 'listAgents', { limit: 1, cursor }, owner))
      const agents = items.map((a) => a.agentOpenid)
      expectDistinct(agents)
      expect(sorted(agents)).toEqual(sorted(bindings.map((b) => String(b.agentOpenid))))
    })

    it('then network.tiers answers every seeded tier, counting every bound agent', async () => {
      const [shop] = stored('suppliers', { _id: DEMO_SUPPLIER_ID })
      const tiers = await ok('network', 'tiers', {}, owner)
      expect(sorted(tiers.map((t) => t.id))).toEqual(sorted((shop?.tiers as Array<{ id: string }>).map((t) => t.id)))
      expect(tiers.reduce((sum, t) => sum + t.agentCount, 0)).toBe(stored('bindings', { supplierId: DEMO_SUPPLIER_ID }).length)
    })

    it('then post.listMine, walked page by page, lists every seeded post once, each picture served', async () => {
      const { items, pages } = await walk((cursor) => ok('post', 'listMine', { limit: 2, cursor }, owner))
      expect(pages).toBeGreaterThan(1)
      expectDistinct(items.map((p) => p._id))
      expect(ids(items)).toEqual(ids(stored('posts', { supplierId: DEMO_SUPPLIER_ID })))
      for (const url of items.flatMap((p) => p.images)) expect((await fetch(url)).status).toBe(200)
      expect(items.flatMap((p) => p.images).length).toBeGreaterThan(0)
    })

    it('then catalog.listShop, walked page by page, lists every seeded shop item once', async () => {
      const { items, pages } = await walk((cursor) => ok('catalog', 'listShop', { limit: 2, cursor }, owner))
      expect(pages).toBeGreaterThan(1)
      expectDistinct(items.map((i) => i._id))
      expect(ids(items)).toEqual(ids(stored('shop_catalog', { supplierId: DEMO_SUPPLIER_ID })))
    })
  })

  describe.each(demoOpenids.agents)('as the demo agent %s', (agent) => {
    it('then feed.products, walked page by page, answers every product on sale, and feed.product each of them', async () => {
      const now = cloud.clock.now()
      const onSale = stored('products', { supplierId: DEMO_SUPPLIER_ID }).filter((p) => p.status === 'on_sale' && Number(p.expiresAt) > now)
      const { items } = await walk((cursor) => ok('feed', 'products', { limit: 2, cursor }, agent))
      expectDistinct(items.map((p) => p._id))
      expect(ids(items)).toEqual(ids(onSale))
      for (const item of items) expect((await ok('feed', 'product', { id: item._id }, agent))._id).toBe(item._id)
    })

    it('then feed.posts, walked page by page, answers every seeded post of its suppliers', async () => {
      const { items } = await walk((cursor) => ok('feed', 'posts', { limit: 2, cursor }, agent))
      expectDistinct(items.map((p) => p._id))
      expect(ids(items)).toEqual(ids(stored('posts', { supplierId: DEMO_SUPPLIER_ID })))
    })

    it('then network.markup answers the markup seeded on its binding (or the default)', async () => {
      const [binding] = stored('bindings', { agentOpenid: agent, supplierId: DEMO_SUPPLIER_ID })
      const seeded = (binding?.markups as { supplier: unknown } | undefined)?.supplier
      const settings = await ok('network', 'markup', { supplierId: DEMO_SUPPLIER_ID }, agent)
      expect(settings.supplierDefault).toEqual(seeded ?? null)
    })

    it("then feed.products shows the supplier's card as its binding carries it", async () => {
      const [binding] = stored('bindings', { agentOpenid: agent, supplierId: DEMO_SUPPLIER_ID })
      const [supplier] = stored('suppliers', { _id: DEMO_SUPPLIER_ID })
      const { items } = await ok('feed', 'products', { limit: 1 }, agent)
      expect(items[0]?.supplier).toMatchObject({ name: supplier?.name, mainCategory: supplier?.mainCategory })
      expect(binding?.supplier).toMatchObject({ name: supplier?.name, mainCategory: supplier?.mainCategory })
      expect(binding?.tiers).toEqual(supplier?.tiers)
    })

    it('then feed.myShares lists each of its seeded shares and selections, and each opens in the customer view', async () => {
      const seeded = [...stored('shares', { agentOpenid: agent }), ...stored('selections', { agentOpenid: agent })]
      const { items } = await walk((cursor) => ok('feed', 'myShares', { limit: 1, cursor }, agent))
      expect(sorted(items.map((s) => s.token))).toEqual(sorted(seeded.map((s) => String(s.token))))
      for (const share of items) {
        const view =
          share.kind === 'selection'
            ? await ok('feed', 'selectionView', { token: share.token }, 'demo-customer')
            : await ok('feed', 'shareView', { token: share.token }, 'demo-customer')
        expect(view.available).toBe(share.state !== 'off_sale')
      }
      if (agent === demoOpenids.agents[0]) {
        expect(items.find((s) => s.token === DEMO_SHARE_TOKENS.storage)?.state).toBe('off_sale')
        expect(items.find((s) => s.token === DEMO_SHARE_TOKENS.dress)?.state).toBe('on_sale')
        expect(items.find((s) => s.token === DEMO_SELECTION_TOKEN)).toMatchObject({ kind: 'selection', state: 'on_sale', productCount: 3 })
      }
    })

    it('then network.mySuppliers answers each of its bindings', async () => {
      const { items } = await ok('network', 'mySuppliers', {}, agent)
      expect(sorted(items.map((s) => s.supplier._id))).toEqual(
        sorted(stored('bindings', { agentOpenid: agent }).map((b) => String(b.supplierId))),
      )
    })
  })

  describe('demo orders (R17)', () => {
    it("then the supplier's order.listSold, walked page by page, answers every seeded order, and order.get each; the counts and 经营数据 agree", async () => {
      const seeded = stored('orders', { supplierId: DEMO_SUPPLIER_ID })
      const { items } = await walk((cursor) => ok('order', 'listSold', { limit: 1, cursor }, demoOpenids.supplier))
      expectDistinct(items.map((o) => o._id))
      expect(ids(items)).toEqual(ids(seeded))
      for (const order of items) expect((await ok('order', 'get', { id: order._id }, demoOpenids.supplier)).orderNo).toBe(order.orderNo)
      const counts = await ok('order', 'countsSold', {}, demoOpenids.supplier)
      for (const [status, n] of Object.entries(counts)) expect(n, status).toBe(seeded.filter((o) => o.status === status).length)
      expect((await ok('supplier', 'me', {}, demoOpenids.supplier)).stats?.ordersToShip).toBe(counts.paid)
      const monthAgo = cloud.clock.now() - 29 * 24 * 3600_000
      const sales = seeded.filter((o) => typeof o.paidAt === 'number' && o.paidAt >= monthAgo).reduce((sum, o) => sum + Number(o.total), 0)
      // 经营数据 is net of what WeChat Pay confirmed refunded (the demo's 退款成功 case, today).
      const refunded = seeded.reduce((sum, o) => sum + Number(o.refundedFen ?? 0), 0)
      expect(refunded).toBeGreaterThan(0)
      const { days } = await ok('order', 'stats', {}, demoOpenids.supplier)
      expect(days.reduce((sum, d) => sum + d.salesFen, 0)).toBe(sales - refunded)
      expect(days.reduce((sum, d) => sum + d.refundedFen, 0)).toBe(refunded)
    })

    it.each(demoOpenids.agents)(
      'then agent %s reads its own orders through order.listMine and order.get, and its address book',
      async (agent) => {
        const seeded = stored('orders', { agentOpenid: agent })
        expect(seeded.length).toBeGreaterThan(0)
        const { items } = await walk((cursor) => ok('order', 'listMine', { limit: 1, cursor }, agent))
        expect(ids(items)).toEqual(ids(seeded))
        for (const order of items) expect((await ok('order', 'get', { id: order._id }, agent)).items.length).toBeGreaterThan(0)
        const { aftersaleOpen, ...counts } = await ok('order', 'countsMine', {}, agent)
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(seeded.length)
        expect(aftersaleOpen).toBe(stored('aftersales', { agentOpenid: agent, open: true }).length)
        const book = await ok('order', 'addresses', {}, agent)
        expect(sorted(book.items.map((a) => a.id))).toEqual(ids(stored('addresses', { agentOpenid: agent })))
      },
    )
  })

  describe('demo after-sales cases (R19)', () => {
    it('then the agent reads each case in the state the demo left it, its order names it, and the supplier has the open ones to do', async () => {
      const agent = demoOpenids.agents[0]
      const { items } = await walk((cursor) => ok('aftersale', 'listMine', { filter: 'all', limit: 1, cursor }, agent))
      expect(sorted(items.map((c) => c.status))).toEqual(sorted(DEMO_CASES.map((c) => c.status)))
      for (const kase of items) {
        expect((await ok('aftersale', 'get', { id: kase._id }, demoOpenids.supplier)).status).toBe(kase.status)
        expect((await ok('order', 'get', { id: kase.orderId }, agent)).aftersale).toEqual({ caseId: kase._id, status: kase.status })
      }
      const refunded = items.find((c) => c.status === 'refunded')
      expect(stored('orders', { _id: refunded?.orderId })[0]).toMatchObject({ refundedFen: refunded?.amountFen, openCaseId: null })
      const todo = await ok('aftersale', 'listSold', { filter: 'todo', limit: 20 }, demoOpenids.supplier)
      expect(sorted(todo.items.map((c) => c.status))).toEqual(['pending', 'returning'])
      expect(await ok('order', 'countsMine', {}, agent)).toMatchObject({ aftersaleOpen: 2 })
    })
  })

  describe('as the operator', () => {
    it('then supplier.listForReview, walked page by page, lists every seeded supplier once', async () => {
      const { items } = await walk((cursor) => ok('supplier', 'listForReview', { filter: 'all', limit: 1, cursor }, demoOpenids.operator))
      expectDistinct(items.map((s) => s._id))
      expect(ids(items)).toEqual(ids(stored('suppliers')))
    })
  })
})

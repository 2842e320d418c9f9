import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@/domain/api'
import type { Answer } from '@/domain/errors'
import { formatFen } from '@/domain/money'
import { SPEC_IMAGES_MAX } from '@/domain/product'
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../local/cloud'
import { demoOpenids, seedDemo } from '../../demo/seed'
import { demoFunctionEnv } from '../../demo/function-env'
import { demoStorageWriteRule } from '../../demo/storage-rule'

export const FUNCTIONS_DIR = path.resolve(__dirname, '../../dist/cloudfunctions')

/** The personas of the demo data (demo/seed.ts), by what they do. */
export const PERSONAS = {
  supplier: demoOpenids.supplier,
  pendingSupplier: demoOpenids.pendingSupplier,
  agent: demoOpenids.agents[0],
  otherAgent: demoOpenids.agents[1],
  operator: demoOpenids.operator,
} as const

/**
 * What the pages of the demo should show, read from the local cloud through the API as each
 * persona would see it — never hard-coded ids or prices, so the table follows the demo data.
 */
export interface Demo {
  supplier: { id: string; name: string; contact: string; mainCategory: string; homeScene: string; tiers: string[] }
  /** The agent's (PERSONAS.agent) view: its nickname, its tier at the supplier, and its feed. */
  agent: { nickname: string; tierName: string }
  /** The newest product of the agent's feed: id, first line of its text, the agent's price, its first spec, its pictures (at most nine, as forwarded). */
  agentProduct: { id: string; text: string; price: string; spec: string; images: number }
  /**
   * A search of the agent's feed by a word several demo products hold: the word, the first lines of
   * the products it finds and of those it leaves out.
   */
  search: { word: string; matches: string[]; others: string[] }
  /** The scene of that product's mini-program code (商品码, R10): what scanning it opens the product page with. */
  productCodeScene: string
  /** The supplier's own newest product on sale. */
  supplierProduct: { id: string; text: string }
  shipping: { id: string; name: string }
  /** The supplier's agents: nickname and remark. */
  agents: { nickname: string; remark: string }[]
  /** An item of the supplier's imported shop catalogue (R15), by title. */
  shopItem: { title: string }
  /** The supplier waiting for review, as an operator sees it. */
  pending: { name: string; contact: string }
  /** The demo's after-sales cases (demo/aftersales.ts), by where they stand: id, order, amount asked. */
  cases: Record<'refundRequest' | 'return' | 'refunded', { id: string; orderId: string; amountFen: number }>
  /** A fresh OPENID for each case that opens the app as a never-seen WeChat user. */
  newUser: () => string
}

export interface DemoCloud {
  url: string
  demo: Demo
  /** Calls a function as `openid` and answers its data, failing with the error otherwise. */
  ok<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    input: ActionInput<F, A>,
    openid: string,
  ): Promise<ActionOutput<F, A>>
}

/** The first line of a text, whitespace collapsed as the suite compares page text. */
export function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim()) ?? '').replace(/\s+/g, ' ').trim()
}

/**
 * How the weapp project's demo cloud runs (its global setup, and tests of that cloud): the built
 * functions on the demo data, configured as `npm start` configures them, except that timers fire
 * only when a test moves the clock. On real time the `expire` timer would cancel the demo's unpaid
 * order 27 minutes after the seed (and send its 即将取消 message before that) in the middle of a
 * long run, under the rows that show it (tests/weapp/demo-clock.test.ts).
 */
export function demoCloudOptions(dataDir: string): LocalCloudOptions {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    functionsDir: FUNCTIONS_DIR,
    seed: seedDemo,
    operators: [PERSONAS.operator],
    // The demo deployment's function variables (the upload key among them), as `npm start` sets them.
    functionEnv: demoFunctionEnv,
    storageWriteRule: demoStorageWriteRule,
    realTimeTimers: false,
  }
}

/**
 * The local cloud in-process with the demo data, running the built functions: started once for the
 * weapp project by its global setup (tests/weapp/global-setup.ts). Fails clearly when the functions
 * are not built.
 */
export async function startDemoCloud(): Promise<{ cloud: LocalCloud; close(): Promise<void> }> {
  if (!existsSync(path.join(FUNCTIONS_DIR, 'user', 'index.js'))) {
    throw new Error(`${FUNCTIONS_DIR} has no built cloud functions: run npm run build:functions first`)
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wegong-weapp-'))
  const cloud = await startLocalCloud(demoCloudOptions(dataDir))
  return {
    cloud,
    async close() {
      await cloud.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Calls a function of the local cloud at `url` as `openid` and answers its data, failing with the error otherwise. */
export function apiAt(url: string): DemoCloud['ok'] {
  return async function ok<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    input: ActionInput<F, A>,
    openid: string,
  ): Promise<ActionOutput<F, A>> {
    const response = await fetch(`${url}/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wegong-openid': openid },
      body: JSON.stringify({ ...(input as object), action }),
    })
    const answer = (await response.json()) as Answer<ActionOutput<F, A>>
    if (!answer.ok) throw new Error(`${fn}.${action} as ${openid} failed: ${answer.error.code} ${answer.error.message}`)
    return answer.data
  }
}

/** A word of the demo catalogue that some on-sale products hold and others not: 奶油白, 珍珠白, 米白. */
const SEARCH_WORD = '白'

/** The demo as the pages should show it, read through the API of the local cloud at `url`. */
export async function connectDemo(url: string): Promise<DemoCloud> {
  const ok = apiAt(url)
  const { supplier } = await ok('supplier', 'me', {}, PERSONAS.supplier)
  if (!supplier) throw new Error('the demo supplier has no supplier account')
  const { scene } = await ok('supplier', 'homeCode', {}, PERSONAS.supplier)
  const login = await ok('user', 'login', {}, PERSONAS.agent)
  const mine = await ok('network', 'mySuppliers', {}, PERSONAS.agent)
  const bound = mine.items.find((item) => item.supplier._id === supplier._id)
  if (!bound) throw new Error('the demo agent is not bound to the demo supplier')
  const feed = await ok('feed', 'products', {}, PERSONAS.agent)
  const product = feed.items[0]
  if (!product?.specs[0]) throw new Error('the demo agent sees no product')
  const searched = await ok('feed', 'search', { q: SEARCH_WORD }, PERSONAS.agent)
  const foundIds = new Set(searched.items.map((p) => p._id))
  if (searched.items.length < 2 || searched.items.length === feed.items.length) {
    throw new Error(
      `「${SEARCH_WORD}」 must find some of the demo agent's products, not none, one or all (it finds ${searched.items.length})`,
    )
  }
  const code = await ok('product', 'code', { id: product._id }, PERSONAS.supplier)
  const own = await ok('product', 'listMine', { status: 'on_sale' }, PERSONAS.supplier)
  if (!own.items[0]) throw new Error('the demo supplier has no product on sale')
  const shipping = await ok('shipping', 'list', {}, PERSONAS.supplier)
  if (!shipping.items[0]) throw new Error('the demo supplier has no shipping template')
  const agents = await ok('network', 'listAgents', {}, PERSONAS.supplier)
  const shop = await ok('catalog', 'listShop', {}, PERSONAS.supplier)
  if (!shop.items[0]) throw new Error('the demo supplier has no shop catalogue')
  const review = await ok('supplier', 'listForReview', { filter: 'pending' }, PERSONAS.operator)
  if (!review.items[0]) throw new Error('the demo has no supplier waiting for review')
  const cases = await ok('aftersale', 'listMine', { filter: 'all', limit: 20 }, PERSONAS.agent)
  const caseIn = (status: string) => {
    const found = cases.items.find((c) => c.status === status)
    if (!found) throw new Error(`the demo has no after-sales case in status ${status}`)
    return { id: found._id, orderId: found.orderId, amountFen: found.amountFen }
  }
  // Test files share the cloud: each one's new users are its own.
  const run = Math.random().toString(36).slice(2, 8)
  let users = 0
  const demo: Demo = {
    supplier: {
      id: supplier._id,
      name: supplier.name,
      contact: supplier.contact,
      mainCategory: supplier.mainCategory,
      homeScene: scene,
      tiers: supplier.tiers.map((tier) => tier.name),
    },
    agent: { nickname: login.user.nickname, tierName: bound.tierName },
    agentProduct: {
      id: product._id,
      text: firstLine(product.description),
      price: formatFen(product.specs[0].price),
      spec: product.specs[0].name,
      images: Math.min(SPEC_IMAGES_MAX, new Set(product.specs.flatMap((spec) => spec.images)).size),
    },
    search: {
      word: SEARCH_WORD,
      matches: searched.items.map((p) => firstLine(p.description)),
      others: feed.items.filter((p) => !foundIds.has(p._id)).map((p) => firstLine(p.description)),
    },
    productCodeScene: code.scene,
    supplierProduct: { id: own.items[0]._id, text: firstLine(own.items[0].description) },
    shipping: { id: shipping.items[0]._id, name: shipping.items[0].name },
    agents: agents.items.map((agent) => ({ nickname: agent.nickname, remark: agent.remark })),
    shopItem: { title: shop.items[0].title },
    pending: { name: review.items[0].name, contact: review.items[0].contact },
    cases: { refundRequest: caseIn('pending'), return: caseIn('returning'), refunded: caseIn('refunded') },
    newUser: () => `weapp-new-${run}-${++users}`,
  }
  return { url, demo, ok }
}

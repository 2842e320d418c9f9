import type { Spec } from '@/domain/product'
import { DAY_MS } from '@/domain/time'
import type { TestCloud } from './test-cloud'
import { upload } from './product-fixtures'

/** Arrangements shared by the network, feed and access-matrix tests. */

export const DAY = DAY_MS

/** The local cloud's clock (tests may have moved it forward). */
export async function cloudNow(t: TestCloud): Promise<number> {
  const answer = (await (await fetch(`${t.cloud.url}/_local/clock`)).json()) as { now: number }
  return answer.now
}

export async function advanceClock(t: TestCloud, ms: number): Promise<void> {
  await fetch(`${t.cloud.url}/_local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  })
}

/** A real image in the user's own upload folder, as the app uploads it; answers its cloud file ID. */
export async function uploadImage(t: TestCloud, openid: string, name: string): Promise<string> {
  const { fileID } = await upload(t, openid, `test/${name}.png`)
  if (!fileID) throw new Error('upload failed')
  return fileID
}

export async function registered(t: TestCloud, openid: string, name = '杭州源头好货服饰') {
  await t.ok('user', 'login', {}, openid)
  return t.ok('supplier', 'register', { name, contact: '13800138000', mainCategory: '女装' }, openid)
}

export function storedSupplier(t: TestCloud, supplierId: string) {
  const [row] = t.db.find('suppliers', { _id: supplierId })
  if (!row) throw new Error(`no supplier ${supplierId}`)
  return row as {
    _id: string
    homeScene: string
    homeCodeFileId?: string
    ownerOpenid: string
    tiers: Array<{ id: string; name: string; rank: number }>
  }
}

export function sceneOf(t: TestCloud, supplierId: string): string {
  return storedSupplier(t, supplierId).homeScene
}

/** A signed-in user who scanned the supplier's code and confirmed. */
export async function boundAgent(t: TestCloud, agentOpenid: string, supplierId: string, nickname?: string) {
  await t.ok('user', 'login', {}, agentOpenid)
  if (nickname) await t.ok('user', 'updateProfile', { nickname }, agentOpenid)
  return t.ok('network', 'bind', { scene: sceneOf(t, supplierId) }, agentOpenid)
}

export function storedBindings(t: TestCloud, query: Record<string, unknown>) {
  return t.db.find('bindings', query) as Array<{
    supplierId: string
    agentOpenid: string
    tierId: string
    remark: string
    createdAt: number
  }>
}

/** A product in the shape the product store writes (published now, on sale for 30 days). */
export function storedProduct(supplierId: string, now: number, overrides: Record<string, unknown> = {}) {
  return {
    supplierId,
    category: '女装',
    description: '夏季新款连衣裙，源头工厂直发',
    specs: [{ id: 'spec-1', name: '红色 / M', images: [], price: 5000, tierPrices: {}, stock: 100 }] as Spec[],
    shippingTemplateId: 'ship-1',
    status: 'on_sale',
    publishedAt: now,
    expiresAt: now + 30 * DAY,
    source: 'new',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  }
}

export function addProduct(t: TestCloud, supplierId: string, now: number, overrides: Record<string, unknown> = {}): string {
  const [id] = t.db.insertMany('products', [storedProduct(supplierId, now, overrides)])
  if (!id) throw new Error('product not inserted')
  return id
}

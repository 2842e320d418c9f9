import { expect } from 'vitest'
import type { Spec } from '@/domain/product'
import type { TestCloud } from './test-cloud'
import { addProduct, boundAgent, cloudNow, registered } from './network-fixtures'

/** What the binding-copies tests share: a shop with one agent, a binding as stored, reads per call. */

/** An action's answer with the DB reads the local cloud counted for it (as WeChat bills them). */
export async function withReads(t: TestCloud, fn: string, event: Record<string, unknown>, openid: string) {
  const response = await fetch(`${t.cloud.url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wegong-openid': openid },
    body: JSON.stringify(event),
  })
  const answer = (await response.json()) as { ok: boolean; data: unknown }
  expect(answer.ok).toBe(true)
  return { data: answer.data, reads: Number(response.headers.get('x-wegong-db-reads')) }
}

export interface StoredBinding {
  supplier?: { name?: string; mainCategory?: string; avatar?: string }
  tiers?: Array<{ id: string; name: string; rank: number }>
  markups?: { supplier: unknown; products: Record<string, unknown> }
}

export function binding(t: TestCloud, supplierId: string, agentOpenid: string): StoredBinding {
  const [row] = t.db.find('bindings', { supplierId, agentOpenid })
  if (!row) throw new Error(`no binding of ${agentOpenid} to ${supplierId}`)
  return row as StoredBinding
}

export const spec = (price: number, tierPrices: Record<string, number> = {}): Spec[] => [
  { id: 's1', name: '均码', images: [], price, tierPrices, stock: 10 },
]

/** A supplier with one on-sale product (¥50.00) and a post linking it, and one bound agent. */
export async function shop(t: TestCloud, prefix: string) {
  const supplier = await registered(t, `${prefix}-owner`, `${prefix}供应商`)
  await boundAgent(t, `${prefix}-agent`, supplier._id)
  const now = await cloudNow(t)
  const product = addProduct(t, supplier._id, now - 1000, { specs: spec(5000) })
  t.db.insertMany('posts', [{ supplierId: supplier._id, text: '上新', images: [], productIds: [product], createdAt: now - 500 }])
  return { supplier, product, owner: `${prefix}-owner`, agent: `${prefix}-agent` }
}

export async function feedCard(t: TestCloud, agent: string) {
  const { items } = await t.ok('feed', 'products', {}, agent)
  const { items: posts } = await t.ok('feed', 'posts', {}, agent)
  const { items: suppliers } = await t.ok('network', 'mySuppliers', {}, agent)
  // Temporary URLs are signed per request: the same file, not the same string.
  const cards = [items[0]?.supplier, posts[0]?.supplier, suppliers[0]?.supplier].map(
    (card) => card && { ...card, avatarUrl: card.avatarUrl.split('?')[0] ?? '' },
  )
  expect(cards[1]).toEqual(cards[0])
  expect(cards[2]).toEqual(cards[0])
  return cards[0]
}

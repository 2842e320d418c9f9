import { beforeAll, describe, expect, it } from 'vitest'
import { dumpStore } from './bad-input-world'
import { testCloudForFile } from './harness'
import { boundAgent } from './network-fixtures'
import { CONSIGNEE, newKey } from './order-fixtures'
import { productInput, publisher, specInput } from './product-fixtures'

/**
 * R9, no existence oracle: whatever check runs first, every refusal involving an id the caller may
 * not see reads byte for byte like the refusal of an id of nothing. An agent bound to supplier A
 * probes with B's products (on sale or delisted), a deleted product and a made-up id; supplier A
 * probes with B's products where it names products of its own.
 */

const t = testCloudForFile()

/** An id that names nothing, as long as a real one (the schemas take it). */
const NOTHING = 'Z'.repeat(32)

interface Probe {
  id: string
  specId: string
}

let probes: Record<string, Probe>
let own: Probe
let supplierA = ''
let supplierB = ''

beforeAll(async () => {
  const a = await publisher(t, 'eo-a')
  const b = await publisher(t, 'eo-b')
  supplierA = a.supplier._id
  supplierB = b.supplier._id
  const make = async (shop: typeof a, openid: string, description: string) => {
    const product = await t.ok(
      'product',
      'create',
      productInput(shop.templateId, shop.image, { description, specs: [specInput(shop.image)] }),
      openid,
    )
    return { id: product._id, specId: product.specs[0]!.id }
  }
  own = await make(a, 'eo-a', 'A 的在售商品')
  const aDelisted = await make(a, 'eo-a', 'A 下架的商品')
  const aRemoved = await make(a, 'eo-a', 'A 删除的商品')
  const bOnSale = await make(b, 'eo-b', 'B 的在售商品')
  const bDelisted = await make(b, 'eo-b', 'B 下架的商品')
  await t.ok('product', 'delist', { ids: [aDelisted.id, aRemoved.id] }, 'eo-a')
  await t.ok('product', 'remove', { ids: [aRemoved.id] }, 'eo-a')
  await t.ok('product', 'delist', { ids: [bDelisted.id] }, 'eo-b')
  await boundAgent(t, 'eo-agent', supplierA, '只代理 A')
  probes = {
    nothing: { id: NOTHING, specId: aDelisted.specId },
    'a deleted product': aRemoved,
    "B's product on sale": bOnSale,
    "B's delisted product": bDelisted,
    "A's delisted product": aDelisted,
  }
}, 60_000)

/** What the caller may not see, per caller: the owner sees its own delisted products. */
const FOR_AGENT = ['nothing', 'a deleted product', "B's product on sale", "B's delisted product", "A's delisted product"]
const FOR_OWNER = ['nothing', 'a deleted product', "B's product on sale", "B's delisted product"]

const line = (p: Probe, qty = 1) => ({ productId: p.id, specId: p.specId, qty })

const CASES: Array<[string, string, string, string[], (x: Probe) => Record<string, unknown>]> = [
  ['order.quote, with one of A’s products first', 'eo-agent', 'order.quote', FOR_AGENT, (x) => ({ items: [line(own), line(x)] })],
  ['order.quote, the probe alone', 'eo-agent', 'order.quote', FOR_AGENT, (x) => ({ items: [line(x)] })],
  [
    'order.create, with one of A’s products first',
    'eo-agent',
    'order.create',
    FOR_AGENT,
    (x) => ({ idempotencyKey: `probe-${x.id.slice(0, 8)}`, items: [line(own), line(x)], consignee: CONSIGNEE }),
  ],
  [
    'order.create, the probe alone',
    'eo-agent',
    'order.create',
    FOR_AGENT,
    (x) => ({ idempotencyKey: newKey(), items: [line(x)], consignee: CONSIGNEE }),
  ],
  ['feed.product', 'eo-agent', 'feed.product', FOR_AGENT, (x) => ({ id: x.id })],
  ['feed.share', 'eo-agent', 'feed.share', FOR_AGENT, (x) => ({ productId: x.id })],
  ['feed.forward', 'eo-agent', 'feed.forward', FOR_AGENT, (x) => ({ productId: x.id })],
  [
    'network.setMarkup',
    'eo-agent',
    'network.setMarkup',
    FOR_AGENT.slice(0, 4),
    (x) => ({ supplierId: supplierA, productId: x.id, kind: 'percent', value: 20, roundUp: false }),
  ],
  ['network.markup', 'eo-agent', 'network.markup', FOR_AGENT.slice(0, 4), (x) => ({ supplierId: supplierA, productId: x.id })],
  [
    'post.create, with one of A’s products first',
    'eo-a',
    'post.create',
    FOR_OWNER,
    (x) => ({ text: '上新', images: [], productIds: [own.id, x.id] }),
  ],
  ['product.get', 'eo-a', 'product.get', FOR_OWNER, (x) => ({ id: x.id })],
  ['product.code', 'eo-a', 'product.code', FOR_OWNER, (x) => ({ id: x.id })],
  ['product.delist, with one of A’s products first', 'eo-a', 'product.delist', FOR_OWNER, (x) => ({ ids: [own.id, x.id] })],
  ['product.relist', 'eo-a', 'product.relist', FOR_OWNER, (x) => ({ ids: [x.id] })],
  ['product.remove, with one of A’s products first', 'eo-a', 'product.remove', FOR_OWNER, (x) => ({ ids: [own.id, x.id] })],
]

describe('no existence oracle (R9)', () => {
  it.each(CASES)(
    'when %s names an id the caller may not see, then every answer is the answer to an id of nothing',
    async (_name, caller, name, kinds, input) => {
      const [fn, action] = name.split('.') as [string, string]
      const answers: Array<[string, string]> = []
      for (const kind of kinds) {
        const before = dumpStore(t)
        const answer = await t.raw(fn, { action, ...input(probes[kind]!) }, caller)
        expect(answer.ok, `${kind}: ${JSON.stringify(answer)}`).toBe(false)
        expect(dumpStore(t), `${kind}: the refusal changed the store`).toBe(before)
        answers.push([kind, JSON.stringify(answer)])
      }
      const [, nothing] = answers[0]!
      expect(answers.filter(([, answer]) => answer !== nothing)).toEqual([])
    },
  )

  it('when a supplier the agent is not bound to is named by its id or by an id of nothing, then the answers are the same', async () => {
    for (const [name, input] of [
      ['network.markup', (supplierId: string) => ({ supplierId })],
      ['network.setMarkup', (supplierId: string) => ({ supplierId, kind: 'percent', value: 20, roundUp: false })],
      ['feed.products', (supplierId: string) => ({ supplierId, limit: 20 })],
      ['feed.posts', (supplierId: string) => ({ supplierId, limit: 20 })],
    ] as const) {
      const [fn, action] = name.split('.') as [string, string]
      const real = await t.raw(fn, { action, ...input(supplierB) }, 'eo-agent')
      const none = await t.raw(fn, { action, ...input(NOTHING) }, 'eo-agent')
      expect({ name, answer: JSON.stringify(real) }).toEqual({ name, answer: JSON.stringify(none) })
    }
  })
})

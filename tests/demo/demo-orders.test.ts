import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shortTitle } from '@/domain/order'
import { demoOpenids } from '../../demo/seed'
import { startTestCloud, type TestCloud } from '../functions/harness'

/**
 * The demo's orders are written straight into the store, so this proves they are orders the
 * product would have made: each prices exactly as `order.quote` answers its agent for the same
 * items and province today, and its consignee sits in the agent's address book where ordering puts it.
 */
let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud({ seed: 'demo' })
})
afterAll(async () => {
  await t?.close()
})

describe('demo orders as the product would price and keep them', () => {
  it.each(demoOpenids.agents)(
    'when agent %s asks order.quote for the items and province of each of its demo orders, then the quote equals the order',
    async (agent) => {
      const { items: orders } = await t.ok('order', 'listMine', { limit: 50 }, agent)
      expect(orders.length).toBeGreaterThan(0)
      for (const order of orders) {
        const quote = await t.ok(
          'order',
          'quote',
          { items: order.items.map(({ productId, specId, qty }) => ({ productId, specId, qty })), province: order.consignee.province },
          agent,
        )
        expect(
          quote.lines.map(({ productId, specId, qty, unitPrice, title, specName }) => ({
            productId,
            specId,
            qty,
            unitPrice,
            title,
            specName,
          })),
          order._id,
        ).toEqual(
          order.items.map(({ productId, specId, qty, unitPrice, snapshot }) => ({
            productId,
            specId,
            qty,
            unitPrice,
            title: shortTitle(snapshot.description, 40),
            specName: snapshot.specName,
          })),
        )
        expect({ goodsTotal: quote.goodsTotal, shippingFee: quote.shippingFee, total: quote.total }, order._id).toEqual({
          goodsTotal: order.goodsTotal,
          shippingFee: order.shippingFee,
          total: order.total,
        })
      }
    },
  )

  it('when the demo agent orders again to a consignee of its address book, then the book still lists that consignee once, just used', async () => {
    const agent = demoOpenids.agents[0]
    const before = await t.ok('order', 'addresses', {}, agent)
    const entry = before.items.find((a) => a.consignee.name === '王女士')
    if (!entry) throw new Error('the demo address book has no 王女士')
    const order = await t.ok(
      'order',
      'create',
      { idempotencyKey: 'demo-reorder-1', items: [{ productId: 'demo-p-tote', specId: 'tote-s2', qty: 1 }], consignee: entry.consignee },
      agent,
    )
    const after = await t.ok('order', 'addresses', {}, agent)
    expect(after.items.filter((a) => a.consignee.name === '王女士').map((a) => a.id)).toEqual([entry.id])
    expect(after.items.map((a) => a.id).sort()).toEqual(before.items.map((a) => a.id).sort())
    expect(after.items[0]).toMatchObject({ id: entry.id, usedAt: order.createdAt })
    expect(t.db.find('addresses', { agentOpenid: agent })).toHaveLength(before.items.length)
  })
})

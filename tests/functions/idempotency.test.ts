import { describe, expect, it } from 'vitest'
import { orderCloudForFile } from './harness'
import { CONSIGNEE, newKey, shopWithAgent, storedOrder } from './order-fixtures'
import { productInput } from './product-fixtures'

/**
 * Idempotency keys (R17): a key sent again with the same request answers what the first try made; the
 * same key with anything else submitted is refused (CONFLICT) and writes nothing, since its first
 * answer is about another request (一件代发: the goods would go to the consignee before the edit).
 */

const { t, snapshot } = orderCloudForFile()

const CHANGED = { code: 'CONFLICT', message: '该请求已提交过不同的内容，请刷新后重试' }

/** Removes a stored field behind the functions' back: a record written before the field existed. */
async function unsetField(collectionName: string, id: string, field: string): Promise<void> {
  await t.db.handle({
    action: 'database.modifyDocument',
    collectionName,
    query: JSON.stringify({ _id: id }),
    data: JSON.stringify({ $unset: { [field]: '' } }),
    multi: false,
    merge: true,
    upsert: false,
  })
}

describe('the same key with another consignee (一件代发)', () => {
  it('when a checkout retries its key after the consignee changed, then CONFLICT, and the order and stock stay as the first try left them', async () => {
    const { product, spec } = await shopWithAgent(t, 'ik-sup', 'ik-agent')
    const request = { idempotencyKey: newKey(), items: [{ productId: product._id, specId: spec.id, qty: 2 }], consignee: CONSIGNEE }
    const first = await t.ok('order', 'create', request, 'ik-agent')
    const before = snapshot()
    const edited = await t.call(
      'order',
      'create',
      { ...request, consignee: { ...CONSIGNEE, name: '王大明', address: '人民路 8 号' } },
      'ik-agent',
    )
    expect(edited.ok ? edited.data : edited.error).toMatchObject(CHANGED)
    expect(snapshot()).toBe(before)
    expect(storedOrder(t, first._id).consignee).toEqual(CONSIGNEE)
    expect((await t.ok('order', 'create', request, 'ik-agent'))._id).toBe(first._id)
  })

  it('when the same key is sent twice at once with two consignees, then one order is made and the other try is refused', async () => {
    const { product, spec } = await shopWithAgent(t, 'ik2-sup', 'ik2-agent')
    const key = newKey()
    const items = [{ productId: product._id, specId: spec.id, qty: 1 }]
    const answers = await Promise.all([
      t.call('order', 'create', { idempotencyKey: key, items, consignee: CONSIGNEE }, 'ik2-agent'),
      t.call('order', 'create', { idempotencyKey: key, items, consignee: { ...CONSIGNEE, name: '王大明' } }, 'ik2-agent'),
    ])
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1)
    expect(answers.find((answer) => !answer.ok)).toMatchObject({ ok: false, error: CHANGED })
    expect(t.db.find('orders', { agentOpenid: 'ik2-agent' })).toHaveLength(1)
  })
})

describe('records stored before fingerprints existed', () => {
  it('when an order without a stored fingerprint is retried, then the same request answers it and another consignee is refused (its lines and consignee are the request)', async () => {
    const { product, spec } = await shopWithAgent(t, 'il-sup', 'il-agent')
    const request = { idempotencyKey: newKey(), items: [{ productId: product._id, specId: spec.id, qty: 1 }], consignee: CONSIGNEE }
    const first = await t.ok('order', 'create', request, 'il-agent')
    await unsetField('orders', first._id, 'requestFingerprint')
    expect(storedOrder(t, first._id)).not.toHaveProperty('requestFingerprint')
    const before = snapshot()
    expect((await t.ok('order', 'create', request, 'il-agent'))._id).toBe(first._id)
    const edited = await t.call('order', 'create', { ...request, consignee: { ...CONSIGNEE, phone: '13700001111' } }, 'il-agent')
    expect(edited.ok ? edited.data : edited.error).toMatchObject(CHANGED)
    expect(snapshot()).toBe(before)
  })

  it('when a product without a stored fingerprint is retried with its key, then it is answered as before, whatever was submitted', async () => {
    const { shop } = await shopWithAgent(t, 'ip-sup', 'ip-agent')
    const key = newKey()
    const first = await t.ok('product', 'create', { ...productInput(shop.templateId, shop.image), idempotencyKey: key }, 'ip-sup')
    await unsetField('products', first._id, 'requestFingerprint')
    const count = t.db.find('products', { supplierId: shop.supplier._id }).length
    const again = await t.ok(
      'product',
      'create',
      { ...productInput(shop.templateId, shop.image, { description: '另一件商品的描述' }), idempotencyKey: key },
      'ip-sup',
    )
    expect(again._id).toBe(first._id)
    expect(t.db.find('products', { supplierId: shop.supplier._id })).toHaveLength(count)
  })
})

describe('share keys are scoped to the item', () => {
  it('when 一键转发 sends the key of a press on one product with another product, then it answers and counts that product, never the first', async () => {
    const { shop, product } = await shopWithAgent(t, 'is-sup', 'is-agent')
    const second = await t.ok('product', 'create', productInput(shop.templateId, shop.image, { description: '第二件商品' }), 'is-sup')
    const key = newKey()
    const first = await t.ok('feed', 'forward', { productId: product._id, idempotencyKey: key }, 'is-agent')
    const other = await t.ok('feed', 'forward', { productId: second._id, idempotencyKey: key }, 'is-agent')
    expect(other.token).not.toBe(first.token)
    expect(other.text).toBe('第二件商品')
    const counts = () =>
      (t.db.find('shares', { agentOpenid: 'is-agent' }) as Array<{ itemId: string; forwards: number }>)
        .map(({ itemId, forwards }) => ({ itemId, forwards }))
        .sort((a, b) => a.itemId.localeCompare(b.itemId))
    const expected = [
      { itemId: product._id, forwards: 1 },
      { itemId: second._id, forwards: 1 },
    ].sort((a, b) => a.itemId.localeCompare(b.itemId))
    expect(counts()).toEqual(expected)
    expect((await t.ok('feed', 'forward', { productId: product._id, idempotencyKey: key }, 'is-agent')).token).toBe(first.token)
    expect(counts()).toEqual(expected)
  })
})

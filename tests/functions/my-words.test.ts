import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { boundAgent } from './network-fixtures'
import { productInput, publisher } from './product-fixtures'
import type { TestCloud } from './harness'

const t = testCloudForFile()

const DESCRIPTION = '2026春季新款碎花连衣裙'
const HIDDEN = { ok: false, error: { code: 'NOT_FOUND', message: '商品不存在或已下架' } }

/** A supplier's product and post, a bound agent and a stranger. */
async function scenario(prefix: string) {
  const owner = `${prefix}-owner`
  const shop = await publisher(t, owner)
  const input = productInput(shop.templateId, shop.image, { description: DESCRIPTION })
  const product = await t.ok('product', 'create', input, owner)
  const post = await t.ok('post', 'create', { text: '两款返场', images: [], productIds: [product._id] }, owner)
  const agent = `${prefix}-agent`
  await boundAgent(t, agent, shop.supplier._id, '小美的店')
  await t.ok('user', 'login', {}, `${prefix}-stranger`)
  const edit = (description: string) => t.ok('product', 'update', { id: product._id, ...input, description }, owner)
  return { owner, shop, product: product._id, post: post._id, agent, stranger: `${prefix}-stranger`, edit }
}

const storedTexts = (cloud: TestCloud, agentOpenid: string) =>
  cloud.db.find('my_texts', { agentOpenid }) as Array<{ kind: string; itemId: string; text: string; basedOn: string }>

describe('feed.myText and feed.setMyText (the agent’s own words)', () => {
  it('when the agent keeps its own words, then 一键转发, the poster’s text and the customer view use them until it resets', async () => {
    const s = await scenario('w1')
    const before = await t.ok('feed', 'myText', { productId: s.product }, s.agent)
    expect(before).toMatchObject({ own: null, supplierText: DESCRIPTION, supplierUpdated: false, text: DESCRIPTION, repeated: false })

    const mine = '自己穿了一周，面料很舒服\n限时特惠'
    const saved = await t.ok('feed', 'setMyText', { productId: s.product, text: mine }, s.agent)
    expect(saved).toMatchObject({ own: mine, text: mine, supplierUpdated: false })
    expect(saved.foldWords).toEqual([
      { word: '限时', index: 13 },
      { word: '特惠', index: 15 },
    ])
    expect(storedTexts(t, s.agent)).toEqual([expect.objectContaining({ kind: 'product', itemId: s.product, text: mine })])

    const forwarded = await t.ok('feed', 'forward', { productId: s.product }, s.agent)
    expect(forwarded.text).toBe(mine)
    expect(forwarded.foldWords.map((h) => h.word)).toEqual(['限时', '特惠'])
    const { token } = await t.ok('feed', 'share', { productId: s.product }, s.agent)
    expect((await t.ok('feed', 'shareView', { token })).text).toBe(mine)

    const reset = await t.ok('feed', 'setMyText', { productId: s.product, text: null }, s.agent)
    expect(reset).toMatchObject({ own: null, text: DESCRIPTION })
    expect(storedTexts(t, s.agent)).toEqual([])
    expect((await t.ok('feed', 'forward', { productId: s.product }, s.agent)).text).toBe(DESCRIPTION)
    expect((await t.ok('feed', 'shareView', { token })).text).toBe(DESCRIPTION)
  })

  it('when the agent has words for a post, then forwarding the post uses them and the product’s text is untouched', async () => {
    const s = await scenario('w2')
    await t.ok('feed', 'setMyText', { postId: s.post, text: '我的动态文案' }, s.agent)
    expect((await t.ok('feed', 'forward', { postId: s.post }, s.agent)).text).toBe('我的动态文案')
    expect((await t.ok('feed', 'forward', { productId: s.product }, s.agent)).text).toBe(DESCRIPTION)
  })

  it('when the supplier edits its description, then the agent sees 供应商更新了文案 and each choice gives its text', async () => {
    const s = await scenario('w3')
    await t.ok('feed', 'setMyText', { productId: s.product, text: '我的话' }, s.agent)
    await s.edit('新描述：加厚款')
    const updated = await t.ok('feed', 'myText', { productId: s.product }, s.agent)
    expect(updated).toMatchObject({ own: '我的话', supplierText: '新描述：加厚款', supplierUpdated: true, text: '我的话' })

    const merged = await t.ok('feed', 'setMyText', { productId: s.product, choice: 'merge' }, s.agent)
    expect(merged).toMatchObject({ own: '我的话\n\n新描述：加厚款', supplierUpdated: false })
    expect(storedTexts(t, s.agent)[0]?.text).toBe('我的话\n\n新描述：加厚款')

    await s.edit('再改一次')
    const kept = await t.ok('feed', 'setMyText', { productId: s.product, choice: 'keep' }, s.agent)
    expect(kept).toMatchObject({ own: '我的话\n\n新描述：加厚款', supplierUpdated: false })

    await s.edit('第三版')
    const theirs = await t.ok('feed', 'setMyText', { productId: s.product, choice: 'theirs' }, s.agent)
    expect(theirs).toMatchObject({ own: null, text: '第三版', supplierUpdated: false })
    expect(storedTexts(t, s.agent)).toEqual([])
  })

  it('when the agent forwards the same text twice in a row, then the second answer says it is repeated, and a retry of a press does not', async () => {
    const s = await scenario('w4')
    const first = await t.ok('feed', 'forward', { productId: s.product, idempotencyKey: 'press-0001' }, s.agent)
    expect(first.repeated).toBe(false)
    const retry = await t.ok('feed', 'forward', { productId: s.product, idempotencyKey: 'press-0001' }, s.agent)
    expect(retry.repeated).toBe(false)
    const again = await t.ok('feed', 'forward', { productId: s.product, idempotencyKey: 'press-0002' }, s.agent)
    expect(again.repeated).toBe(true)
    expect((await t.ok('feed', 'myText', { productId: s.product }, s.agent)).repeated).toBe(true)
    await t.ok('feed', 'setMyText', { productId: s.product, text: '换个说法' }, s.agent)
    expect((await t.ok('feed', 'forward', { productId: s.product, idempotencyKey: 'press-0003' }, s.agent)).repeated).toBe(false)
  })

  it('when a stranger, the supplier or a signed-out caller asks, then the item is hidden and nothing is stored', async () => {
    const s = await scenario('w5')
    expect(await t.call('feed', 'myText', { productId: s.product }, s.stranger)).toEqual(HIDDEN)
    expect(await t.call('feed', 'setMyText', { productId: s.product, text: '偷偷改' }, s.stranger)).toEqual(HIDDEN)
    expect(await t.call('feed', 'setMyText', { productId: s.product, text: '偷偷改' }, s.owner)).toEqual(HIDDEN)
    expect((await t.call('feed', 'myText', { productId: s.product })).ok).toBe(false)
    expect(t.db.find('my_texts', { itemId: s.product })).toEqual([])
  })

  it('when the words are risky, too long, blank or name no item, then the call is refused in Chinese and nothing is stored', async () => {
    const s = await scenario('w6')
    const risky = await t.call('feed', 'setMyText', { productId: s.product, text: '好货违规测试' }, s.agent)
    expect(risky).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const long = await t.call('feed', 'setMyText', { productId: s.product, text: '字'.repeat(501) }, s.agent)
    expect(long).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('500') } })
    const blank = await t.call('feed', 'setMyText', { productId: s.product, text: ' \u200b ' }, s.agent)
    expect(blank).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const both = await t.call('feed', 'setMyText', { productId: s.product, postId: s.post, text: '两个' }, s.agent)
    expect(both).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const neither = await t.call('feed', 'setMyText', { productId: s.product }, s.agent)
    expect(neither).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(storedTexts(t, s.agent)).toEqual([])
  })

  it('when the merged text would pass 500 characters, then the choice is refused and the agent’s words stay', async () => {
    const s = await scenario('w7')
    const mine = '我'.repeat(400)
    await t.ok('feed', 'setMyText', { productId: s.product, text: mine }, s.agent)
    await s.edit('新'.repeat(200))
    const merged = await t.call('feed', 'setMyText', { productId: s.product, choice: 'merge' }, s.agent)
    expect(merged).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(storedTexts(t, s.agent)[0]?.text).toBe(mine)
  })
})

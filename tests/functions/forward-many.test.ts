import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { selectionScenario } from './selection-fixtures'
import { leaves } from './share-fixtures'

const t = testCloudForFile()

const HIDDEN = { ok: false, error: { code: 'NOT_FOUND', message: '商品不存在或已下架' } }
const INVALID = { ok: false, error: { code: 'NOT_FOUND', message: '链接无效或已失效' } }

const scenario = (prefix: string) => selectionScenario(t, prefix)

describe('feed.forwardMany (多选转发)', () => {
  it('when the agent picks three products of two suppliers, then one post has the first picture of each in order and one line each at its retail price', async () => {
    const s = await scenario('fm1')
    const post = await t.ok('feed', 'forwardMany', { productIds: [s.bag, s.dress, s.coat], idempotencyKey: 'many-0001' }, s.agent)
    expect(post.productIds).toEqual([s.bag, s.dress, s.coat])
    expect(post.text).toBe('1. 帆布包 💰 ¥39.00\n2. 碎花连衣裙 💰 ¥129.00\n3. 我自己也在穿的开衫 💰 ¥89.00')
    expect(post.images).toHaveLength(3)
    for (const url of post.images) expect(url).toMatch(/^http/)
    expect(post.path).toBe(`pages/selection/index?token=${post.token}`)
    expect(post.repeated).toBe(false)
    // Each product's forward is counted once for its supplier, and the retry of the press counts nothing more.
    await t.ok('feed', 'forwardMany', { productIds: [s.bag, s.dress, s.coat], idempotencyKey: 'many-0001' }, s.agent)
    const shares = t.db.find('shares', { agentOpenid: s.agent }) as Array<{ itemId: string; forwards: number; supplierId: string }>
    expect(shares.map((r) => [r.itemId, r.forwards]).sort()).toEqual(
      [
        [s.bag, 1],
        [s.coat, 1],
        [s.dress, 1],
      ].sort(),
    )
    expect(
      (await t.ok('feed', 'forwardMany', { productIds: [s.bag, s.dress, s.coat], idempotencyKey: 'many-0002' }, s.agent)).repeated,
    ).toBe(true)
  })

  it('when a picked product went off sale or the agent was removed by its supplier, then it drops out; when all are gone, NOT_FOUND', async () => {
    const s = await scenario('fm2')
    await t.ok('product', 'delist', { ids: [s.dress] }, s.a.owner)
    await t.ok('network', 'unbind', { agentOpenid: s.agent }, s.b.owner)
    const post = await t.ok('feed', 'forwardMany', { productIds: [s.bag, s.dress, s.coat] }, s.agent)
    expect(post.productIds).toEqual([s.coat])
    expect(post.text).toBe('我自己也在穿的开衫 💰 ¥89.00')
    expect(await t.call('feed', 'forwardMany', { productIds: [s.bag, s.dress] }, s.agent)).toEqual(HIDDEN)
  })

  it('when a stranger, the supplier or nobody forwards, or the selection is empty or over nine, then it is refused and nothing is counted', async () => {
    const s = await scenario('fm3')
    expect(await t.call('feed', 'forwardMany', { productIds: [s.dress] }, s.stranger)).toEqual(HIDDEN)
    expect(await t.call('feed', 'forwardMany', { productIds: [s.dress] }, s.a.owner)).toEqual(HIDDEN)
    expect(await t.call('feed', 'forwardMany', { productIds: [s.dress] })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await t.call('feed', 'forwardMany', { productIds: [] }, s.agent)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
    const ten = Array.from({ length: 10 }, () => s.dress)
    expect(await t.call('feed', 'forwardMany', { productIds: ten }, s.agent)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('9') },
    })
    expect(t.db.find('shares', { itemId: s.dress })).toEqual([])
    expect(t.db.find('selections', { agentOpenid: s.agent })).toEqual([])
  })
})

describe('feed.shareSelection and feed.selectionView (the selection’s card)', () => {
  it('when a customer opens the card, then each product shows its pictures, text and the agent’s retail price, and nothing of any supplier', async () => {
    const s = await scenario('fs1')
    const card = await t.ok('feed', 'shareSelection', { productIds: [s.dress, s.coat, s.bag] }, s.agent)
    expect(card.path).toBe(`pages/selection/index?token=${card.token}`)
    expect((await t.ok('feed', 'shareSelection', { productIds: [s.bag, s.coat, s.dress] }, s.agent)).token).toBe(card.token)
    expect(t.db.find('selections', { agentOpenid: s.agent })).toEqual([expect.objectContaining({ token: card.token, shares: 2 })])

    const view = await t.ok('feed', 'selectionView', { token: card.token }, 'fs1-customer')
    expect(view).toMatchObject({ available: true, title: '精选 3 件好物', seller: { nickname: '小美的店' } })
    expect(view.items.map((i) => [i.text, i.price, i.images.length])).toEqual([
      ['碎花连衣裙\n面料柔软', { min: 12900, max: 12900 }, 2],
      ['我自己也在穿的开衫', { min: 8900, max: 8900 }, 1],
      ['帆布包', { min: 3900, max: 3900 }, 1],
    ])
    const secrets = [
      s.a.supplier._id,
      s.b.supplier._id,
      'fs1a秘密供应商',
      'fs1b秘密供应商',
      '13912345678',
      s.a.owner,
      s.b.owner,
      s.dress,
      s.coat,
      s.bag,
    ]
    const purchasePrices = [5981, 5583, 4511, 2000]
    const found = leaves(view).filter((leaf) =>
      typeof leaf === 'number' ? purchasePrices.includes(leaf) : secrets.some((secret) => leaf.includes(secret)),
    )
    expect(found).toEqual([])
    expect(leaves(view)).not.toContain('stock')
    expect(leaves(view)).not.toContain('supplierId')
  })

  it('when products go off sale or a supplier removes the agent, then they drop out; when all are gone, 链接已失效', async () => {
    const s = await scenario('fs2')
    const { token } = await t.ok('feed', 'shareSelection', { productIds: [s.dress, s.coat, s.bag] }, s.agent)
    await t.ok('network', 'unbind', { agentOpenid: s.agent }, s.b.owner)
    await t.ok('product', 'delist', { ids: [s.dress] }, s.a.owner)
    const left = await t.ok('feed', 'selectionView', { token })
    expect(left.items.map((i) => i.text)).toEqual(['我自己也在穿的开衫'])
    expect(left.title).toBe('我自己也在穿的开衫')
    await t.ok('product', 'delist', { ids: [s.coat] }, s.a.owner)
    const gone = await t.ok('feed', 'selectionView', { token })
    expect(gone).toMatchObject({ available: false, title: '', items: [] })
    expect(await t.call('feed', 'selectionView', { token: 'zzzzzzzzzzzzzzzz' })).toEqual(INVALID)
    expect(await t.call('feed', 'selectionView', { token: 'not a token' })).toEqual(INVALID)
  })

  it('when a stranger or the supplier shares a selection, then it is refused and no selection is stored', async () => {
    const s = await scenario('fs3')
    expect(await t.call('feed', 'shareSelection', { productIds: [s.dress] }, s.stranger)).toEqual(HIDDEN)
    expect(await t.call('feed', 'shareSelection', { productIds: [s.dress] }, s.a.owner)).toEqual(HIDDEN)
    expect(t.db.find('selections', { agentOpenid: s.stranger })).toEqual([])
    expect(t.db.find('selections', { agentOpenid: s.a.owner })).toEqual([])
  })

  it('when the agent asks for its selection’s poster code, then it gets one code with the token as scene, made once; anyone else gets NOT_FOUND', async () => {
    const s = await scenario('fs4')
    const { token } = await t.ok('feed', 'shareSelection', { productIds: [s.dress, s.bag] }, s.agent)
    const code = await t.ok('feed', 'shareCode', { token }, s.agent)
    expect(code.scene).toBe(token)
    expect((await fetch(code.image)).status).toBe(200)
    const [stored] = t.db.find('selections', { token })
    expect(stored?.codeFileId).toEqual(expect.stringContaining(`codes/selection/${token}.png`))
    await t.ok('feed', 'shareCode', { token }, s.agent)
    expect(t.db.find('selections', { token })[0]?.codeFileId).toBe(stored?.codeFileId)
    expect(await t.call('feed', 'shareCode', { token }, s.stranger)).toEqual(INVALID)
    expect(await t.call('feed', 'shareCode', { token }, s.a.owner)).toEqual(INVALID)
    expect(await t.call('feed', 'shareCode', { token: 'zzzzzzzzzzzzzzzz' }, s.agent)).toEqual(INVALID)
  })
})

import { describe, expect, it } from 'vitest'
import { OPERATOR, testCloudForFile } from './harness'
import { addProduct, boundAgent, cloudNow, sceneOf } from './network-fixtures'
import { uploadNamed } from './product-fixtures'
import { leaves } from './share-fixtures'

const t = testCloudForFile()

/** The path segments of the URLs in an answer (a temporary URL carries the file's storage path). */
function urlSegments(value: unknown): Set<string> {
  const urls = leaves(value).filter((leaf): leaf is string => typeof leaf === 'string' && /^https?:\/\//.test(leaf))
  return new Set(urls.flatMap((url) => new URL(url).pathname.split('/').filter(Boolean)))
}

describe('what a shared card reveals to customers (R16)', () => {
  it('when customers open two agents’ cards of one supplier, then neither names the supplier, its folder, its avatar, the other card or a purchase price', async () => {
    const owner = 'sp-owner'
    const { uploadDir } = await t.ok('user', 'login', {}, owner)
    const avatar = (await uploadNamed(t, owner, 'avatars')).fileID
    await t.ok('user', 'updateProfile', { avatar }, owner)
    const supplier = await t.ok('supplier', 'register', { name: 'SP秘密供应商', contact: '13912345678', mainCategory: '女装' }, owner)
    await t.ok('supplier', 'verify', { supplierId: supplier._id, verifiedMember: true, buyerProtection: true }, OPERATOR)
    const { tiers } = await t.ok('network', 'saveTiers', { tiers: [{ id: supplier.tiers[0]?.id, name: '普通' }, { name: '金牌' }] }, owner)
    const gold = tiers[1]?.id ?? ''
    const now = await cloudNow(t)
    const dress = addProduct(t, supplier._id, now - 2000, {
      description: '碎花连衣裙',
      // The 建议零售价 lies below the 金牌 purchase price.
      specs: [
        {
          id: 'd1',
          name: '均码',
          images: [(await uploadNamed(t, owner)).fileID],
          price: 5981,
          tierPrices: { [gold]: 5583 },
          retailPrice: 5000,
          stock: 3,
        },
      ],
    })
    const coat = addProduct(t, supplier._id, now - 1000, {
      description: '针织开衫',
      specs: [{ id: 'c1', name: '均码', images: [(await uploadNamed(t, owner)).fileID], price: 4511, tierPrices: {}, stock: 9 }],
    })
    await boundAgent(t, 'sp-gold', supplier._id, '金牌小美')
    await t.ok('network', 'setTier', { agentOpenids: ['sp-gold'], tierId: gold }, owner)
    await t.ok('network', 'setMarkup', { supplierId: supplier._id, kind: 'suggested' }, 'sp-gold')
    await boundAgent(t, 'sp-normal', supplier._id, '普通小丽')
    const goldCard = await t.ok('feed', 'share', { productId: dress }, 'sp-gold')
    const normalCard = await t.ok('feed', 'share', { productId: coat }, 'sp-normal')

    const goldView = await t.ok('feed', 'shareView', { token: goldCard.token })
    const normalView = await t.ok('feed', 'shareView', { token: normalCard.token }, 'sp-customer')
    // Anyone holding the printed home code sees the supplier's card, avatar included.
    const preview = await t.ok('network', 'preview', { scene: sceneOf(t, supplier._id) })
    expect(preview.avatarUrl).toMatch(/^http/)
    expect(goldView.images).toHaveLength(1)
    expect(normalView.images).toHaveLength(1)

    const folderKey = uploadDir.split('/')[1] ?? ''
    const purchasePrices = [5981, 5583, 4511]
    for (const view of [goldView, normalView]) {
      const found = leaves(view).filter((leaf) =>
        typeof leaf === 'number'
          ? purchasePrices.includes(leaf)
          : [supplier._id, 'SP秘密供应商', '13912345678', owner, folderKey, dress, coat].some((secret) => leaf.includes(secret)),
      )
      expect(found).toEqual([])
    }
    // Shared paths are only the folder every upload of its kind goes to: nothing ties the cards to
    // each other or to the supplier's avatar.
    const common = (a: Set<string>, b: Set<string>) => [...a].filter((segment) => b.has(segment))
    const folders = ['uploads', 'products', 'avatars', 'files']
    expect(common(urlSegments(goldView), urlSegments(normalView)).filter((s) => !folders.includes(s))).toEqual([])
    for (const view of [goldView, normalView])
      expect(common(urlSegments(view), urlSegments(preview)).filter((s) => !folders.includes(s))).toEqual([])
    // 按建议零售价 below the purchase price shows the default markup: 5583 × 1.2 → ¥67, never ¥55.83.
    expect(goldView.price).toEqual({ min: 6700, max: 6700 })
  })
})

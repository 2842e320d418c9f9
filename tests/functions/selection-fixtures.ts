import type { TestCloud } from './test-cloud'
import { addProduct, cloudNow, uploadImage } from './network-fixtures'
import { goldAgentSupplier } from './share-fixtures'

/**
 * Two suppliers: A with a dress (two pictures, its 金牌 price) and a coat, B with a bag; one agent
 * bound to both at 金牌, with its own words for the coat.
 */
export async function selectionScenario(t: TestCloud, prefix: string) {
  const agent = `${prefix}-agent`
  const a = await goldAgentSupplier(t, `${prefix}a`, agent)
  const b = await goldAgentSupplier(t, `${prefix}b`, agent)
  const now = await cloudNow(t)
  const picture = (owner: string, name: string) => uploadImage(t, owner, `${prefix}-${name}`)
  const dressPics = [await picture(a.owner, 'dress1'), await picture(a.owner, 'dress2')]
  const dress = addProduct(t, a.supplier._id, now - 3000, {
    description: '碎花连衣裙\n面料柔软',
    specs: [{ id: 'd1', name: '均码', images: dressPics, price: 5981, tierPrices: { [a.gold]: 5583 }, retailPrice: 12900, stock: 3 }],
  })
  const coat = addProduct(t, a.supplier._id, now - 2000, {
    description: '针织开衫',
    specs: [{ id: 'c1', name: '均码', images: [await picture(a.owner, 'coat')], price: 4511, tierPrices: {}, retailPrice: 8900, stock: 9 }],
  })
  const bag = addProduct(t, b.supplier._id, now - 1000, {
    description: '帆布包',
    specs: [{ id: 'b1', name: '大号', images: [await picture(b.owner, 'bag')], price: 2000, tierPrices: {}, retailPrice: 3900, stock: 9 }],
  })
  await t.ok('feed', 'setMyText', { productId: coat, text: '我自己也在穿的开衫' }, agent)
  await t.ok('user', 'login', {}, `${prefix}-stranger`)
  return { agent, a, b, dress, coat, bag, dressPics, stranger: `${prefix}-stranger` }
}

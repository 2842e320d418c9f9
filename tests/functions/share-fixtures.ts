import type { TestCloud } from './test-cloud'
import { boundAgent } from './network-fixtures'
import { productInput, publisher } from './product-fixtures'

/** A supplier's product shared as a card by a bound agent (the card customers open). */
export async function sharedProductCard(t: TestCloud, prefix: string) {
  const owner = `${prefix}-owner`
  const shop = await publisher(t, owner)
  const product = await t.ok('product', 'create', productInput(shop.templateId, shop.image), owner)
  const agent = `${prefix}-agent`
  await boundAgent(t, agent, shop.supplier._id, agent)
  const { token } = await t.ok('feed', 'share', { productId: product._id }, agent)
  return { owner, supplierId: shop.supplier._id, productId: product._id, agent, token }
}

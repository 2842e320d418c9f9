import { OPERATOR, type TestCloud } from './test-cloud'
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

/** Every string (keys too) and number of an answer, at any depth. */
export function leaves(value: unknown, into: Array<string | number> = []): Array<string | number> {
  if (typeof value === 'string' || typeof value === 'number') into.push(value)
  else if (Array.isArray(value)) for (const v of value) leaves(v, into)
  else if (value !== null && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) {
      into.push(key)
      leaves(v, into)
    }
  return into
}

/** A verified supplier with a 金牌 tier; the agent is bound at 金牌 and sells at the 建议零售价. */
export async function goldAgentSupplier(t: TestCloud, prefix: string, agent: string, nickname = '小美的店') {
  const owner = `${prefix}-owner`
  await t.ok('user', 'login', {}, owner)
  const supplier = await t.ok('supplier', 'register', { name: `${prefix}秘密供应商`, contact: '13912345678', mainCategory: '女装' }, owner)
  await t.ok('supplier', 'verify', { supplierId: supplier._id, verifiedMember: true, buyerProtection: true }, OPERATOR)
  const { tiers } = await t.ok('network', 'saveTiers', { tiers: [{ id: supplier.tiers[0]?.id, name: '普通' }, { name: '金牌' }] }, owner)
  const gold = tiers[1]?.id ?? ''
  await boundAgent(t, agent, supplier._id, nickname)
  await t.ok('network', 'setTier', { agentOpenids: [agent], tierId: gold }, owner)
  // The agent sells at each spec's 建议零售价.
  await t.ok('network', 'setMarkup', { supplierId: supplier._id, kind: 'suggested' }, agent)
  return { owner, supplier, gold }
}

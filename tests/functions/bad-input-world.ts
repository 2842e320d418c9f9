import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { api } from '@/domain/api'
import type { z } from '@/domain/zod'
import database from '../../cloudfunctions/database.json'
import { OPERATOR, type TestCloud } from './test-cloud'
import { boundAgent } from './network-fixtures'
import { CONSIGNEE, newKey, payOrder } from './order-fixtures'
import { productInput, publisher, specInput, upload } from './product-fixtures'
import { arrangeCases, caseCalls } from './aftersale-world'

/**
 * A small world in which every action of the contract has one valid call: the caller it is for and
 * an input it accepts. The bad-input and retry tests start from these and change them.
 */

export interface ActionCall {
  fn: string
  action: string
  /** Absent: anonymous. */
  caller?: string
  input: Record<string, unknown>
}

/** Every action of the contract, walked, so a new action needs a row in `validCalls`. */
export const contractActions: Array<{ name: string; fn: string; action: string; schema: z.ZodTypeAny }> = Object.entries(api).flatMap(
  ([fn, actions]) =>
    Object.entries(actions as Record<string, { input: z.ZodTypeAny }>).map(([action, endpoint]) => ({
      name: `${fn}.${action}`,
      fn,
      action,
      schema: endpoint.input,
    })),
)

export const OWNER = 'w-owner'
export const AGENT = 'w-agent'
/** Signed in, no supplier, not bound: registers and binds. */
export const NEWBIE = 'w-newbie'

export const SHOP_CSV = '商品编号,商品标题,商品描述,类目,规格,采购价,建议零售价,库存\nA1,碎花连衣裙,春季新款,女装,均码,3980,6900,10'

/** Arranges the world once; answers the one valid call of every action (keyed `fn.action`). */
export async function arrangeWorld(t: TestCloud): Promise<Record<string, ActionCall>> {
  const shop = await publisher(t, OWNER)
  const supplierId = shop.supplier._id
  const tiers = (await t.ok('network', 'saveTiers', { tiers: [{ id: shop.tierId, name: '普通代理' }, { name: '金牌代理' }] }, OWNER)).tiers
  const gold = tiers[1]!.id
  const product = (extra: Record<string, unknown> = {}) =>
    t.ok('product', 'create', productInput(shop.templateId, shop.image, extra), OWNER)
  const p1 = await product({ specs: [specInput(shop.image, { stock: 1000 })] })
  const toDelist = await product({ description: '待下架的商品' })
  const toRelist = await product({ description: '已下架的商品' })
  await t.ok('product', 'delist', { ids: [toRelist._id] }, OWNER)
  const toRemove = await product({ description: '要删除的商品' })
  const spareTemplate = await t.ok('shipping', 'save', { name: '备用运费', firstFee: 600, additionalFee: 100 }, OWNER)
  await boundAgent(t, AGENT, supplierId, '代理小王')
  await t.ok('user', 'login', {}, NEWBIE)
  const csv = (await upload(t, OWNER, 'imports/shop.csv', SHOP_CSV)).fileID
  await t.ok('catalog', 'importFile', { fileID: csv, fileName: 'shop.csv' }, OWNER)
  const shopItem = (await t.ok('catalog', 'listShop', {}, OWNER)).items[0]!
  const post = await t.ok('post', 'create', { text: '今日上新', images: [shop.image], productIds: [p1._id] }, OWNER)
  const share = await t.ok('feed', 'share', { productId: p1._id }, AGENT)
  const selection = await t.ok('feed', 'shareSelection', { productIds: [p1._id] }, AGENT)
  // 我的小店 with p1, shared; the calls below add another product, reorder the two and remove p1.
  const forStorefront = await product({ description: '小店新品' })
  await t.ok('storefront', 'addProducts', { productIds: [p1._id] }, AGENT)
  const storefront = await t.ok('storefront', 'share', {}, AGENT)
  const line = { productId: p1._id, specId: p1.specs[0]!.id, qty: 1 }
  const order = (consignee = CONSIGNEE) => t.ok('order', 'create', { idempotencyKey: newKey(), items: [line], consignee }, AGENT)
  const pending = await order()
  const paid = await order()
  await payOrder(t, AGENT, paid)
  const toRefund = await order()
  await payOrder(t, AGENT, toRefund)
  const shipped = await order()
  await payOrder(t, AGENT, shipped)
  await t.ok('order', 'ship', { id: shipped._id, carrier: '顺丰速运', trackingNo: 'SF1234567890' }, OWNER)
  await order({ ...CONSIGNEE, name: '王大明', phone: '13700001111' })
  const addresses = (await t.ok('order', 'addresses', {}, AGENT)).items
  const spareAddress = addresses.find((entry) => entry.consignee.name === '王大明')!
  const avatar = (await upload(t, AGENT, 'avatars/me.png')).fileID
  const newImage = (await upload(t, OWNER, 'products/new.png')).fileID
  const cases = await arrangeCases(t, OWNER, AGENT, line)

  const as = (caller: string | undefined, fn: string, action: string, input: Record<string, unknown> = {}): ActionCall => ({
    fn,
    action,
    caller,
    input,
  })
  const calls = [
    as(AGENT, 'user', 'login'),
    as(AGENT, 'user', 'updateProfile', { nickname: '小王的店', avatar, wechatId: 'wx_xiaowang' }),
    as(AGENT, 'user', 'uploadPath', { kind: 'products', ext: 'jpg' }),
    as(NEWBIE, 'supplier', 'register', { name: '新开的供应商', contact: '13800138001', mainCategory: '童装', idempotencyKey: newKey() }),
    as(OWNER, 'supplier', 'me'),
    as(OWNER, 'supplier', 'updateProfile', { name: '改过名的供应商', contact: '13800138000', mainCategory: '女装' }),
    as(OPERATOR, 'supplier', 'verify', { supplierId, verifiedMember: true, buyerProtection: true }),
    as(OPERATOR, 'supplier', 'listForReview', { filter: 'all', limit: 20 }),
    as(OWNER, 'supplier', 'homeCode'),
    as(
      OWNER,
      'product',
      'create',
      productInput(shop.templateId, newImage, {
        specs: [specInput(newImage), specInput(newImage, { name: '蓝色 / L' })],
        idempotencyKey: newKey(),
      }),
    ),
    // The edit form sends each spec's id, so orders and carts keep pointing at the same spec.
    as(OWNER, 'product', 'update', {
      id: p1._id,
      ...productInput(shop.templateId, shop.image, { specs: [specInput(shop.image, { id: p1.specs[0]!.id, stock: 900 })] }),
    }),
    as(OWNER, 'product', 'get', { id: p1._id }),
    as(OWNER, 'product', 'listMine', { status: 'on_sale', limit: 20 }),
    as(OWNER, 'product', 'search', {
      status: 'on_sale',
      q: '碎花连衣裙',
      category: '女装',
      minPrice: 100,
      maxPrice: 100_000,
      newWithin: '7d',
      sort: 'price',
      limit: 20,
    }),
    as(OWNER, 'product', 'delist', { ids: [toDelist._id] }),
    as(OWNER, 'product', 'relist', { ids: [toRelist._id] }),
    as(OWNER, 'product', 'remove', { ids: [toRemove._id] }),
    as(OWNER, 'product', 'code', { id: p1._id }),
    as(OWNER, 'catalog', 'importFile', { fileID: csv, fileName: 'shop.csv' }),
    as(OWNER, 'catalog', 'listShop', { q: '连衣裙', limit: 20 }),
    as(OWNER, 'catalog', 'getShop', { id: shopItem._id }),
    as(OWNER, 'shipping', 'list'),
    as(OWNER, 'shipping', 'get', { id: shop.templateId }),
    as(OWNER, 'shipping', 'save', {
      name: '偏远加价',
      firstFee: 800,
      additionalFee: 200,
      regions: [{ provinces: ['新疆'], firstFee: 2000, additionalFee: 800 }],
      freeOver: 9900,
      idempotencyKey: newKey(),
    }),
    as(OWNER, 'shipping', 'remove', { id: spareTemplate._id }),
    as(NEWBIE, 'network', 'preview', { scene: sceneOf(t, supplierId) }),
    as(NEWBIE, 'network', 'bind', { scene: sceneOf(t, supplierId) }),
    as(AGENT, 'network', 'mySuppliers'),
    as(OWNER, 'network', 'listAgents', { q: '小王', limit: 20 }),
    as(OWNER, 'network', 'setRemark', { agentOpenid: AGENT, remark: '老客户，发顺丰' }),
    as(OWNER, 'network', 'setTier', { agentOpenids: [AGENT], tierId: gold }),
    as(OWNER, 'network', 'unbind', { agentOpenid: AGENT }),
    as(OWNER, 'network', 'tiers'),
    as(OWNER, 'network', 'saveTiers', {
      tiers: [{ id: shop.tierId, name: '普通代理' }, { id: gold, name: '金牌代理' }, { name: '钻石代理' }],
    }),
    as(OWNER, 'network', 'rotateCode'),
    as(AGENT, 'network', 'setMarkup', { supplierId, productId: p1._id, kind: 'percent', value: 30, roundUp: true }),
    as(AGENT, 'network', 'markup', { supplierId, productId: p1._id }),
    as(AGENT, 'network', 'removeMarkup', { supplierId, productId: p1._id }),
    as(OWNER, 'network', 'shareStats', { productIds: [p1._id], agentOpenids: [AGENT] }),
    as(AGENT, 'feed', 'products', { supplierId, limit: 20 }),
    as(AGENT, 'feed', 'product', { id: p1._id }),
    as(AGENT, 'feed', 'search', {
      q: '碎花连衣裙',
      supplierId,
      category: '女装',
      minPrice: 100,
      maxPrice: 100_000,
      newWithin: 'today',
      sort: 'newest',
      limit: 20,
    }),
    as(AGENT, 'feed', 'searchPosts', { q: '上新', supplierId, newWithin: 'today', limit: 20 }),
    as(AGENT, 'feed', 'newCount', { since: 0 }),
    as(AGENT, 'feed', 'posts', { supplierId, limit: 20 }),
    as(AGENT, 'feed', 'newPostCount', { since: 0 }),
    as(AGENT, 'feed', 'share', { productId: p1._id, prepare: false, idempotencyKey: newKey() }),
    as(AGENT, 'feed', 'forward', { postId: post._id, idempotencyKey: newKey() }),
    as(AGENT, 'feed', 'shareCode', { token: share.token }),
    as(undefined, 'feed', 'shareView', { token: share.token, idempotencyKey: newKey() }),
    as(AGENT, 'feed', 'myShares', { limit: 20 }),
    as(AGENT, 'feed', 'myText', { productId: p1._id }),
    as(AGENT, 'feed', 'setMyText', { productId: p1._id, text: '自己穿过，推荐' }),
    as(AGENT, 'feed', 'forwardMany', { productIds: [p1._id], idempotencyKey: newKey() }),
    as(AGENT, 'feed', 'shareSelection', { productIds: [p1._id], idempotencyKey: newKey() }),
    as(undefined, 'feed', 'selectionView', { token: selection.token, idempotencyKey: newKey() }),
    as(AGENT, 'storefront', 'mine'),
    as(AGENT, 'storefront', 'save', { name: '小王的好物', cover: avatar }),
    as(AGENT, 'storefront', 'addProducts', { productIds: [forStorefront._id] }),
    as(AGENT, 'storefront', 'reorder', { productIds: [p1._id, forStorefront._id] }),
    as(AGENT, 'storefront', 'removeProducts', { productIds: [p1._id] }),
    as(AGENT, 'storefront', 'share', { code: true, idempotencyKey: newKey() }),
    as(undefined, 'storefront', 'view', { token: storefront.token, idempotencyKey: newKey() }),
    as(OWNER, 'post', 'create', { text: '今日上新，欢迎转发', images: [shop.image], productIds: [p1._id], idempotencyKey: newKey() }),
    as(OWNER, 'post', 'listMine', { limit: 20 }),
    as(OWNER, 'post', 'remove', { ids: [post._id] }),
    as(AGENT, 'order', 'quote', { items: [line], province: '广东省' }),
    as(AGENT, 'order', 'create', { idempotencyKey: newKey(), items: [line], consignee: CONSIGNEE }),
    as(AGENT, 'order', 'pay', { id: pending._id }),
    as(AGENT, 'order', 'get', { id: pending._id }),
    as(AGENT, 'order', 'listMine', { status: 'pending_payment', limit: 20 }),
    as(AGENT, 'order', 'countsMine'),
    as(OWNER, 'order', 'listSold', { status: 'paid', q: '李小红', limit: 20 }),
    as(OWNER, 'order', 'countsSold'),
    as(OWNER, 'order', 'ship', { id: paid._id, carrier: '中通快递', trackingNo: 'ZT1234567890' }),
    as(AGENT, 'order', 'cancel', { id: pending._id }),
    as(AGENT, 'order', 'confirm', { id: shipped._id }),
    as(OWNER, 'order', 'refund', { id: toRefund._id, reason: '缺货', note: '厂家断货' }),
    as(OWNER, 'order', 'export', { fromDay: '2020-01-01', toDay: '2020-03-01', status: 'paid' }),
    as(AGENT, 'order', 'addresses'),
    as(AGENT, 'order', 'removeAddress', { id: spareAddress.id }),
    as(AGENT, 'order', 'templates'),
    as(OWNER, 'order', 'stats'),
    ...caseCalls(cases, OWNER, AGENT, OPERATOR),
  ]
  return Object.fromEntries(calls.map((call) => [`${call.fn}.${call.action}`, call]))
}

function sceneOf(t: TestCloud, supplierId: string): string {
  return (t.db.find('suppliers', { _id: supplierId })[0] as { homeScene: string }).homeScene
}

/**
 * Everything the functions may change: every declared collection, and every file of storage with
 * its bytes and creator. Two equal dumps mean the call changed nothing.
 */
export function dumpStore(t: TestCloud): string {
  const collections = database.collections.map((collection) => [collection.name, t.db.find(collection.name, {})])
  return JSON.stringify({ collections, files: filesUnder(t.dataDir) })
}

function filesUnder(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = []
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) walk(full)
      // The store itself is dumped through its queries; the clock file moves with time, not with calls.
      else if (!/^(db\.sqlite|clock\.json)/.test(entry.name) && statSync(full).isFile())
        out.push([path.relative(dir, full), readFileSync(full).toString('base64')])
    }
  }
  walk(dir)
  return out.sort(([a], [b]) => a.localeCompare(b))
}

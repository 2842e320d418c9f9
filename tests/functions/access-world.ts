import type { ConsigneeInput } from '@/domain/order'
import { DAY_MS, shanghaiDay } from '@/domain/time'
import database from '../../cloudfunctions/database.json'
import { OPERATOR, type TestCloud } from './test-cloud'
import { addProduct, cloudNow, sceneOf, storedSupplier } from './network-fixtures'
import { newKey, payOrder } from './order-fixtures'
import { uploadNamed } from './product-fixtures'
import { arrangeCases } from './aftersale-world'

/**
 * The world every row of the access matrix (access-matrix.ts) runs in: one supplier with three
 * tiers, products, a post, a shop item and orders; another supplier with its own agent; agents of
 * two tiers; a removed agent; share tokens. Everything private carries a planted sentinel — a
 * unique string, or a price no rounding can produce (not a multiple of 100) — so a leak is found by
 * its value wherever it turns up, not only by a key's name.
 */

/** The caller kinds of the access matrix. */
export const KINDS = ['anonymous', 'newUser', 'customer', 'unbound', 'bound', 'otherTier', 'removed', 'rival', 'owner', 'operator'] as const
export type Kind = (typeof KINDS)[number]

/**
 * Who each kind is. `newUser` has never called login (no user record); `customer` is a WeChat user
 * who opened an agent's shared card from a chat (so it has an OPENID) and bound nowhere;
 * `unbound` is an agent of the other supplier only; `bound` is a gold-tier agent, `otherTier` a
 * default-tier agent; `removed` was a gold-tier agent, ordered and shared, then was removed;
 * `rival` owns the other supplier.
 */
export const OPENIDS: Record<Kind, string | undefined> = {
  anonymous: undefined,
  newUser: 'oSNLnewuser',
  customer: 'oSNLcustomer',
  unbound: 'oSNLunbound',
  bound: 'oSNLgold',
  otherTier: 'oSNLnorm',
  removed: 'oSNLremoved',
  rival: 'oSNLrival',
  owner: 'oSNLowner',
  operator: OPERATOR,
}

/** A consignee whose every field is a sentinel of its agent. */
function consignee(tag: string, phone: string): ConsigneeInput {
  return { name: `SNL收${tag}`, phone, province: '浙江省', city: '杭州市', district: '西湖区', address: `SNL-ADDR-${tag}` }
}
const CONSIGNEES = {
  gold: consignee('GOLD', '13900000011'),
  norm: consignee('NORM', '13900000022'),
  removed: consignee('RMVD', '13900000033'),
  unbound: consignee('UNBD', '13900000044'),
}

/** The storage path of a file ID: what a temporary URL of the file carries. */
export function pathOf(fileID: string): string {
  return fileID.replace(/^cloud:\/\/[^/]+\//, '')
}

export type World = Awaited<ReturnType<typeof arrangeWorld>>

export async function arrangeWorld(t: TestCloud) {
  const id = OPENIDS as Record<Exclude<Kind, 'anonymous'>, string>
  const image = async (openid: string) => (await uploadNamed(t, openid)).fileID

  // ---- the supplier, its tiers, templates and shop ----
  const ownerFolder = (await t.ok('user', 'login', {}, id.owner)).uploadDir
  const ownerAvatar = await image(id.owner)
  await t.ok('user', 'updateProfile', { nickname: 'SNL-NICK-OWNER', avatar: ownerAvatar }, id.owner)
  const supplier = await t.ok('supplier', 'register', { name: 'SNL供应商甲', contact: '13700000001', mainCategory: '女装' }, id.owner)
  // 退货地址 (R19): the supplier's own; no other caller is ever answered it.
  const returnAddress = { name: 'SNL退货人', phone: '13700000009', region: 'SNL-RET-REGION', detail: 'SNL-RET-DETAIL' }
  await t.ok('supplier', 'updateProfile', { name: 'SNL供应商甲', contact: '13700000001', mainCategory: '女装', returnAddress }, id.owner)
  await t.ok('user', 'login', {}, id.operator)
  await t.ok('supplier', 'verify', { supplierId: supplier._id, verifiedMember: true, buyerProtection: true }, id.operator)
  const { tiers } = await t.ok(
    'network',
    'saveTiers',
    { tiers: [{ id: supplier.tiers[0]?.id, name: 'SNL普通' }, { name: 'SNL金牌' }, { name: 'SNL钻石' }, { name: 'SNL旧级' }] },
    id.owner,
  )
  const [normalTier, goldTier, diamondTier, deletedTier] = tiers.map((tier) => tier.id) as [string, string, string, string]
  await t.ok('supplier', 'homeCode', {}, id.owner)
  const template = await t.ok('shipping', 'save', { name: 'SNL-TPL-A', firstFee: 811, additionalFee: 211 }, id.owner)
  const spareTemplate = await t.ok('shipping', 'save', { name: 'SNL-TPL-B', firstFee: 833, additionalFee: 233 }, id.owner)
  const csv = (await uploadNamed(t, id.owner, 'imports', 'csv', '商品编号,商品标题,规格,采购价,库存\nSNL-X1,SNL-SHOP-TITLE,均码,12.34,7'))
    .fileID
  await t.ok('catalog', 'importFile', { fileID: csv, fileName: 'shop.csv' }, id.owner)
  const shopItem = (await t.ok('catalog', 'listShop', {}, id.owner)).items[0]!

  // ---- products: P1 on sale with tier prices, P2 delisted, P3 on sale (the removed agent's order) ----
  const images = {
    p1: await image(id.owner),
    p2: await image(id.owner),
    p3: await image(id.owner),
    p4: await image(id.owner),
  }
  const postImage = await image(id.owner)
  const spec = (name: string, price: number, tierPrices: Record<string, number>, stock: number, img: string, retailPrice?: number) => ({
    name,
    images: [img],
    price,
    tierPrices,
    ...(retailPrice ? { retailPrice } : {}),
    stock,
  })
  const product = (description: string, specs: ReturnType<typeof spec>[]) =>
    t.ok('product', 'create', { category: '女装', description, specs, shippingTemplateId: template._id }, id.owner)
  const p1 = await product('SNL-DESC-P1 春季新款', [
    spec('SNL规格一', 12_347, { [goldTier]: 9_871, [diamondTier]: 8_761, [deletedTier]: 5_431 }, 4_321, images.p1, 45_679),
    spec('SNL规格二', 23_459, { [goldTier]: 19_873, [diamondTier]: 17_659, [deletedTier]: 15_437 }, 4_323, images.p1, 56_789),
  ])
  // A tier deleted after P1 priced it: its price stays stored and must never apply or show (R11).
  await t.ok('network', 'saveTiers', { tiers: tiers.slice(0, 3).map(({ id: tierId, name }) => ({ id: tierId, name })) }, id.owner)
  const p2 = await product('SNL-DESC-P2 已下架', [spec('均码', 15_551, {}, 77, images.p2)])
  const p3 = await product('SNL-DESC-P3 夏季', [spec('均码', 34_561, {}, 5_000, images.p3)])
  // The post links P1 and P2; P2 is delisted after posting (R14: the post stays, P2 disappears from it).
  const post = await t.ok('post', 'create', { text: 'SNL-POST-TEXT 上新', images: [postImage], productIds: [p1._id, p2._id] }, id.owner)
  await t.ok('product', 'delist', { ids: [p2._id] }, id.owner)
  // P4 expired a minute ago but the timer has not run yet (R8: never shown as on sale); a post without pictures links it.
  const now = await cloudNow(t)
  const p4 = addProduct(t, supplier._id, now - 31 * DAY_MS, {
    description: 'SNL-DESC-P4 已过期',
    specs: [{ id: 'spec-p4', name: '均码', images: [images.p4], price: 16_661, tierPrices: {}, stock: 9 }],
    shippingTemplateId: template._id,
    expiresAt: now - 60_000,
  })
  t.db.insertMany('posts', [{ supplierId: supplier._id, text: 'SNL-POST-EXPIRED', images: [], productIds: [p4], createdAt: now - 1_000 }])

  // ---- agents of two tiers, and one who will be removed ----
  const goldAvatar = await image(id.bound)
  const agents = [
    { openid: id.bound, nickname: 'SNL-NICK-GOLD', tier: goldTier, remark: 'SNL-REMARK-GOLD' },
    { openid: id.otherTier, nickname: 'SNL-NICK-NORM', tier: normalTier, remark: 'SNL-REMARK-NORM' },
    { openid: id.removed, nickname: 'SNL-NICK-RMVD', tier: goldTier, remark: 'SNL-REMARK-RMVD' },
  ]
  for (const agent of agents) {
    await t.ok('user', 'login', {}, agent.openid)
    await t.ok(
      'user',
      'updateProfile',
      {
        nickname: agent.nickname,
        wechatId: `wx_${agent.nickname.slice(9).toLowerCase()}_snl`,
        ...(agent.openid === id.bound ? { avatar: goldAvatar } : {}),
      },
      agent.openid,
    )
    await t.ok('network', 'bind', { scene: sceneOf(t, supplier._id) }, agent.openid)
    if (agent.tier !== normalTier) await t.ok('network', 'setTier', { agentOpenids: [agent.openid], tierId: agent.tier }, id.owner)
    await t.ok('network', 'setRemark', { agentOpenid: agent.openid, remark: agent.remark }, id.owner)
  }
  await t.ok('network', 'setMarkup', { supplierId: supplier._id, kind: 'percent', value: 30, roundUp: false }, id.bound)

  // ---- orders: the gold agent's unpaid, paid and shipped ones; one each of the others ----
  const order = (openid: string, productId: string, specId: string, to: ConsigneeInput) =>
    t.ok('order', 'create', { idempotencyKey: newKey(), items: [{ productId, specId, qty: 1 }], consignee: to }, openid)
  const spec1 = p1.specs[0]!
  const goldUnpaid = await order(id.bound, p1._id, spec1.id, CONSIGNEES.gold)
  const goldPaid = await order(id.bound, p1._id, spec1.id, CONSIGNEES.gold)
  await payOrder(t, id.bound, goldPaid)
  const goldShipped = await order(id.bound, p1._id, spec1.id, CONSIGNEES.gold)
  await payOrder(t, id.bound, goldShipped)
  await t.ok('order', 'ship', { id: goldShipped._id, carrier: '顺丰速运', trackingNo: 'SF1234567890' }, id.owner)
  const normOrder = await order(id.otherTier, p1._id, spec1.id, CONSIGNEES.norm)
  const removedOrder = await order(id.removed, p3._id, p3.specs[0]!.id, CONSIGNEES.removed)
  const goldAddress = (await t.ok('order', 'addresses', {}, id.bound)).items[0]!

  // ---- shares (R16), then the removal ----
  const tokens = {
    gold: (await t.ok('feed', 'share', { productId: p1._id }, id.bound)).token,
    goldPost: (await t.ok('feed', 'share', { postId: post._id }, id.bound)).token,
    norm: (await t.ok('feed', 'share', { productId: p1._id }, id.otherTier)).token,
    removed: (await t.ok('feed', 'forward', { productId: p1._id }, id.removed)).token,
    selection: (await t.ok('feed', 'shareSelection', { productIds: [p1._id] }, id.bound)).token,
  }
  await t.ok('feed', 'shareCode', { token: tokens.gold }, id.bound)
  await t.ok('feed', 'shareView', { token: tokens.gold }, undefined)
  // 我的小店 of the gold agent, named with its card's sentinel, with p1, shared and opened once.
  await t.ok('storefront', 'save', { name: 'SNL小店金' }, id.bound)
  await t.ok('storefront', 'addProducts', { productIds: [p1._id] }, id.bound)
  const storefront = (await t.ok('storefront', 'share', { code: true }, id.bound)).token
  const storefrontItem = (await t.ok('storefront', 'view', { token: storefront })).items[0]?.item ?? ''
  await t.ok('network', 'unbind', { agentOpenid: id.removed }, id.owner)

  // ---- the other supplier and its agent ----
  await t.ok('user', 'login', {}, id.rival)
  await t.ok('user', 'updateProfile', { nickname: 'SNL-NICK-RIVAL' }, id.rival)
  const rival = await t.ok('supplier', 'register', { name: 'SNL供应商乙', contact: '13700000002', mainCategory: '女装' }, id.rival)
  await t.ok('supplier', 'verify', { supplierId: rival._id, verifiedMember: true, buyerProtection: true }, id.operator)
  const rivalTemplate = await t.ok('shipping', 'save', { name: 'SNL-TPL-R', firstFee: 855, additionalFee: 255 }, id.rival)
  const rivalImage = await image(id.rival)
  const rivalProduct = await t.ok(
    'product',
    'create',
    {
      category: '女装',
      description: 'SNL-DESC-RIVAL',
      specs: [spec('均码', 31_237, {}, 2_221, rivalImage)],
      shippingTemplateId: rivalTemplate._id,
    },
    id.rival,
  )
  const rivalPost = await t.ok('post', 'create', { text: 'SNL-RIVAL-POST', images: [], productIds: [rivalProduct._id] }, id.rival)
  await t.ok('user', 'login', {}, id.unbound)
  await t.ok('user', 'updateProfile', { nickname: 'SNL-NICK-UNBD' }, id.unbound)
  await t.ok('network', 'bind', { scene: sceneOf(t, rival._id) }, id.unbound)
  await t.ok('network', 'setRemark', { agentOpenid: id.unbound, remark: 'SNL-REMARK-UNBD' }, id.rival)
  const unboundOrder = await order(id.unbound, rivalProduct._id, rivalProduct.specs[0]!.id, CONSIGNEES.unbound)
  const unboundToken = (await t.ok('feed', 'share', { productId: rivalProduct._id }, id.unbound)).token

  await t.ok('user', 'login', {}, id.customer)

  // Insight counters (R16, 经营数据) of yesterday with numbers no action here makes: the owner's only.
  const yesterday = shanghaiDay((await cloudNow(t)) - DAY_MS)
  t.db.insertMany('supplier_days', [
    {
      _id: `${supplier._id}:${yesterday}`,
      supplierId: supplier._id,
      day: yesterday,
      paidOrders: 0,
      salesFen: 7_933,
      forwards: 7_919,
      shares: 7_921,
      views: 7_927,
    },
  ])
  t.db.insertMany(
    'share_stats',
    [`p:${p1._id}`, `a:${id.bound}`].map((subject) => ({
      _id: `${supplier._id}:${subject}:${yesterday}`,
      supplierId: supplier._id,
      subject,
      day: yesterday,
      forwards: 7_937,
      shares: 7_939,
      views: 7_949,
    })),
  )

  // ---- after-sales cases (R19) of the gold agent, on a product of its own without sentinels ----
  const aftersaleProduct = await t.ok(
    'product',
    'create',
    {
      category: '女装',
      description: '售后用的商品',
      specs: [spec('均码', 1_000, {}, 100, await image(id.owner))],
      shippingTemplateId: template._id,
    },
    id.owner,
  )
  const line = { productId: aftersaleProduct._id, specId: aftersaleProduct.specs[0]!.id, qty: 1 }
  const cases = await arrangeCases(t, id.owner, id.bound, line, CONSIGNEES.gold)

  const stored = storedSupplier(t, supplier._id)
  const stocks = (t.db.find('products', { _id: p1._id })[0] as { specs: Array<{ stock: number }> }).specs.map((s) => s.stock)
  return {
    ownerFolder,
    supplier,
    rival,
    tiers: { normal: normalTier, gold: goldTier, diamond: diamondTier, deleted: deletedTier, list: tiers.slice(0, 3) },
    template,
    spareTemplate,
    shopItem,
    csv,
    p1,
    p2,
    p3,
    p4,
    post,
    rivalProduct,
    rivalPost,
    orders: { goldUnpaid, goldPaid, goldShipped, normOrder, removedOrder, unboundOrder },
    goldAddress,
    cases,
    tokens: { ...tokens, unbound: unboundToken, storefront },
    storefrontItem,
    scene: () => sceneOf(t, supplier._id),
    files: { ownerAvatar, goldAvatar, postImage, rivalImage, homeCode: stored.homeCodeFileId ?? '', ...images },
    stocks,
    consignees: CONSIGNEES,
  }
}

interface Secret {
  name: string
  /** The kinds that may be shown it (the owner of its supplier always may). */
  see: readonly Kind[]
  strings: readonly string[]
  numbers: readonly number[]
}

/** Sentinels of the world by what they reveal. */
export type Group = ReturnType<typeof secretsOf>[number]['name']

export function secretsOf(w: World, t: TestCloud) {
  const stored = storedSupplier(t, w.supplier._id)
  const shareCode = (t.db.find('shares', { token: w.tokens.gold })[0] as { codeFileId?: string } | undefined)?.codeFileId ?? ''
  const storefront = t.db.find('storefronts', { token: w.tokens.storefront })[0] as { salt: string; codeFileId?: string }
  const people = (c: ConsigneeInput) => [c.name, c.phone, c.address]
  const o = OPENIDS as Record<Exclude<Kind, 'anonymous'>, string>
  const ofSupplier = [
    { name: 'ownerOpenid', see: [], strings: [o.owner], numbers: [] },
    { name: 'ownerPrivate', see: ['operator'], strings: ['SNL-NICK-OWNER', '13700000001'], numbers: [] },
    { name: 'homeScene', see: [], strings: [stored.homeScene, pathOf(w.files.homeCode)], numbers: [] },
    {
      name: 'supplierIdentity',
      see: ['operator', 'bound', 'otherTier', 'removed'],
      strings: [w.supplier.name, w.supplier._id, pathOf(w.files.ownerAvatar)],
      numbers: [],
    },
    // The key of the supplier's upload folder ties every file URL that carries it to the supplier (R16).
    { name: 'supplierFolder', see: [], strings: [w.ownerFolder.split('/')[1] ?? ''], numbers: [] },
    { name: 'basePrices', see: ['otherTier'], strings: [], numbers: [12_347, 23_459] },
    { name: 'goldPrices', see: ['bound'], strings: [], numbers: [9_871, 19_873] },
    { name: 'diamondPrices', see: [], strings: [], numbers: [8_761, 17_659] },
    { name: 'p1Stock', see: ['bound', 'otherTier'], strings: [], numbers: w.stocks },
    { name: 'p1Retail', see: ['bound', 'otherTier'], strings: [], numbers: [45_679, 56_789] },
    // Tier names belong to the supplier's settings, which operators review; an agent sees its own only (R11).
    { name: 'normalTierName', see: ['otherTier', 'operator'], strings: ['SNL普通'], numbers: [] },
    { name: 'goldTierName', see: ['bound', 'operator'], strings: ['SNL金牌'], numbers: [] },
    { name: 'diamondTierName', see: ['operator'], strings: ['SNL钻石'], numbers: [] },
    { name: 'p1Content', see: ['bound', 'otherTier'], strings: ['SNL-DESC-P1', 'SNL规格一', pathOf(w.files.p1)], numbers: [] },
    { name: 'p2Content', see: [], strings: ['SNL-DESC-P2', pathOf(w.files.p2)], numbers: [15_551] },
    { name: 'p4Content', see: [], strings: ['SNL-DESC-P4', pathOf(w.files.p4)], numbers: [16_661] },
    { name: 'p3Content', see: ['bound', 'otherTier', 'removed'], strings: ['SNL-DESC-P3', pathOf(w.files.p3)], numbers: [34_561] },
    { name: 'postContent', see: ['bound', 'otherTier'], strings: ['SNL-POST-TEXT', pathOf(w.files.postImage)], numbers: [] },
    { name: 'shopItem', see: [], strings: ['SNL-SHOP-TITLE', 'SNL-X1', pathOf(w.csv)], numbers: [] },
    { name: 'templates', see: [], strings: ['SNL-TPL-A', 'SNL-TPL-B'], numbers: [] },
    { name: 'insight', see: [], strings: [], numbers: [7_919, 7_921, 7_927, 7_933, 7_937, 7_939, 7_949] },
    { name: 'returnAddress', see: [], strings: ['SNL退货人', 'SNL-RET-REGION', 'SNL-RET-DETAIL'], numbers: [] },
    { name: 'goldOpenid', see: ['bound'], strings: [o.bound], numbers: [] },
    { name: 'goldCard', see: ['bound'], strings: ['SNL-NICK-GOLD', 'wx_gold_snl', pathOf(w.files.goldAvatar), 'SNL小店金'], numbers: [] },
    { name: 'normAgent', see: ['otherTier'], strings: [o.otherTier, 'SNL-NICK-NORM', 'wx_norm_snl'], numbers: [] },
    { name: 'removedOpenid', see: ['removed'], strings: [o.removed], numbers: [] },
    { name: 'removedCard', see: ['removed'], strings: ['SNL-NICK-RMVD', 'wx_rmvd_snl'], numbers: [] },
    { name: 'remarks', see: [], strings: ['SNL-REMARK-GOLD', 'SNL-REMARK-NORM', 'SNL-REMARK-RMVD'], numbers: [] },
    { name: 'goldConsignee', see: ['bound'], strings: people(w.consignees.gold), numbers: [] },
    { name: 'normConsignee', see: ['otherTier'], strings: people(w.consignees.norm), numbers: [] },
    { name: 'removedConsignee', see: ['removed'], strings: people(w.consignees.removed), numbers: [] },
    {
      name: 'goldTokens',
      see: ['bound'],
      strings: [
        w.tokens.gold,
        w.tokens.goldPost,
        w.tokens.selection,
        pathOf(shareCode),
        w.tokens.storefront,
        pathOf(storefront.codeFileId ?? ''),
      ],
      numbers: [],
    },
    // The salt of the storefront's item keys never leaves the server.
    { name: 'storefrontSalt', see: [], strings: [storefront.salt], numbers: [] },
    { name: 'normToken', see: ['otherTier'], strings: [w.tokens.norm], numbers: [] },
    { name: 'removedToken', see: ['removed'], strings: [w.tokens.removed], numbers: [] },
  ] as const satisfies readonly Secret[]
  const ofRival = [
    { name: 'rivalOpenid', see: ['rival'], strings: [o.rival], numbers: [] },
    { name: 'rivalPrivate', see: ['rival', 'operator'], strings: ['SNL-NICK-RIVAL', '13700000002'], numbers: [] },
    { name: 'rivalIdentity', see: ['rival', 'operator', 'unbound'], strings: [w.rival.name, w.rival._id], numbers: [] },
    {
      name: 'rivalContent',
      see: ['rival', 'unbound'],
      strings: ['SNL-DESC-RIVAL', 'SNL-RIVAL-POST', pathOf(w.files.rivalImage)],
      numbers: [],
    },
    { name: 'rivalPrices', see: ['rival', 'unbound'], strings: [], numbers: [31_237] },
    { name: 'unboundAgent', see: ['rival', 'unbound'], strings: [o.unbound, w.tokens.unbound], numbers: [] },
    { name: 'unboundCard', see: ['rival', 'unbound'], strings: ['SNL-NICK-UNBD'], numbers: [] },
    { name: 'rivalRemark', see: ['rival'], strings: ['SNL-REMARK-UNBD', 'SNL-TPL-R'], numbers: [] },
    { name: 'unboundConsignee', see: ['rival', 'unbound'], strings: people(w.consignees.unbound), numbers: [] },
  ] as const satisfies readonly Secret[]
  /** Not even the owner: its product answers list only the tiers it still has. */
  const ofNobody = [{ name: 'deletedTier', see: [], strings: [w.tiers.deleted, 'SNL旧级'], numbers: [5_431, 15_437] }] as const
  return [...ofSupplier.map((group) => ({ ...group, see: [...group.see, 'owner' as const] })), ...ofRival, ...ofNobody]
}

// ---- the store: a dump to compare, and a snapshot to go back to after an allowed write ----------

export function dump(t: TestCloud): string {
  return JSON.stringify(database.collections.map((collection) => t.db.find(collection.name, {})))
}

/** Every collection's documents, to put back after a row's allowed write. */
export function snapshot(t: TestCloud): Map<string, Array<Record<string, unknown>>> {
  return new Map(database.collections.map((collection) => [collection.name, t.db.find(collection.name, {})]))
}

/** Puts the store back as it was (only the collections that changed). */
export async function restore(t: TestCloud, saved: Map<string, Array<Record<string, unknown>>>): Promise<void> {
  for (const [name, docs] of saved) {
    if (JSON.stringify(t.db.find(name, {})) === JSON.stringify(docs)) continue
    await t.db.handle({ action: 'database.removeDocument', collectionName: name, multi: true })
    if (docs.length > 0) t.db.insertMany(name, docs)
  }
}

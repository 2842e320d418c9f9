import { DAY_MS, shanghaiDay } from '@/domain/time'
import { AFTERSALE_ROWS } from './access-matrix-aftersale'
import { FEED_ROWS } from './access-matrix-feed'
import { STOREFRONT_ROWS } from './access-matrix-storefront'
import { agentsOnly, all, line, orderParties, ownerOnly, signedIn, spec1, type Row } from './access-matrix-row'
import { newKey } from './order-fixtures'

/**
 * The access matrix: for every action of the contract (and the functions outside it), the
 * answer every caller kind gets — `ok`, `unchanged` (ok, and the store is exactly as before), an
 * error code, or `REFUSED` for the WeChat Pay callbacks' own answer shape — in ONE table. Each row
 * builds a valid input for the shared world (access-world.ts). access-matrix.test.ts runs every row
 * as every kind, checks the answer and that a refusal changed nothing, that a NOT_FOUND reads
 * exactly like the answer for records that do not exist, and scans every answer for the world's
 * sentinels the kind may not see. Adding an action to the contract without a row fails the suite.
 */

export type { Expect, Outcome, Row } from './access-matrix-row'

export const ROWS: Row[] = [
  // ---- user ----
  { action: 'user.login', input: () => ({}), expect: signedIn(), mutates: true },
  { action: 'user.updateProfile', input: () => ({ wechatId: '' }), expect: signedIn({ newUser: 'FAILED_PRECONDITION' }), mutates: true },
  { action: 'user.uploadPath', input: () => ({ kind: 'products', ext: 'png' }), expect: signedIn() },

  // ---- supplier ----
  {
    action: 'supplier.register',
    input: () => ({ name: '新来的供应商', contact: '13800138000', mainCategory: '女装' }),
    expect: signedIn({ owner: 'CONFLICT', rival: 'CONFLICT' }),
    mutates: true,
    ownKeys: ['contact'],
  },
  {
    action: 'supplier.updateProfile',
    input: () => ({ name: '改名的供应商', contact: '13900139000', mainCategory: '童装' }),
    expect: ownerOnly('ok'),
    mutates: true,
    ownKeys: ['contact'],
  },
  { action: 'supplier.me', input: () => ({}), expect: signedIn() },
  {
    action: 'supplier.verify',
    input: (w) => ({ supplierId: w.supplier._id, verifiedMember: true, buyerProtection: true }),
    expect: all('FORBIDDEN', { anonymous: 'UNAUTHENTICATED', operator: 'ok' }),
    mutates: true,
  },
  {
    action: 'supplier.listForReview',
    input: () => ({ filter: 'all' }),
    expect: all('FORBIDDEN', { anonymous: 'UNAUTHENTICATED', operator: 'ok' }),
    shows: { operator: ['ownerPrivate', 'rivalPrivate'] },
  },
  { action: 'supplier.homeCode', input: () => ({}), expect: ownerOnly('ok'), mutates: true },

  // ---- product ----
  {
    action: 'product.create',
    input: (w) => ({
      category: '女装',
      description: '新品',
      specs: [{ name: '均码', images: [], price: 1_001, tierPrices: {}, stock: 1 }],
      shippingTemplateId: w.template._id,
    }),
    expect: ownerOnly('INVALID_ARGUMENT'),
    mutates: true,
  },
  {
    action: 'product.update',
    input: (w) => ({
      id: w.p1._id,
      category: '女装',
      description: '改过的描述',
      specs: [{ id: spec1(w), name: '均码', images: [], price: 1_003, tierPrices: {}, stock: 1 }],
      shippingTemplateId: w.template._id,
    }),
    expect: ownerOnly('NOT_FOUND'),
    mutates: true,
  },
  { action: 'product.get', input: (w) => ({ id: w.p1._id }), expect: ownerOnly('NOT_FOUND') },
  { action: 'product.listMine', input: () => ({ status: 'on_sale' }), expect: ownerOnly('ok') },
  { action: 'product.listMine', variant: 'off shelf', input: () => ({ status: 'off_shelf' }), expect: ownerOnly('ok') },
  { action: 'product.search', input: () => ({ status: 'on_sale', q: 'snl desc' }), expect: ownerOnly('ok') },
  {
    action: 'product.search',
    variant: 'off shelf',
    input: () => ({ status: 'off_shelf', q: 'snl', sort: 'price' }),
    expect: ownerOnly('ok'),
  },
  { action: 'product.delist', input: (w) => ({ ids: [w.p1._id] }), expect: ownerOnly('NOT_FOUND'), mutates: true },
  { action: 'product.relist', input: (w) => ({ ids: [w.p2._id] }), expect: ownerOnly('NOT_FOUND'), mutates: true },
  { action: 'product.remove', input: (w) => ({ ids: [w.p2._id] }), expect: ownerOnly('NOT_FOUND'), mutates: true },
  { action: 'product.code', input: (w) => ({ id: w.p1._id }), expect: ownerOnly('NOT_FOUND'), mutates: true },

  // ---- catalog ----
  {
    // The file guard answers first: the file is the owner's.
    action: 'catalog.importFile',
    input: (w) => ({ fileID: w.csv, fileName: 'shop.csv' }),
    expect: all('FORBIDDEN', { anonymous: 'UNAUTHENTICATED', owner: 'ok' }),
    mutates: true,
  },
  { action: 'catalog.listShop', input: () => ({}), expect: ownerOnly('ok') },
  { action: 'catalog.getShop', input: (w) => ({ id: w.shopItem._id }), expect: ownerOnly('NOT_FOUND') },

  // ---- shipping ----
  { action: 'shipping.list', input: () => ({}), expect: ownerOnly('ok') },
  { action: 'shipping.get', input: (w) => ({ id: w.template._id }), expect: ownerOnly('NOT_FOUND') },
  {
    action: 'shipping.save',
    input: (w) => ({ id: w.template._id, name: '改名模板', firstFee: 900, additionalFee: 100 }),
    expect: ownerOnly('NOT_FOUND'),
    mutates: true,
  },
  { action: 'shipping.remove', input: (w) => ({ id: w.spareTemplate._id }), expect: ownerOnly('NOT_FOUND'), mutates: true },

  // ---- network ----
  { action: 'network.preview', input: (w) => ({ scene: w.scene() }), expect: all('ok'), grants: ['supplierIdentity'] },
  {
    action: 'network.bind',
    input: (w) => ({ scene: w.scene() }),
    expect: signedIn({ owner: 'FAILED_PRECONDITION', bound: 'unchanged', otherTier: 'unchanged' }),
    mutates: true,
    grants: ['supplierIdentity'],
  },
  {
    action: 'network.mySuppliers',
    input: () => ({}),
    expect: signedIn(),
    shows: { bound: ['goldTierName', 'supplierIdentity'], otherTier: ['normalTierName'], unbound: ['rivalIdentity'] },
  },
  {
    action: 'network.listAgents',
    input: () => ({}),
    expect: ownerOnly('ok'),
    shows: { owner: ['remarks', 'goldCard', 'normAgent'], rival: ['unboundCard', 'rivalRemark'] },
  },
  { action: 'network.listAgents', variant: 'search', input: () => ({ q: 'SNL' }), expect: ownerOnly('ok') },
  {
    action: 'network.setRemark',
    input: () => ({ agentOpenid: 'oSNLgold', remark: '新备注' }),
    expect: ownerOnly('NOT_FOUND'),
    mutates: true,
  },
  {
    action: 'network.setTier',
    input: (w) => ({ agentOpenids: ['oSNLnorm'], tierId: w.tiers.gold }),
    expect: ownerOnly('NOT_FOUND'),
    mutates: true,
  },
  { action: 'network.unbind', input: () => ({ agentOpenid: 'oSNLnorm' }), expect: ownerOnly('NOT_FOUND'), mutates: true },
  { action: 'network.tiers', input: () => ({}), expect: ownerOnly('ok') },
  {
    action: 'network.saveTiers',
    input: (w) => ({ tiers: w.tiers.list.map((tier) => ({ id: tier.id, name: `改${tier.rank}` })) }),
    expect: ownerOnly('INVALID_ARGUMENT'),
    mutates: true,
  },
  { action: 'network.rotateCode', input: () => ({}), expect: ownerOnly('ok'), mutates: true },
  {
    action: 'network.setMarkup',
    input: (w) => ({ supplierId: w.supplier._id, kind: 'percent', value: 25, roundUp: true }),
    expect: agentsOnly(),
    mutates: true,
  },
  {
    action: 'network.setMarkup',
    variant: 'a delisted product',
    input: (w) => ({ supplierId: w.supplier._id, productId: w.p2._id, kind: 'percent', value: 25, roundUp: true }),
    expect: agentsOnly(),
    mutates: true,
  },
  { action: 'network.markup', input: (w) => ({ supplierId: w.supplier._id, productId: w.p1._id }), expect: agentsOnly() },
  {
    action: 'network.removeMarkup',
    input: (w) => ({ supplierId: w.supplier._id, productId: w.p1._id }),
    expect: agentsOnly({ otherTier: 'unchanged' }),
    mutates: true,
  },
  {
    action: 'network.shareStats',
    input: (w) => ({ productIds: [w.p1._id], agentOpenids: ['oSNLgold'] }),
    expect: ownerOnly('ok'),
    shows: { owner: ['insight'] },
  },
  {
    action: 'network.markup',
    variant: 'the other supplier',
    input: (w) => ({ supplierId: w.rival._id }),
    expect: all('NOT_FOUND', { anonymous: 'UNAUTHENTICATED', unbound: 'ok' }),
  },
  {
    action: 'network.setRemark',
    variant: 'the other supplier’s agent',
    input: () => ({ agentOpenid: 'oSNLunbound', remark: '新备注' }),
    expect: ownerOnly('ok', { owner: 'NOT_FOUND' }),
    mutates: true,
  },

  // ---- feed ----
  ...FEED_ROWS,
  ...STOREFRONT_ROWS,

  // ---- post ----
  {
    action: 'post.create',
    input: (w) => ({ text: '今日上新', images: [], productIds: [w.p1._id] }),
    expect: ownerOnly('INVALID_ARGUMENT'),
    mutates: true,
  },
  { action: 'post.listMine', input: () => ({}), expect: ownerOnly('ok') },
  { action: 'post.remove', input: (w) => ({ ids: [w.post._id] }), expect: ownerOnly('NOT_FOUND'), mutates: true },
  {
    action: 'post.remove',
    variant: 'the other supplier’s',
    input: (w) => ({ ids: [w.rivalPost._id] }),
    expect: ownerOnly('ok', { owner: 'NOT_FOUND' }),
    mutates: true,
  },

  // ---- order ----
  {
    action: 'order.quote',
    input: (w) => ({ items: [line(w)], province: '浙江省' }),
    expect: agentsOnly({ owner: 'FAILED_PRECONDITION' }),
    shows: { bound: ['goldPrices'], otherTier: ['basePrices'] },
  },
  {
    action: 'order.quote',
    variant: 'an expired product',
    input: (w) => ({ items: [{ productId: w.p4, specId: 'spec-p4', qty: 1 }] }),
    expect: all('NOT_FOUND', { anonymous: 'UNAUTHENTICATED', owner: 'FAILED_PRECONDITION' }),
  },
  {
    action: 'order.quote',
    variant: 'the other supplier’s product',
    input: (w) => ({ items: [{ productId: w.rivalProduct._id, specId: w.rivalProduct.specs[0]!.id, qty: 1 }] }),
    expect: all('NOT_FOUND', { anonymous: 'UNAUTHENTICATED', unbound: 'ok', rival: 'FAILED_PRECONDITION' }),
  },
  {
    action: 'order.create',
    input: (w) => ({
      idempotencyKey: newKey(),
      items: [line(w)],
      consignee: { name: '王五', phone: '13811112222', province: '浙江省', city: '杭州市', district: '', address: '文三路 1 号' },
    }),
    expect: agentsOnly({ owner: 'FAILED_PRECONDITION' }),
    mutates: true,
  },
  { action: 'order.pay', input: (w) => ({ id: w.orders.goldUnpaid._id }), expect: orderParties({ bound: 'ok', owner: 'FORBIDDEN' }) },
  {
    // An order placed while bound stands after the removal: the agent may still pay, the supplier still cancel.
    action: 'order.pay',
    variant: 'the removed agent’s',
    input: (w) => ({ id: w.orders.removedOrder._id }),
    expect: orderParties({ removed: 'ok', owner: 'FORBIDDEN' }),
  },
  {
    action: 'order.get',
    input: (w) => ({ id: w.orders.goldUnpaid._id }),
    expect: orderParties({ bound: 'ok', owner: 'ok' }),
    shows: { bound: ['goldConsignee', 'goldPrices', 'supplierIdentity'], owner: ['goldConsignee', 'remarks'] },
  },
  {
    action: 'order.get',
    variant: 'the other supplier’s',
    input: (w) => ({ id: w.orders.unboundOrder._id }),
    expect: orderParties({ unbound: 'ok', rival: 'ok' }),
    shows: { unbound: ['unboundConsignee'], rival: ['unboundConsignee', 'rivalRemark'] },
  },
  {
    action: 'order.get',
    variant: 'the removed agent’s',
    input: (w) => ({ id: w.orders.removedOrder._id }),
    expect: orderParties({ removed: 'ok', owner: 'ok' }),
  },
  {
    action: 'order.listMine',
    input: () => ({}),
    expect: signedIn(),
    shows: { removed: ['removedConsignee', 'p3Content'] },
    // Every order listed is the caller's own: a shipped one WeChat knows carries the caller's own
    // payment id, which WeChat's confirm-receipt component takes (wechatConfirm, R20).
    ownKeys: ['transactionId'],
  },
  { action: 'order.countsMine', input: () => ({}), expect: signedIn() },
  { action: 'order.listSold', input: () => ({}), expect: ownerOnly('ok') },
  { action: 'order.listSold', variant: 'search by phone', input: () => ({ q: '13900000011' }), expect: ownerOnly('ok') },
  { action: 'order.countsSold', input: () => ({}), expect: ownerOnly('ok') },
  {
    action: 'order.ship',
    input: (w) => ({ id: w.orders.goldPaid._id, carrier: '顺丰速运', trackingNo: 'SF0000000001' }),
    expect: orderParties({ owner: 'ok', bound: 'FORBIDDEN' }),
    mutates: true,
  },
  {
    action: 'order.cancel',
    input: (w) => ({ id: w.orders.goldUnpaid._id }),
    expect: orderParties({ bound: 'ok', owner: 'ok' }),
    mutates: true,
  },
  {
    // 无法发货，退款 (R19): the supplier only; the agent may never (its way is an after-sales request).
    action: 'order.refund',
    input: (w) => ({ id: w.orders.goldPaid._id, reason: '缺货' }),
    expect: orderParties({ owner: 'ok', bound: 'FORBIDDEN' }),
    mutates: true,
  },
  {
    action: 'order.confirm',
    input: (w) => ({ id: w.orders.goldShipped._id }),
    expect: orderParties({ bound: 'ok', owner: 'FORBIDDEN' }),
    mutates: true,
  },
  {
    action: 'order.export',
    input: () => ({ fromDay: shanghaiDay(Date.now() - DAY_MS), toDay: shanghaiDay(Date.now() + DAY_MS) }),
    expect: ownerOnly('ok'),
    ownFileIds: true,
  },
  { action: 'order.addresses', input: () => ({}), expect: signedIn() },
  {
    // Somebody else's address is simply not in the caller's book: nothing to remove, nothing changes.
    action: 'order.removeAddress',
    input: (w) => ({ id: w.goldAddress.id }),
    expect: all('unchanged', { anonymous: 'UNAUTHENTICATED', bound: 'ok' }),
    mutates: true,
  },
  { action: 'order.templates', input: () => ({}), expect: signedIn() },
  { action: 'order.stats', input: () => ({}), expect: ownerOnly('ok'), shows: { owner: ['insight'] } },

  ...AFTERSALE_ROWS,

  // ---- outside the contract ----
  {
    // A forged payment notice: WeChat Pay is asked and says unpaid, so nothing happens.
    action: 'payCallback',
    input: (w) => ({ outTradeNo: w.orders.goldUnpaid.orderNo, totalFee: w.orders.goldUnpaid.total, resultCode: 'SUCCESS' }),
    expect: all('REFUSED'),
  },
  {
    // A forged refund notice for a refund nobody asked for: unknown to the store, so nothing happens.
    action: 'refundCallback',
    input: (w) => ({
      reqInfo: { outRefundNo: `${w.orders.goldPaid.orderNo}-S`, refundFee: w.orders.goldPaid.total, refundStatus: 'SUCCESS' },
    }),
    expect: all('REFUSED'),
  },
  {
    // A forged image verdict: a user's call is no push, and no check has this trace id, so nothing is hidden.
    action: 'mediaCheckCallback',
    input: () => ({
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: '0123456789abcdef01234567',
      version: 2,
      result: { suggest: 'risky', label: 20002 },
    }),
    expect: all('REFUSED'),
  },
  {
    // Only the timer may run it: a timer-shaped event with a user's OPENID is refused. Without an
    // OPENID it is the timer (production opens no function but feed to unauthenticated callers).
    action: 'expire',
    input: () => ({ Type: 'Timer', TriggerName: 'expire', Time: new Date().toISOString() }),
    expect: all('FORBIDDEN', { anonymous: 'ok' }),
    mutates: true,
  },
]

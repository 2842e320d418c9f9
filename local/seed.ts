import type { LocalDatabase } from './db'
import { seedDemoCatalogue } from './seed-catalogue'
import { DAY_MS } from '../src/domain/time'

/**
 * Demo data for `npm start` and manual testing: a verified supplier with three tiers and a
 * shipping template, two bound agents, a supplier still waiting for review, and an operator.
 * The OPENIDs match the H5 persona switcher. Later features add their own demo records here.
 */
export const demoOpenids = {
  supplier: 'demo-supplier',
  pendingSupplier: 'demo-supplier-2',
  agents: ['demo-agent-1', 'demo-agent-2'],
  operator: 'demo-operator',
} as const


/** `filesDir`: the local storage root, where the demo product images are written. */
export function seedDemo(db: LocalDatabase, now: number, filesDir: string): void {
  const ago = (days: number) => now - days * DAY_MS
  db.insertMany('users', [
    { openid: demoOpenids.supplier, nickname: '王建国', avatar: '', createdAt: ago(60), lastLoginAt: ago(1) },
    { openid: demoOpenids.pendingSupplier, nickname: '李秀兰', avatar: '', createdAt: ago(3), lastLoginAt: ago(3) },
    { openid: demoOpenids.agents[0], nickname: '小美', avatar: '', createdAt: ago(40), lastLoginAt: ago(1) },
    { openid: demoOpenids.agents[1], nickname: '阿强', avatar: '', createdAt: ago(20), lastLoginAt: ago(2) },
    { openid: demoOpenids.operator, nickname: '平台运营', avatar: '', createdAt: ago(90), lastLoginAt: ago(1) },
  ])
  const tiers = [
    { id: 'tier-normal', name: '普通代理', rank: 1 },
    { id: 'tier-gold', name: '金牌代理', rank: 2 },
    { id: 'tier-diamond', name: '钻石代理', rank: 3 },
  ]
  db.insertMany('suppliers', [
    {
      _id: 'demo-shop',
      ownerOpenid: demoOpenids.supplier,
      name: '杭州源头好货服饰',
      contact: '13800138000',
      mainCategory: '女装',
      verifiedMember: true,
      buyerProtection: true,
      tiers,
      homeScene: 'demoshop2026home',
      createdAt: ago(60),
      updatedAt: ago(30),
    },
    {
      _id: 'demo-shop-pending',
      ownerOpenid: demoOpenids.pendingSupplier,
      name: '义乌小李玩具批发',
      contact: '0579-85551234',
      mainCategory: '玩具',
      verifiedMember: true,
      buyerProtection: false,
      tiers: [{ id: 'tier-pending-normal', name: '普通代理', rank: 1 }],
      homeScene: 'demopending2026h',
      createdAt: ago(3),
      updatedAt: ago(3),
    },
  ])
  const [shippingTemplateId] = db.insertMany('shipping_templates', [
    {
      supplierId: 'demo-shop',
      name: '微供包邮模板',
      firstFee: 800,
      additionalFee: 200,
      regions: [{ provinces: ['新疆', '西藏'], firstFee: 2000, additionalFee: 1000 }],
      freeOver: 9900,
      createdAt: ago(60),
    },
  ])
  db.insertMany('bindings', [
    { supplierId: 'demo-shop', agentOpenid: demoOpenids.agents[0], tierId: 'tier-gold', remark: '杭州老客户', createdAt: ago(40) },
    { supplierId: 'demo-shop', agentOpenid: demoOpenids.agents[1], tierId: 'tier-normal', remark: '', createdAt: ago(20) },
  ])
  seedDemoCatalogue(db, now, { supplierId: 'demo-shop', ownerOpenid: demoOpenids.supplier, shippingTemplateId, filesDir })
}

import { z } from 'zod'
import type { BindingRecord } from '../cloudfunctions/lib/store/bindings'
import type { ShippingTemplateRecord } from '../cloudfunctions/lib/store/shipping-templates'
import type { SupplierRecord } from '../cloudfunctions/lib/store/suppliers'
import type { UserRecord } from '../cloudfunctions/lib/store/users'
import { DAY_MS } from '../src/domain/time'
import type { SeedTools } from '../local/cloud'
import { demoPhotos, productRecords, shopItemRecords } from './catalogue'
import { demoPhoto } from './images'
import { demoPostRecords, demoSelections, demoShareDays, demoShareStats, demoShares } from './posts'
import { demoAddresses, demoOrderRecords, demoSupplierDays, withStockHeld, type DemoShop } from './orders'
import { seedDemoCases } from './aftersales'
import { DEMO_SUPPLIER_ID, demoOpenids } from './people'

/**
 * Demo data for `npm start` and manual testing: a verified supplier with three tiers, a shipping
 * template and its catalogue, two bound agents, a supplier still waiting for review, and an operator.
 * The OPENIDs match the H5 persona switcher. It is handed to the local cloud as its seed hook
 * (demo/main.ts); its records are typed with the functions' stored shapes, and its photos are
 * uploaded the way the app uploads them, into the folder `user.login` names.
 */
export { DEMO_SUPPLIER_ID, demoOpenids } from './people'
const PENDING_SUPPLIER_ID = 'demo-shop-pending'
const SHIPPING_TEMPLATE_ID = 'demo-shipping'

const UploadPathAnswer = z.object({ ok: z.literal(true), data: z.object({ cloudPath: z.string().min(1) }) })

export function demoUsers(now: number): UserRecord[] {
  const ago = (days: number) => now - days * DAY_MS
  const user = (openid: string, nickname: string, createdDaysAgo: number, lastLoginDaysAgo: number): UserRecord => ({
    _id: `user-${openid}`,
    openid,
    nickname,
    avatar: '',
    createdAt: ago(createdDaysAgo),
    lastLoginAt: ago(lastLoginDaysAgo),
  })
  return [
    user(demoOpenids.supplier, '王建国', 60, 1),
    user(demoOpenids.pendingSupplier, '李秀兰', 3, 3),
    user(demoOpenids.agents[0], '小美', 40, 1),
    user(demoOpenids.agents[1], '阿强', 20, 2),
    user(demoOpenids.operator, '平台运营', 90, 1),
  ]
}

export function demoSuppliers(now: number): SupplierRecord[] {
  const ago = (days: number) => now - days * DAY_MS
  return [
    {
      _id: DEMO_SUPPLIER_ID,
      ownerOpenid: demoOpenids.supplier,
      name: '杭州源头好货服饰',
      contact: '13800138000',
      mainCategory: '女装',
      verifiedMember: true,
      buyerProtection: true,
      tiers: [
        { id: 'tier-normal', name: '普通代理', rank: 1 },
        { id: 'tier-gold', name: '金牌代理', rank: 2 },
        { id: 'tier-diamond', name: '钻石代理', rank: 3 },
      ],
      homeScene: 'demoshop2026home',
      createdAt: ago(60),
      updatedAt: ago(30),
    },
    {
      _id: PENDING_SUPPLIER_ID,
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
  ]
}

export function demoShippingTemplates(now: number): ShippingTemplateRecord[] {
  return [
    {
      _id: SHIPPING_TEMPLATE_ID,
      supplierId: DEMO_SUPPLIER_ID,
      name: '微供包邮模板',
      firstFee: 800,
      additionalFee: 200,
      regions: [{ provinces: ['新疆', '西藏'], firstFee: 2000, additionalFee: 1000 }],
      freeOver: 9900,
      createdAt: now - 60 * DAY_MS,
    },
  ]
}

/**
 * Each binding carries what its agent's pages show of the supplier (the card, the tiers) and the
 * agent's markups, as the functions keep them; the first agent marks up 30 % by default.
 */
export function demoBindings(now: number): BindingRecord[] {
  const ago = (days: number) => now - days * DAY_MS
  const [shop] = demoSuppliers(now)
  const owner = demoUsers(now).find((u) => u.openid === shop?.ownerOpenid)
  if (!shop || !owner) throw new Error('the demo supplier and its owner are declared above')
  const copies = { supplier: { name: shop.name, mainCategory: shop.mainCategory, avatar: owner.avatar }, tiers: shop.tiers }
  return [
    {
      _id: 'binding-demo-agent-1',
      supplierId: DEMO_SUPPLIER_ID,
      agentOpenid: demoOpenids.agents[0],
      tierId: 'tier-gold',
      remark: '杭州老客户',
      createdAt: ago(40),
      ...copies,
      markups: { supplier: { kind: 'percent', value: 30, roundUp: true }, products: {} },
    },
    {
      _id: 'binding-demo-agent-2',
      supplierId: DEMO_SUPPLIER_ID,
      agentOpenid: demoOpenids.agents[1],
      tierId: 'tier-normal',
      remark: '',
      createdAt: ago(20),
      ...copies,
      markups: { supplier: null, products: {} },
    },
  ]
}

/** The demo supplier's shop as the demo orders find it: its tiers, agents, shipping template and catalogue. */
export function demoShop(now: number, fileIdOf: (photoName: string) => string): DemoShop {
  const [supplier] = demoSuppliers(now)
  if (!supplier) throw new Error('the demo supplier is declared above')
  return {
    supplier,
    bindings: demoBindings(now),
    templates: demoShippingTemplates(now),
    products: productRecords(now, { supplierId: DEMO_SUPPLIER_ID, shippingTemplateId: SHIPPING_TEMPLATE_ID }, fileIdOf),
  }
}

/**
 * Writes the demo into an empty store. Runs once the functions can be called: the supplier's photos
 * go where its app would put them, under names `user.uploadPath` gives it (the product's rule, asked
 * rather than copied), through the storage's front-end upload, so they are its own files.
 */
export async function seedDemo(tools: SeedTools): Promise<void> {
  const { now, insert: insertDocuments, upload, invoke } = tools
  const insert = <T extends object>(collection: string, records: readonly T[]) => insertDocuments(collection, records.map(document))
  insert('users', demoUsers(now))
  const fileIds = new Map<string, string>()
  for (const photo of demoPhotos()) {
    const named = UploadPathAnswer.safeParse(
      await invoke('user', { action: 'uploadPath', kind: 'products', ext: 'png' }, demoOpenids.supplier),
    )
    if (!named.success)
      throw new Error(`the demo could not learn where the supplier's photos go from user.uploadPath: ${named.error.message}`)
    const { fileID } = await upload(demoOpenids.supplier, named.data.data.cloudPath, demoPhoto(photo.shape, photo.colour, photo.index))
    fileIds.set(photo.name, fileID)
  }
  const fileIdOf = (name: string) => {
    const fileId = fileIds.get(name)
    if (!fileId) throw new Error(`demo photo ${name} was not uploaded`)
    return fileId
  }
  const shop = demoShop(now, fileIdOf)
  insert('suppliers', demoSuppliers(now))
  insert('shipping_templates', shop.templates)
  insert('bindings', shop.bindings)
  const orders = demoOrderRecords(now, shop)
  // The unpaid demo order holds its pieces, as a real one does, so cancelling it gives back only those.
  insert('products', withStockHeld([...shop.products], orders))
  insert('shop_catalog', shopItemRecords(now, DEMO_SUPPLIER_ID))
  insert('posts', demoPostRecords(now, DEMO_SUPPLIER_ID, fileIdOf))
  insert('shares', demoShares(now, DEMO_SUPPLIER_ID, demoOpenids.agents))
  insert('selections', demoSelections(now, demoOpenids.agents))
  insert('share_stats', demoShareStats(now, DEMO_SUPPLIER_ID, demoOpenids.agents))
  insert('orders', orders)
  insert('addresses', demoAddresses(orders))
  insert('supplier_days', demoSupplierDays(now, DEMO_SUPPLIER_ID, orders, demoShareDays(demoOpenids.agents)))
  // After-sales (R19) last: its orders are placed, paid and refunded through the functions on the shop above.
  await seedDemoCases(tools)
}

/** The store takes plain documents; a typed record is one, field for field. */
function document(record: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record))
}

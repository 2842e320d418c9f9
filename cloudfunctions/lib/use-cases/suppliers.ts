import type { ActionArgs } from '@/domain/api'
import { changedTexts, SCENES, type PublishedText } from '@/domain/content-rules'
import { AppError } from '@/domain/errors'
import { EXPIRING_SOON_MS } from '@/domain/product'
import { DEFAULT_TIER_NAME, type Supplier, type SupplierReview } from '@/domain/supplier'
import type { OwnSupplier, ReturnAddress } from '@/domain/supplier-profile'
import { requireSafeTexts } from '../platform/content-security'
import { requireOwnSupplier } from '../access'
import { isDuplicateKeyError } from '../platform/cloud'
import { codeImageUrl, codePages, makeCode } from '../platform/codes'
import { requireOpenid, requireOperator, type Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { toPage } from '../platform/cursor'
import { keyedFields, keyedRequest, sameRequest } from '../platform/idempotency'
import { randomToken } from '../platform/ids'
import { copySupplierProfile } from '../binding-copies'
import { countAgents } from '../store/bindings'
import { countOrdersToShip } from '../store/orders'
import { countOnSaleAndExpiring } from '../store/products'
import {
  findSupplierById,
  findSupplierByOwner,
  insertSupplier,
  listSuppliersForReview,
  saveHomeCode,
  updateSupplierFlags,
  updateSupplierProfile,
} from '../store/suppliers'
import { findUsersByOpenids } from '../store/users'
import { toOwnSupplier, toSupplier } from '../views'

/** What agents read of a supplier: its name on every card (R20). */
function supplierTexts(input: { name: string; returnAddress?: ReturnAddress | null }): PublishedText[] {
  const texts: PublishedText[] = [{ path: ['name'], label: '供应商名称', text: input.name, scene: SCENES.profile }]
  const address = input.returnAddress
  // The return address is shown to agents whose return was agreed: checked as the rest of the profile.
  if (address)
    texts.push(
      { path: ['returnAddress', 'name'], label: '退货收件人', text: address.name, scene: SCENES.profile },
      { path: ['returnAddress', 'region'], label: '退货地区', text: address.region, scene: SCENES.profile },
      { path: ['returnAddress', 'detail'], label: '退货详细地址', text: address.detail, scene: SCENES.profile },
    )
  return texts
}

export async function register(input: ActionArgs<'supplier', 'register'>, caller: Caller): Promise<Supplier> {
  const openid = requireOpenid(caller)
  // A retry of the registration that made the caller's account answers it (R1 still allows one).
  const keyed = keyedRequest(openid, input)
  const existing = await findSupplierByOwner(openid)
  if (existing && keyed && existing._id === keyed.id) return toSupplier(sameRequest(existing, keyed.fingerprint))
  if (existing) throw new AppError('CONFLICT', '你已经注册过供应商账号')
  await requireSafeTexts(openid, supplierTexts(input))
  const at = now()
  try {
    const record = await insertSupplier(
      {
        ownerOpenid: openid,
        name: input.name,
        contact: input.contact,
        mainCategory: input.mainCategory,
        // R2: both thresholds are set by an operator after review.
        verifiedMember: false,
        buyerProtection: false,
        tiers: [{ id: randomToken(8), name: DEFAULT_TIER_NAME, rank: 1 }],
        homeScene: randomToken(16),
        createdAt: at,
        updatedAt: at,
        ...keyedFields(keyed),
      },
      keyed?.id,
    )
    return toSupplier(record)
  } catch (error) {
    // Two registrations at once: the unique index lets one through; the same request sent twice answers it.
    const winner = isDuplicateKeyError(error) ? await findSupplierByOwner(openid) : null
    if (winner && keyed && winner._id === keyed.id) return toSupplier(sameRequest(winner, keyed.fingerprint))
    if (isDuplicateKeyError(error)) throw new AppError('CONFLICT', '你已经注册过供应商账号')
    throw error
  }
}

/** 编辑资料 (R1): the profile as registered; the card agents see changes with it, on every binding at once (agents' pages read the card from the binding). */
export async function updateProfile(input: ActionArgs<'supplier', 'updateProfile'>, caller: Caller): Promise<OwnSupplier> {
  const record = await requireOwnSupplier(caller)
  await requireSafeTexts(record.ownerOpenid, changedTexts(supplierTexts(input), supplierTexts(record)))
  const at = now()
  await updateSupplierProfile(record._id, input, at)
  await copySupplierProfile(record._id, { name: input.name, mainCategory: input.mainCategory })
  const { name, contact, mainCategory } = input
  const returnAddress = input.returnAddress === undefined ? record.returnAddress : input.returnAddress
  return toOwnSupplier({ ...record, name, contact, mainCategory, returnAddress, updatedAt: at })
}

export async function me(caller: Caller) {
  const openid = requireOpenid(caller)
  const record = await findSupplierByOwner(openid)
  if (!record) return { supplier: null, stats: null }
  const at = now()
  // Four reads whatever the supplier's size: its record, then the on-sale and expiring products in one aggregation, agents, orders to ship.
  const [products, agents, ordersToShip] = await Promise.all([
    countOnSaleAndExpiring(record._id, at, EXPIRING_SOON_MS),
    countAgents(record._id),
    countOrdersToShip(record._id),
  ])
  const stats = { onSaleProducts: products.onSale, expiringSoon: products.expiring, agents, ordersToShip }
  return { supplier: toOwnSupplier(record), stats }
}

export async function verify(input: ActionArgs<'supplier', 'verify'>, caller: Caller): Promise<Supplier> {
  requireOperator(caller)
  const record = await findSupplierById(input.supplierId)
  if (!record) throw new AppError('NOT_FOUND', '供应商不存在')
  await updateSupplierFlags(record._id, input, now())
  return toSupplier({ ...record, ...input })
}

export async function listForReview(input: ActionArgs<'supplier', 'listForReview'>, caller: Caller) {
  requireOperator(caller)
  const rows = await listSuppliersForReview(input.filter, input.cursor, input.limit)
  const page = toPage(rows, input.limit, (row) => row.createdAt)
  const owners = new Map((await findUsersByOpenids(page.items.map((s) => s.ownerOpenid))).map((u) => [u.openid, u]))
  const items: SupplierReview[] = page.items.map((s) => ({ ...toSupplier(s), ownerNickname: owners.get(s.ownerOpenid)?.nickname ?? '' }))
  return { items, nextCursor: page.nextCursor }
}

/** R12: the home code's scene maps to the supplier; it is a random token, not a database id. */
export async function homeCode(caller: Caller) {
  const record = await requireOwnSupplier(caller)
  let fileId = record.homeCodeFileId
  if (!fileId) {
    fileId = await makeCode(codePages.bind, record.homeScene, `codes/home/${record._id}-${record.homeScene}.png`)
    // Rotated while the image was being made: answer the current code instead.
    if (!(await saveHomeCode(record._id, record.homeScene, fileId, now()))) return homeCode(caller)
  }
  return { scene: record.homeScene, image: await codeImageUrl(fileId) }
}

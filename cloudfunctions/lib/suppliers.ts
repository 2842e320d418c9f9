import { AppError } from '@/domain/errors'
import type { PageInput } from '@/domain/pagination'
import {
  canPublish,
  DEFAULT_TIER_NAME,
  type RegisterSupplierInput,
  type Supplier,
  type SupplierReview,
  type VerifySupplierInput,
} from '@/domain/supplier'
import { isDuplicateKeyError } from './cloud'
import { codeImageUrl, codePages, makeCode } from './codes'
import { requireOpenid, requireOperator, type Caller } from './caller'
import { now } from './clock'
import { toPage } from './cursor'
import { randomToken } from './ids'
import { countSupplierStats } from './store/stats'
import {
  findSupplierById,
  findSupplierByOwner,
  insertSupplier,
  listSuppliersForReview,
  saveHomeCode,
  updateSupplierFlags,
  type ReviewFilter,
  type SupplierRecord,
} from './store/suppliers'
import { findUsersByOpenids } from './store/users'

const DAY_MS = 24 * 60 * 60 * 1000
/** The admin home counts products that leave the shelf within three days as 即将下架. */
const EXPIRING_SOON_MS = 3 * DAY_MS

export function toSupplier(record: SupplierRecord): Supplier {
  return {
    _id: record._id,
    name: record.name,
    contact: record.contact,
    mainCategory: record.mainCategory,
    verifiedMember: record.verifiedMember,
    buyerProtection: record.buyerProtection,
    canPublish: canPublish(record),
    tiers: [...record.tiers].sort((a, b) => a.rank - b.rank),
    createdAt: record.createdAt,
  }
}

export async function register(input: RegisterSupplierInput, caller: Caller): Promise<Supplier> {
  const openid = requireOpenid(caller)
  if (await findSupplierByOwner(openid)) throw new AppError('CONFLICT', '你已经注册过供应商账号')
  const at = now()
  try {
    const record = await insertSupplier({
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
    })
    return toSupplier(record)
  } catch (error) {
    // Two registrations at once: the unique index lets one through.
    if (isDuplicateKeyError(error)) throw new AppError('CONFLICT', '你已经注册过供应商账号')
    throw error
  }
}

export async function me(caller: Caller) {
  const openid = requireOpenid(caller)
  const record = await findSupplierByOwner(openid)
  if (!record) return { supplier: null, stats: null }
  return { supplier: toSupplier(record), stats: await countSupplierStats(record._id, now(), EXPIRING_SOON_MS) }
}

export async function verify(input: VerifySupplierInput, caller: Caller): Promise<Supplier> {
  requireOperator(caller)
  const record = await findSupplierById(input.supplierId)
  if (!record) throw new AppError('NOT_FOUND', '供应商不存在')
  await updateSupplierFlags(record._id, input, now())
  return toSupplier({ ...record, ...input })
}

export async function listForReview(input: PageInput & { filter: ReviewFilter }, caller: Caller) {
  requireOperator(caller)
  const rows = await listSuppliersForReview(input.filter, input.cursor, input.limit)
  const page = toPage(rows, input.limit, (row) => row.createdAt)
  const owners = new Map((await findUsersByOpenids(page.items.map((s) => s.ownerOpenid))).map((u) => [u.openid, u]))
  const items: SupplierReview[] = page.items.map((s) => ({ ...toSupplier(s), ownerNickname: owners.get(s.ownerOpenid)?.nickname ?? '' }))
  return { items, nextCursor: page.nextCursor }
}

export async function requireOwnSupplier(caller: Caller): Promise<SupplierRecord> {
  const record = await findSupplierByOwner(requireOpenid(caller))
  if (!record) throw new AppError('FAILED_PRECONDITION', '请先成为供应商')
  return record
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

import { DEFAULT_NICKNAME, type User } from '@/domain/user'
import { effectiveMarkup, type Markup } from '@/domain/markup'
import { AppError } from '@/domain/errors'
import type { SupplierCard } from '@/domain/network'
import { canPublish, type Supplier } from '@/domain/supplier'
import { sortTiers } from '@/domain/tiers'
import { viewableUrls } from './platform/files'
import { findMarkups } from './store/markups'
import type { SupplierRecord } from './store/suppliers'
import { findUsersByOpenids, type UserRecord } from './store/users'

/**
 * Stored records → the shapes answers carry, where more than one use case answers them. Fields are
 * listed one by one so that nothing stored leaks by accident (the owner's OPENID, the home scene).
 */

export function toSupplier(record: SupplierRecord): Supplier {
  return {
    _id: record._id,
    name: record.name,
    contact: record.contact,
    mainCategory: record.mainCategory,
    verifiedMember: record.verifiedMember,
    buyerProtection: record.buyerProtection,
    canPublish: canPublish(record),
    tiers: sortTiers(record.tiers),
    createdAt: record.createdAt,
  }
}

export async function toUser(record: UserRecord): Promise<User> {
  const urls = record.avatar ? await viewableUrls([record.avatar]) : new Map<string, string>()
  return {
    _id: record._id,
    nickname: record.nickname || DEFAULT_NICKNAME,
    avatarUrl: urls.get(record.avatar) ?? '',
    ...(record.wechatId ? { wechatId: record.wechatId } : {}),
  }
}

/** The public face of suppliers: name, main category and the owner's avatar as a viewable URL. */
export async function supplierCards(records: SupplierRecord[]): Promise<Map<string, SupplierCard>> {
  const owners = new Map((await findUsersByOpenids([...new Set(records.map((r) => r.ownerOpenid))])).map((u) => [u.openid, u]))
  const avatars = await viewableUrls([...owners.values()].map((u) => u.avatar).filter(Boolean))
  const cards = new Map<string, SupplierCard>()
  for (const record of records) {
    const avatar = owners.get(record.ownerOpenid)?.avatar ?? ''
    cards.set(record._id, {
      _id: record._id,
      name: record.name,
      mainCategory: record.mainCategory,
      avatarUrl: avatar ? (avatars.get(avatar) ?? '') : '',
    })
  }
  return cards
}

export async function supplierCard(record: SupplierRecord): Promise<SupplierCard> {
  const card = (await supplierCards([record])).get(record._id)
  if (!card) throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
  return card
}

function markupOf(record: Markup): Markup {
  return { kind: record.kind, value: record.value, roundUp: record.roundUp }
}

/**
 * The agent's markups (R16) for these products, as one lookup: a product's own, else its supplier's
 * default, else the platform default. One read for a whole page.
 */
export async function markupLookup(
  agentOpenid: string,
  products: ReadonlyArray<{ supplierId: string; productId: string }>,
): Promise<(supplierId: string, productId: string) => Markup> {
  const rows = await findMarkups(agentOpenid, products)
  const defaults = new Map<string, Markup>()
  const own = new Map<string, Markup>()
  for (const row of rows) {
    if (row.productId === '') defaults.set(row.supplierId, markupOf(row))
    else own.set(`${row.supplierId}:${row.productId}`, markupOf(row))
  }
  return (supplierId, productId) => effectiveMarkup(own.get(`${supplierId}:${productId}`), defaults.get(supplierId))
}

import { DEFAULT_NICKNAME, type User } from '@/domain/user'
import { AppError } from '@/domain/errors'
import type { SupplierCard } from '@/domain/network'
import { canPublish, type Supplier } from '@/domain/supplier'
import type { OwnSupplier } from '@/domain/supplier-profile'
import { sortTiers } from '@/domain/tiers'
import { viewableUrls } from './platform/files'
import type { SupplierSnapshot } from './store/bindings'
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

/** The supplier as its owner sees it: with the return address no one else is shown (R19). */
export function toOwnSupplier(record: SupplierRecord): OwnSupplier {
  return { ...toSupplier(record), returnAddress: record.returnAddress ?? null }
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

/** What a binding carries of its supplier's card (so agents' pages read no supplier), from the supplier and its owner. */
export function supplierSnapshot(record: SupplierRecord, owner: UserRecord | undefined): SupplierSnapshot {
  return { name: record.name, mainCategory: record.mainCategory, avatar: owner?.avatar ?? '' }
}

/** The public face of suppliers: name, main category and the owner's avatar as a viewable URL. */
export async function supplierCardsOf(snapshots: ReadonlyArray<{ supplierId: string; card: SupplierSnapshot }>) {
  const avatars = await viewableUrls(snapshots.map((s) => s.card.avatar).filter(Boolean))
  const cards = new Map<string, SupplierCard>()
  for (const { supplierId, card } of snapshots) {
    cards.set(supplierId, {
      _id: supplierId,
      name: card.name,
      mainCategory: card.mainCategory,
      avatarUrl: card.avatar ? (avatars.get(card.avatar) ?? '') : '',
    })
  }
  return cards
}

/** Cards of these suppliers, read with their owners (pages that do not start from a binding). */
export async function supplierCards(records: SupplierRecord[]): Promise<Map<string, SupplierCard>> {
  const owners = new Map((await findUsersByOpenids([...new Set(records.map((r) => r.ownerOpenid))])).map((u) => [u.openid, u]))
  return supplierCardsOf(records.map((r) => ({ supplierId: r._id, card: supplierSnapshot(r, owners.get(r.ownerOpenid)) })))
}

export async function supplierCard(record: SupplierRecord): Promise<SupplierCard> {
  const card = (await supplierCards([record])).get(record._id)
  if (!card) throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
  return card
}

import { createHash } from 'node:crypto'
import type { Consignee } from '@/domain/order'

/**
 * The `_id`s of documents keyed by what they are about, so a writer needs no read first and two
 * first writers meet at the unique `_id`. Pure (no SDK): the demo data makes the very ids the
 * functions make, so a later write by a function lands on the demo's document.
 */

/** An agent's address-book entry: one per agent and consignee, so ordering to it again only refreshes it. */
export function addressId(agentOpenid: string, consignee: Consignee): string {
  const key = [
    agentOpenid,
    consignee.name,
    consignee.phone,
    consignee.province,
    consignee.city,
    consignee.district,
    consignee.address,
  ].join('\u0000')
  return createHash('sha256').update(key).digest('hex').slice(0, 32)
}

/** What an agent forwarded or shared: one per agent and item (the selection view's join builds it too: store/selections.ts). */
export function shareId(agentOpenid: string, kind: 'product' | 'post', itemId: string): string {
  return `${agentOpenid}:${kind}:${itemId}`
}

/** The subjects of a supplier's share stats: a product or an agent. */
export const productSubject = (productId: string) => `p:${productId}`
export const agentSubject = (agentOpenid: string) => `a:${agentOpenid}`

/** One supplier's share stats of one subject on one Shanghai day. */
export function shareStatId(supplierId: string, subject: string, day: string): string {
  return `${supplierId}:${subject}:${day}`
}

/** One supplier's daily counters (经营数据) of one Shanghai day. */
export function supplierDayId(supplierId: string, day: string): string {
  return `${supplierId}:${day}`
}

/** One counted customer open of a share, by the open's key: its retry meets the same `_id`. */
export function shareOpenId(ofShare: string, openKey: string): string {
  return createHash('sha256').update(`${ofShare}\u0000${openKey}`).digest('hex').slice(0, 32)
}

/**
 * The agent's own words for an item: the same key as its share of the item, so the customer view
 * finds both in one read (a join by `_id`).
 */
export const myTextId = shareId

/** An agent's share of a selection: one per agent and set of products, whatever the order picked. */
export function selectionId(agentOpenid: string, productIds: readonly string[]): string {
  const key = [agentOpenid, ...[...productIds].sort()].join('\u0000')
  return createHash('sha256').update(key).digest('hex').slice(0, 32)
}

/** An agent's one storefront (我的小店). */
export function storefrontId(agentOpenid: string): string {
  return createHash('sha256').update(`storefront\u0000${agentOpenid}`).digest('hex').slice(0, 32)
}

/** A storefront's counters of one Shanghai day. */
export function storefrontDayId(ofStorefront: string, day: string): string {
  return `${ofStorefront}:${day}`
}

/**
 * One counted customer open of a storefront (or of one product in it), by the open's key: its retry
 * meets the same `_id`; the same key opening another product counts on that product.
 */
export function storefrontOpenId(ofStorefront: string, productId: string | null, openKey: string): string {
  return createHash('sha256')
    .update(`${ofStorefront}\u0000${productId ?? ''}\u0000${openKey}`)
    .digest('hex')
    .slice(0, 32)
}

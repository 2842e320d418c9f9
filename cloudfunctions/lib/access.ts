import { AppError } from '@/domain/errors'
import { eligibilityGaps, eligibilityGapText } from '@/domain/supplier'
import type { AgentPricing, PriceViewer } from '@/domain/viewer-prices'
import { requireOpenid, type Caller } from './platform/caller'
import { findBinding, listBindingsOfAgent, type BindingRecord, type SupplierSnapshot } from './store/bindings'
import { findSupplierById, findSupplierByOwner, type SupplierRecord } from './store/suppliers'
import { findUserByOpenid } from './store/users'
import { supplierSnapshot } from './views'

/**
 * Who may act, checked on the server for every action (STYLE habit 4). Shared by the use cases so
 * that none of them imports another.
 */

/** The caller's own supplier account (R1); without one, supplier actions are FAILED_PRECONDITION. */
export async function requireOwnSupplier(caller: Caller): Promise<SupplierRecord> {
  const record = await findSupplierByOwner(requireOpenid(caller))
  if (!record) throw new AppError('FAILED_PRECONDITION', '请先成为供应商')
  return record
}

/** 你还不是该供应商的代理: the same answer whether the supplier exists or not (R9). */
export const SUPPLIER_HIDDEN = '你还不是该供应商的代理，请扫描供应商的微供码'

/**
 * How the caller sees one supplier's products and posts: the supplier's card, and how it is priced
 * (domain/viewer-prices): a bound agent by its tier (R11) and markups (R16), the owner — looking at
 * its own shop as agents see it — at the base price.
 */
export type Viewer = { supplierId: string; card: SupplierSnapshot } & PriceViewer

/** A bound agent's viewer, with the binding it comes from. */
export type AgentViewer = { supplierId: string; card: SupplierSnapshot; binding: BindingRecord } & AgentPricing

function snapshotOf(binding: BindingRecord): SupplierSnapshot | null {
  const { name, mainCategory, avatar } = binding.supplier ?? {}
  return name !== undefined && mainCategory !== undefined && avatar !== undefined ? { name, mainCategory, avatar } : null
}

/**
 * The agent's bindings as viewers, in their order, from the bindings alone: a feed page reads
 * nothing more (two reads a page, whatever the number of suppliers). A binding still lacking its copies (made before they existed and not yet
 * migrated, or one whose making was cut off) shows nothing rather than a guess; binding-copies.ts is
 * the one writer of those copies.
 */
export function agentViewers(bindings: BindingRecord[]): AgentViewer[] {
  return bindings.flatMap((binding) => {
    const card = snapshotOf(binding)
    const { tiers, markups } = binding
    if (!card || !tiers || !markups) return []
    return [{ role: 'agent' as const, supplierId: binding.supplierId, card, tiers, tierId: binding.tierId, markups, binding }]
  })
}

/** The owner's view of its own shop: its card (its own avatar) and the base price. */
async function ownerViewer(supplier: SupplierRecord, ownerOpenid: string): Promise<Viewer> {
  const owner = await findUserByOpenid(ownerOpenid)
  return { role: 'owner', supplierId: supplier._id, card: supplierSnapshot(supplier, owner ?? undefined) }
}

/**
 * How the caller sees one supplier: as its bound agent (one read: the binding), else as its owner,
 * else not at all (null).
 */
export async function viewerOf(openid: string, supplierId: string): Promise<Viewer | null> {
  const binding = await findBinding(supplierId, openid)
  if (binding) {
    const [viewer] = agentViewers([binding])
    if (viewer) return viewer
  }
  const supplier = await findSupplierById(supplierId)
  return supplier && supplier.ownerOpenid === openid ? ownerViewer(supplier, openid) : null
}

/**
 * The suppliers whose products and posts the caller sees, and how (R9): every bound supplier, or
 * just `supplierId` — which must be bound, or the caller's own (the owner previews its shop as
 * agents see it). Anything else is NOT_FOUND.
 */
export async function viewersFor(openid: string, supplierId: string | undefined): Promise<Map<string, Viewer>> {
  if (supplierId !== undefined) {
    const viewer = await viewerOf(openid, supplierId)
    if (!viewer) throw new AppError('NOT_FOUND', SUPPLIER_HIDDEN)
    return new Map([[supplierId, viewer]])
  }
  const viewers = agentViewers(await listBindingsOfAgent(openid))
  return new Map(viewers.map((viewer) => [viewer.supplierId, viewer]))
}

/** The caller as a bound agent of this supplier (R9: forwarding and markups are for agents only). */
export async function requireBoundAgent(openid: string, supplierId: string, hidden: string = SUPPLIER_HIDDEN): Promise<AgentViewer> {
  const binding = await findBinding(supplierId, openid)
  const [viewer] = binding ? agentViewers([binding]) : []
  if (!viewer) throw new AppError('NOT_FOUND', hidden)
  return viewer
}

/** R2: putting content in front of agents (a post) needs both thresholds, as publishing a product does. */
export function requireCanPublish(supplier: SupplierRecord, what: string): void {
  const gaps = eligibilityGaps(supplier)
  const [first] = gaps
  if (!first) return
  const missing = gaps.map((gap) => eligibilityGapText[gap].title).join('、')
  throw new AppError('FAILED_PRECONDITION', `暂不能${what}：${missing}。${eligibilityGapText[first].action}`)
}

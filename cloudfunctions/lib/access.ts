import { AppError } from '@/domain/errors'
import { eligibilityGaps, eligibilityGapText } from '@/domain/supplier'
import { requireOpenid, type Caller } from './platform/caller'
import { findBinding, listBindingsOfAgent } from './store/bindings'
import { findSupplierById, findSupplierByOwner, findSuppliersByIds, type SupplierRecord } from './store/suppliers'

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
 * Whose prices a viewer sees for one supplier: an agent its own tier's (R11); the owner, looking
 * at its own shop as agents see it, the base price (`tierId` null).
 */
export interface Viewer {
  supplier: SupplierRecord
  tierId: string | null
}

/**
 * The suppliers whose products and posts the caller sees, and how (R9): every bound supplier, or
 * just `supplierId` — which must be bound, or the caller's own (the owner previews its shop as
 * agents see it). Anything else is NOT_FOUND.
 */
export async function viewersFor(openid: string, supplierId: string | undefined): Promise<Map<string, Viewer>> {
  if (supplierId !== undefined) {
    const [binding, supplier] = await Promise.all([findBinding(supplierId, openid), findSupplierById(supplierId)])
    if (supplier && binding) return new Map([[supplier._id, { supplier, tierId: binding.tierId }]])
    if (supplier && supplier.ownerOpenid === openid) return new Map([[supplier._id, { supplier, tierId: null }]])
    throw new AppError('NOT_FOUND', SUPPLIER_HIDDEN)
  }
  const bindings = await listBindingsOfAgent(openid)
  const suppliers = new Map((await findSuppliersByIds(bindings.map((b) => b.supplierId))).map((s) => [s._id, s]))
  const viewers = new Map<string, Viewer>()
  for (const binding of bindings) {
    const supplier = suppliers.get(binding.supplierId)
    if (supplier) viewers.set(supplier._id, { supplier, tierId: binding.tierId })
  }
  return viewers
}

/** The caller as a bound agent of this supplier (R9: forwarding and markups are for agents only). */
export async function requireBoundAgent(openid: string, supplierId: string, hidden: string = SUPPLIER_HIDDEN) {
  const [binding, supplier] = await Promise.all([findBinding(supplierId, openid), findSupplierById(supplierId)])
  if (!binding || !supplier) throw new AppError('NOT_FOUND', hidden)
  return { binding, supplier }
}

/** R2: putting content in front of agents (a post) needs both thresholds, as publishing a product does. */
export function requireCanPublish(supplier: SupplierRecord, what: string): void {
  const gaps = eligibilityGaps(supplier)
  const [first] = gaps
  if (!first) return
  const missing = gaps.map((gap) => eligibilityGapText[gap].title).join('、')
  throw new AppError('FAILED_PRECONDITION', `暂不能${what}：${missing}。${eligibilityGapText[first].action}`)
}

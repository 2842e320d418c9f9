import { AppError } from '@/domain/errors'
import { eligibilityGaps, eligibilityGapText } from '@/domain/supplier'
import type { Tier } from '@/domain/supplier'
import { requireOpenid, type Caller } from './platform/caller'
import {
  fillMarkups,
  fillNoMarkups,
  fillSupplierSnapshot,
  findBinding,
  listBindingsOfAgent,
  type AgentMarkups,
  type BindingRecord,
  type SupplierSnapshot,
} from './store/bindings'
import { findMarkupsOfAgent } from './store/markups'
import { findSupplierById, findSupplierByOwner, findSuppliersByIds, type SupplierRecord } from './store/suppliers'
import { findUserByOpenid, findUsersByOpenids } from './store/users'
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
 * How the caller sees one supplier's products and posts: the supplier's card and tiers, and — for a
 * bound agent — its own tier (R11) and markups (R16). The owner, looking at its own shop as agents
 * see it, has `tierId` null: the base price and no retail price.
 */
export interface Viewer {
  supplierId: string
  card: SupplierSnapshot
  tiers: Tier[]
  tierId: string | null
  markups: AgentMarkups | null
}

/** A bound agent's viewer, with the binding it comes from. */
export type AgentViewer = Viewer & { tierId: string; markups: AgentMarkups; binding: BindingRecord }

const NO_MARKUPS: AgentMarkups = { supplier: null, products: {} }

function snapshotOf(binding: BindingRecord): SupplierSnapshot | null {
  const { name, mainCategory, avatar } = binding.supplier ?? {}
  return name !== undefined && mainCategory !== undefined && avatar !== undefined ? { name, mainCategory, avatar } : null
}

/** The supplier's card and tiers as its bindings carry them, read from the source. */
async function supplierSources(supplierIds: string[]): Promise<Map<string, { card: SupplierSnapshot; tiers: Tier[] }>> {
  const suppliers = await findSuppliersByIds([...new Set(supplierIds)])
  const owners = new Map((await findUsersByOpenids(suppliers.map((s) => s.ownerOpenid))).map((u) => [u.openid, u]))
  return new Map(suppliers.map((s) => [s._id, { card: supplierSnapshot(s, owners.get(s.ownerOpenid)), tiers: s.tiers }]))
}

/** Markups of bindings made before bindings carried them, from the collection they were kept in. */
async function legacyMarkups(agentOpenid: string, supplierIds: string[]): Promise<Map<string, AgentMarkups>> {
  const found = new Map<string, AgentMarkups>()
  for (const row of await findMarkupsOfAgent(agentOpenid, supplierIds)) {
    const markups = found.get(row.supplierId) ?? { supplier: null, products: {} }
    const markup = { kind: row.kind, value: row.value, roundUp: row.roundUp }
    if (row.productId === '') markups.supplier = markup
    else markups.products[row.productId] = markup
    found.set(row.supplierId, markups)
  }
  return found
}

/**
 * The agent's bindings as viewers, in their order. A feed page reads nothing more than the bindings
 * (two reads a page, whatever the number of suppliers); a binding still lacking its copies (made before they existed) is completed from the
 * source — a read per collection for the whole page, never per item — and the copies are written
 * so the next page reads the binding alone. Those writes only fill what is absent (see the store),
 * so they can race with any change and never undo it; one that fails is tried again next time.
 */
export async function agentViewers(agentOpenid: string, bindings: BindingRecord[]): Promise<AgentViewer[]> {
  const lacking = bindings.filter((b) => snapshotOf(b) === null || b.tiers === undefined).map((b) => b.supplierId)
  const withoutMarkups = bindings.filter((b) => b.markups === undefined).map((b) => b.supplierId)
  const [sources, markups] = await Promise.all([
    lacking.length > 0 ? supplierSources(lacking) : new Map<string, { card: SupplierSnapshot; tiers: Tier[] }>(),
    withoutMarkups.length > 0 ? legacyMarkups(agentOpenid, withoutMarkups) : new Map<string, AgentMarkups>(),
  ])
  if (sources.size > 0 || withoutMarkups.length > 0) {
    await Promise.all([
      ...[...sources].map(([supplierId, source]) => fillSupplierSnapshot(supplierId, source.card, source.tiers)),
      ...[...markups].map(([supplierId, carried]) => fillMarkups(supplierId, agentOpenid, carried)),
      fillNoMarkups(
        agentOpenid,
        withoutMarkups.filter((id) => !markups.has(id)),
      ),
    ]).catch((error: unknown) => console.error('[wegong] filling binding copies failed; tried again on the next read', error))
  }
  return bindings.flatMap((binding) => {
    const source = sources.get(binding.supplierId)
    const stored = binding.supplier ?? {}
    const card = snapshotOf(binding) ?? (source ? { ...source.card, ...stored } : null)
    const tiers = binding.tiers ?? source?.tiers
    // A binding whose supplier is gone shows nothing.
    if (!card || !tiers) return []
    return [
      {
        supplierId: binding.supplierId,
        card,
        tiers,
        tierId: binding.tierId,
        markups: binding.markups ?? markups.get(binding.supplierId) ?? NO_MARKUPS,
        binding,
      },
    ]
  })
}

/** The owner's view of its own shop: its card (its own avatar) and the base price. */
async function ownerViewer(supplier: SupplierRecord, ownerOpenid: string): Promise<Viewer> {
  const owner = await findUserByOpenid(ownerOpenid)
  return {
    supplierId: supplier._id,
    card: supplierSnapshot(supplier, owner ?? undefined),
    tiers: supplier.tiers,
    tierId: null,
    markups: null,
  }
}

/**
 * How the caller sees one supplier: as its bound agent (one read: the binding), else as its owner,
 * else not at all (null).
 */
export async function viewerOf(openid: string, supplierId: string): Promise<Viewer | null> {
  const binding = await findBinding(supplierId, openid)
  if (binding) {
    const [viewer] = await agentViewers(openid, [binding])
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
  const viewers = await agentViewers(openid, await listBindingsOfAgent(openid))
  return new Map(viewers.map((viewer) => [viewer.supplierId, viewer]))
}

/** The caller as a bound agent of this supplier (R9: forwarding and markups are for agents only). */
export async function requireBoundAgent(openid: string, supplierId: string, hidden: string = SUPPLIER_HIDDEN): Promise<AgentViewer> {
  const binding = await findBinding(supplierId, openid)
  const [viewer] = binding ? await agentViewers(openid, [binding]) : []
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

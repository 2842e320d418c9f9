import type { AgentMarkups } from '@/domain/markup-rules'
import type { Markup } from '@/domain/markup'
import type { Tier } from '@/domain/supplier'
import {
  fillMarkups,
  fillNoMarkups,
  fillSupplierSnapshot,
  listBindingsLackingCopies,
  setBindingMarkup,
  setSupplierAvatarSnapshot,
  setSupplierProfileSnapshot,
  setTiersSnapshot,
  type BindingRecord,
  type SupplierSnapshot,
} from './store/bindings'
import { findMarkupsOfAgent } from './store/markups'
import { findMigration, saveMigration } from './store/migrations'
import { findSuppliersByIds } from './store/suppliers'
import { findUsersByOpenids } from './store/users'
import { supplierSnapshot } from './views'

/**
 * The one writer of what a binding carries for its agent's pages: the supplier's card, its tier
 * list (R11) and the agent's markups (R16), so that a feed page reads the bindings and the products
 * only. The use cases call it where a source changes; readers (access.ts) never write. Each source
 * change is one update over all the supplier's bindings, so it reaches every binding that exists.
 */

/** The supplier's name and main category, after `supplier.updateProfile`. */
export async function copySupplierProfile(supplierId: string, profile: Pick<SupplierSnapshot, 'name' | 'mainCategory'>): Promise<void> {
  await setSupplierProfileSnapshot(supplierId, profile)
}

/** The owner's avatar, after the owner's `user.updateProfile`. */
export async function copyOwnerAvatar(supplierId: string, avatar: string): Promise<void> {
  await setSupplierAvatarSnapshot(supplierId, avatar)
}

/** The tier list, after `network.saveTiers`. */
export async function copyTiers(supplierId: string, tiers: Tier[]): Promise<void> {
  await setTiersSnapshot(supplierId, tiers)
}

/** Sets (or with null drops) one of the agent's markups on its binding; see setBindingMarkup. */
export async function writeMarkup(
  supplierId: string,
  agentOpenid: string,
  productId: string,
  markup: Markup | null,
  forget: string[],
): Promise<number> {
  return setBindingMarkup(supplierId, agentOpenid, productId, markup, forget)
}

/** Card and tiers of these suppliers as bindings carry them, read from the source; a supplier that is gone is absent. */
async function supplierSources(supplierIds: string[]): Promise<Map<string, { card: SupplierSnapshot; tiers: Tier[] }>> {
  const suppliers = await findSuppliersByIds([...new Set(supplierIds)])
  const owners = new Map((await findUsersByOpenids(suppliers.map((s) => s.ownerOpenid))).map((u) => [u.openid, u]))
  return new Map(suppliers.map((s) => [s._id, { card: supplierSnapshot(s, owners.get(s.ownerOpenid)), tiers: s.tiers }]))
}

function hasCopies(binding: BindingRecord): boolean {
  const { name, mainCategory, avatar } = binding.supplier ?? {}
  return name !== undefined && mainCategory !== undefined && avatar !== undefined && binding.tiers !== undefined && !!binding.markups
}

/**
 * Completes the copies of a binding just made (or of one whose completing was cut off): read from
 * the source after the binding exists, so a change made before is read here and one made after
 * writes this binding itself. The writes fill only what is absent, so they never undo that change.
 * Answers the card as written, or null when the supplier is gone.
 */
export async function completeCopies(binding: BindingRecord): Promise<SupplierSnapshot | null> {
  const source = (await supplierSources([binding.supplierId])).get(binding.supplierId)
  if (!source) return null
  if (hasCopies(binding)) return { ...source.card, ...binding.supplier }
  await Promise.all([
    fillSupplierSnapshot(binding.supplierId, source.card, source.tiers),
    fillNoMarkups(binding.agentOpenid, [binding.supplierId]),
  ])
  return { ...source.card, ...binding.supplier }
}

// ---- the one-off migration of bindings made before they carried copies --------------------------

const MIGRATION = 'binding-copies'
const BATCH = 100
const MAX_BATCHES = 20

/** The agent's markups for one supplier as the old `markups` collection kept them; null when it kept none. */
async function legacyMarkups(agentOpenid: string, supplierId: string): Promise<AgentMarkups | null> {
  const rows = await findMarkupsOfAgent(agentOpenid, [supplierId])
  if (rows.length === 0) return null
  const markups: AgentMarkups = { supplier: null, products: {} }
  for (const row of rows) {
    const markup = { kind: row.kind, value: row.value, roundUp: row.roundUp }
    if (row.productId === '') markups.supplier = markup
    else markups.products[row.productId] = markup
  }
  return markups
}

async function migrate(bindings: BindingRecord[]): Promise<void> {
  const sources = await supplierSources(bindings.map((b) => b.supplierId))
  await Promise.all([...sources].map(([supplierId, source]) => fillSupplierSnapshot(supplierId, source.card, source.tiers)))
  // A binding of a supplier that is gone is left as it is: it shows nothing either way.
  for (const binding of bindings.filter((b) => !b.markups && sources.has(b.supplierId))) {
    const carried = await legacyMarkups(binding.agentOpenid, binding.supplierId)
    if (carried) await fillMarkups(binding.supplierId, binding.agentOpenid, carried)
    else await fillNoMarkups(binding.agentOpenid, [binding.supplierId])
  }
}

/**
 * Gives every binding made before bindings carried copies its card, tiers and markups (the latter
 * from the old `markups` collection), once: a step of the `expire` timer that walks the bindings
 * lacking copies in `_id` order, a bounded number per run, remembers where it stopped, and marks
 * itself done — after which a run costs one read. Bindings of a supplier that is gone are passed
 * over (they show nothing either way). See docs/decisions/binding-copies.md.
 */
export async function finishBindingCopies(at: number): Promise<{ migratedBindings: number; done: boolean }> {
  const state = await findMigration(MIGRATION)
  if (state?.doneAt) return { migratedBindings: 0, done: true }
  let after = state?.after ?? ''
  let migratedBindings = 0
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const lacking = await listBindingsLackingCopies(after, BATCH)
    await migrate(lacking)
    migratedBindings += lacking.length
    after = lacking.at(-1)?._id ?? after
    if (lacking.length < BATCH) {
      await saveMigration(MIGRATION, { after, doneAt: at })
      return { migratedBindings, done: true }
    }
    await saveMigration(MIGRATION, { after, doneAt: null })
  }
  return { migratedBindings, done: false }
}

import { DEFAULT_NICKNAME } from '@/domain/user'
import { AppError } from '@/domain/errors'
import type { Agent, MySupplier, SupplierCard } from '@/domain/network'
import type { ActionArgs } from '@/domain/api'
import type { Tier } from '@/domain/supplier'
import { defaultTier, effectiveTier, sortTiers } from '@/domain/tiers'
import { agentViewers, requireOwnSupplier } from '../access'
import { requireOpenid, type Caller } from '../platform/caller'
import { isDuplicateKeyError } from '../platform/cloud'
import { codeImageUrl, codePages, makeCode } from '../platform/codes'
import { now } from '../platform/clock'
import { encodeCursor, toPage } from '../platform/cursor'
import { deleteFilesQuietly, viewableUrls } from '../platform/files'
import { randomToken } from '../platform/ids'
import {
  countBindingsOf,
  findBinding,
  insertBinding,
  listBindingsOfAgent,
  listBindingsOfSupplier,
  moveAgentsOutOfDeletedTiers,
  removeBinding,
  updateRemark,
  updateTier,
  countAgentsByTier,
  type BindingRecord,
} from '../store/bindings'
import { countOrdersOfAgents } from '../store/orders'
import { countOnSaleBySupplier } from '../store/products'
import { findSupplierByScene, replaceTiers, rotateHomeScene, type SupplierRecord } from '../store/suppliers'
import { findUsersByOpenids, type UserRecord } from '../store/users'
import { completeCopies, copyTiers } from '../binding-copies'
import { supplierCard, supplierCardsOf } from '../views'

/** A stored supplier always has tiers (R11); a list without any is broken data, not a user's mistake. */
function tierOrFail(tier: Tier | null): Tier {
  if (!tier) throw new AppError('INTERNAL', '供应商等级数据异常，请稍后再试')
  return tier
}

const SCENE_GONE = '二维码已失效，请向供应商索取新的微供码'
const NOT_YOUR_AGENT = '该微商不在你的合作列表中'

async function requireSupplierByScene(scene: string): Promise<SupplierRecord> {
  const record = await findSupplierByScene(scene)
  if (!record) throw new AppError('NOT_FOUND', SCENE_GONE)
  return record
}

// ---- the agent's side (R12) -----------------------------------------------------------------

/** The bind page's card. Anyone holding the code may see it: it shows nothing private. */
export async function preview(input: ActionArgs<'network', 'preview'>): Promise<SupplierCard> {
  return supplierCard(await requireSupplierByScene(input.scene))
}

/**
 * R12: confirming the bind page creates an active binding in the default tier. Binding again
 * changes nothing; two binds at once meet the unique index (supplierId, agentOpenid) and the
 * loser answers as an agent already bound.
 */
export async function bind(input: ActionArgs<'network', 'bind'>, caller: Caller) {
  const openid = requireOpenid(caller)
  const supplier = await requireSupplierByScene(input.scene)
  if (supplier.ownerOpenid === openid) throw new AppError('FAILED_PRECONDITION', '这是你自己的微供码，不能成为自己的代理')
  const alreadyBound = async (binding: BindingRecord | null) => {
    // A bind cut off before its copies were written is completed by its retry.
    if (binding) await completeCopies(binding)
    return { supplier: await supplierCard(supplier), alreadyBound: true }
  }
  const existing = await findBinding(supplier._id, openid)
  if (existing) return alreadyBound(existing)
  let binding: BindingRecord
  try {
    binding = await insertBinding({
      supplierId: supplier._id,
      agentOpenid: openid,
      tierId: tierOrFail(defaultTier(supplier.tiers)).id,
      remark: '',
      createdAt: now(),
      markups: { supplier: null, products: {} },
    })
  } catch (error) {
    if (isDuplicateKeyError(error)) return alreadyBound(null)
    throw error
  }
  const copied = await completeCopies(binding)
  const card = copied ? (await supplierCardsOf([{ supplierId: supplier._id, card: copied }])).get(supplier._id) : undefined
  return { supplier: card ?? (await supplierCard(supplier)), alreadyBound: false }
}

/** 我的供应商: the agent's own tier name only (R11), newest binding first. */
export async function mySuppliers(caller: Caller): Promise<{ items: MySupplier[] }> {
  const openid = requireOpenid(caller)
  const viewers = agentViewers(await listBindingsOfAgent(openid))
  const [onSale, cards] = await Promise.all([
    countOnSaleBySupplier(
      viewers.map((v) => v.supplierId),
      now(),
    ),
    supplierCardsOf(viewers),
  ])
  const items: MySupplier[] = viewers.flatMap((viewer) => {
    const card = cards.get(viewer.supplierId)
    if (!card) return []
    return [
      {
        supplier: card,
        tierName: tierOrFail(effectiveTier(viewer.tiers, viewer.tierId)).name,
        boundAt: viewer.binding.createdAt,
        onSaleProducts: onSale.get(viewer.supplierId) ?? 0,
      },
    ]
  })
  return { items }
}

// ---- the owner's side (R13) -----------------------------------------------------------------

async function toAgents(supplier: SupplierRecord, bindings: BindingRecord[], knownUsers?: Map<string, UserRecord>): Promise<Agent[]> {
  const openids = bindings.map((b) => b.agentOpenid)
  const users = knownUsers ?? new Map((await findUsersByOpenids(openids)).map((u) => [u.openid, u]))
  const [avatars, orders] = await Promise.all([
    viewableUrls(openids.map((o) => users.get(o)?.avatar ?? '').filter(Boolean)),
    countOrdersOfAgents(supplier._id, openids),
  ])
  return bindings.map((binding) => {
    const user = users.get(binding.agentOpenid)
    const tier = tierOrFail(effectiveTier(supplier.tiers, binding.tierId))
    return {
      agentOpenid: binding.agentOpenid,
      nickname: user?.nickname || DEFAULT_NICKNAME,
      avatarUrl: user?.avatar ? (avatars.get(user.avatar) ?? '') : '',
      remark: binding.remark,
      tierId: tier.id,
      tierName: tier.name,
      createdAt: binding.createdAt,
      orderCount: orders.get(binding.agentOpenid) ?? 0,
    }
  })
}

/** Bindings read per round while searching, and at most this many per call. */
const SEARCH_BATCH = 100
const SEARCH_SCAN_MAX = 2000

/**
 * 合作中的微商 (R13): newest binding first. `q` matches the nickname or the remark (case-insensitive
 * substring). Nicknames live with users, so a search walks this supplier's own bindings in keyset
 * order and keeps the matches; its cost is bounded by the supplier's agents (never a scan of every
 * user of the platform). A call reads at most SEARCH_SCAN_MAX bindings: a page may then hold fewer
 * than `limit` matches with a `nextCursor` to go on from.
 */
export async function listAgents(input: ActionArgs<'network', 'listAgents'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const q = input.q?.toLowerCase()
  if (!q) {
    const page = toPage(await listBindingsOfSupplier(supplier._id, input.cursor, input.limit + 1), input.limit, (b) => b.createdAt)
    return { items: await toAgents(supplier, page.items), nextCursor: page.nextCursor }
  }
  const matches: BindingRecord[] = []
  const users = new Map<string, UserRecord>()
  let cursor = input.cursor
  let scanned = 0
  for (;;) {
    const batch = await listBindingsOfSupplier(supplier._id, cursor, SEARCH_BATCH)
    for (const user of await findUsersByOpenids(batch.map((b) => b.agentOpenid))) users.set(user.openid, user)
    for (const binding of batch) {
      const nickname = users.get(binding.agentOpenid)?.nickname || DEFAULT_NICKNAME
      if (nickname.toLowerCase().includes(q) || binding.remark.toLowerCase().includes(q)) matches.push(binding)
      scanned += 1
      cursor = encodeCursor({ t: binding.createdAt, id: binding._id })
      if (matches.length > input.limit) {
        const page = toPage(matches, input.limit, (b) => b.createdAt)
        return { items: await toAgents(supplier, page.items, users), nextCursor: page.nextCursor }
      }
    }
    if (batch.length < SEARCH_BATCH) return { items: await toAgents(supplier, matches, users), nextCursor: null }
    if (scanned >= SEARCH_SCAN_MAX) return { items: await toAgents(supplier, matches, users), nextCursor: cursor ?? null }
  }
}

async function requireAgentOf(supplier: SupplierRecord, agentOpenid: string): Promise<BindingRecord> {
  const binding = await findBinding(supplier._id, agentOpenid)
  if (!binding) throw new AppError('NOT_FOUND', NOT_YOUR_AGENT)
  return binding
}

/** 备注 (R13): shown under the agent's nickname, only to this supplier. */
export async function setRemark(input: ActionArgs<'network', 'setRemark'>, caller: Caller): Promise<Agent> {
  const supplier = await requireOwnSupplier(caller)
  const binding = await requireAgentOf(supplier, input.agentOpenid)
  await updateRemark(supplier._id, input.agentOpenid, input.remark)
  const [agent] = await toAgents(supplier, [{ ...binding, remark: input.remark }])
  if (!agent) throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
  return agent
}

/** 调整分销商等级 for one or many agents: all of them must be this supplier's, or nothing changes. */
export async function setTier(input: ActionArgs<'network', 'setTier'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  if (!supplier.tiers.some((t) => t.id === input.tierId)) throw new AppError('NOT_FOUND', '该等级不存在，请刷新后重试')
  const agentOpenids = [...new Set(input.agentOpenids)]
  if ((await countBindingsOf(supplier._id, agentOpenids)) !== agentOpenids.length) {
    throw new AppError('NOT_FOUND', '部分微商已不在你的合作列表中，请刷新后重试')
  }
  await updateTier(supplier._id, agentOpenids, input.tierId)
  return { updated: agentOpenids.length }
}

/** R12: a supplier may remove an agent; from then on the agent sees nothing of it. */
export async function unbind(input: ActionArgs<'network', 'unbind'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const removed = await removeBinding(supplier._id, input.agentOpenid)
  if (removed === 0) throw new AppError('NOT_FOUND', NOT_YOUR_AGENT)
  return { removed }
}

/** The tier list with each tier's agents; an agent left on a deleted tier counts in rank 1 (effectiveTier). */
export async function listTiers(caller: Caller): Promise<Array<Tier & { agentCount: number }>> {
  const supplier = await requireOwnSupplier(caller)
  const counts = new Map<string, number>()
  for (const [tierId, agents] of await countAgentsByTier(supplier._id)) {
    const tier = tierOrFail(effectiveTier(supplier.tiers, tierId))
    counts.set(tier.id, (counts.get(tier.id) ?? 0) + agents)
  }
  return sortTiers(supplier.tiers).map((tier) => ({ ...tier, agentCount: counts.get(tier.id) ?? 0 }))
}

/**
 * R11: the whole ordered list; position is rank; a tier without id is new, a missing one is
 * deleted. Three writes, in this order: (1) the tier list, in a transaction; (2) its copy on every
 * binding (what the agents' pages price with, reading nothing else); (3) agents of deleted tiers move to the new
 * rank-1 tier. After (2), even if (3) never runs, such agents already count as the default tier
 * (effectiveTier), so no state is inconsistent; (2) and (3) cover every binding of the supplier, so
 * the next save also finishes an interrupted one. Deleted tiers' prices
 * stay in the products' `tierPrices` (the product store owns those writes) but can never apply:
 * prices resolve through effectiveTier and a deleted id can never come back (ids are server-made,
 * and a client may only name ids the supplier has).
 */
export async function saveTiers(input: ActionArgs<'network', 'saveTiers'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const { after } = await replaceTiers(
    supplier._id,
    (current) => {
      const known = new Set(current.map((t) => t.id))
      const named = new Set<string>()
      input.tiers.forEach((tier, index) => {
        if (tier.id === undefined) return
        if (!known.has(tier.id) || named.has(tier.id)) {
          throw new AppError('INVALID_ARGUMENT', '等级已被修改，请刷新后重试', [{ path: ['tiers', index, 'id'], message: '等级不存在' }])
        }
        named.add(tier.id)
      })
      // A tier sent without id under the name of a tier the list no longer names by id keeps that
      // tier: a retried save (its answer lost) would otherwise delete the tier the first try made
      // and make another, moving its agents to rank 1.
      const unnamed = new Map(current.filter((t) => !named.has(t.id)).map((t) => [t.name, t.id]))
      const used = new Set(known)
      return input.tiers.map((tier, index) => ({
        id: tier.id ?? unnamed.get(tier.name) ?? newTierId(used),
        name: tier.name,
        rank: index + 1,
      }))
    },
    now(),
  )
  await copyTiers(supplier._id, after)
  const movedAgents = await moveAgentsOutOfDeletedTiers(
    supplier._id,
    after.map((t) => t.id),
    tierOrFail(defaultTier(after)).id,
  )
  return { tiers: after, movedAgents }
}

function newTierId(used: Set<string>): string {
  let id = randomToken(8)
  while (used.has(id)) id = randomToken(8)
  used.add(id)
  return id
}

/**
 * R12: a new home-code scene, e.g. after the code leaked. The new code image is made first and the
 * scene and image are then saved in one write, so until that write the old code keeps working and
 * after it only the new one binds. The write only applies over the scene this call started from:
 * of two rotations at once one wins and the other answers CONFLICT (never a dead code shown as
 * current). Existing bindings are untouched.
 */
export async function rotateCode(caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const scene = randomToken(16)
  const fileId = await makeCode(codePages.bind, scene, `codes/home/${supplier._id}-${scene}.png`)
  if (!(await rotateHomeScene(supplier._id, supplier.homeScene, scene, fileId, now()))) {
    throw new AppError('CONFLICT', '微供码刚刚已更新，请刷新后查看')
  }
  // The old image only shows a dead code.
  if (supplier.homeCodeFileId) await deleteFilesQuietly([supplier.homeCodeFileId])
  return { scene, image: await codeImageUrl(fileId) }
}

import type { ActionArgs } from '@/domain/api'
import type { AftersaleCounts } from '@/domain/aftersale-schemas'
import { requireOwnSupplier } from '../access'
import { toCaseSummaries, toCaseView } from '../aftersale-views'
import { caseForViewer, requireCaseOperator } from '../aftersale-access'
import { requireOpenid, type Caller } from '../platform/caller'
import { toPage } from '../platform/cursor'
import { countCases, listCasesNewestFirst, listEscalatedCases } from '../store/aftersales'
import { findSupplierByOwner } from '../store/suppliers'

/**
 * Reading after-sales cases (R19): one case for its agent, its supplier, or an operator once it was
 * escalated (anyone else: NOT_FOUND, whatever exists); each side's lists, newest first; the badges.
 */

export async function getCase(input: ActionArgs<'aftersale', 'get'>, caller: Caller) {
  const { record, viewer } = await caseForViewer(input.id, caller)
  return toCaseView(record, viewer)
}

export async function listMine(input: ActionArgs<'aftersale', 'listMine'>, caller: Caller) {
  const agentOpenid = requireOpenid(caller)
  const where = input.filter === 'open' ? { agentOpenid, open: true } : { agentOpenid }
  const page = toPage(await listCasesNewestFirst(where, input.cursor, input.limit), input.limit, (r) => r.createdAt)
  return { items: await toCaseSummaries(page.items, 'agent'), nextCursor: page.nextCursor }
}

export async function listSold(input: ActionArgs<'aftersale', 'listSold'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const where = input.filter === 'todo' ? { supplierId: supplier._id, supplierTodo: true } : { supplierId: supplier._id }
  const page = toPage(await listCasesNewestFirst(where, input.cursor, input.limit), input.limit, (r) => r.createdAt)
  return { items: await toCaseSummaries(page.items, 'supplier'), nextCursor: page.nextCursor }
}

export async function listEscalated(input: ActionArgs<'aftersale', 'listEscalated'>, caller: Caller) {
  requireCaseOperator(caller)
  const rows = await listEscalatedCases(input.filter === 'open', input.cursor, input.limit)
  const page = toPage(rows, input.limit, (r) => r.escalatedAt ?? 0)
  return { items: await toCaseSummaries(page.items, 'operator'), nextCursor: page.nextCursor }
}

/** The badges: one indexed count each (never a scan); zeros where the caller has no such side. */
export async function counts(_input: ActionArgs<'aftersale', 'counts'>, caller: Caller): Promise<AftersaleCounts> {
  const openid = requireOpenid(caller)
  const supplier = await findSupplierByOwner(openid)
  const [supplierTodo, agentOpen, agentTodo] = await Promise.all([
    supplier ? countCases({ supplierId: supplier._id, supplierTodo: true }) : Promise.resolve(0),
    countCases({ agentOpenid: openid, open: true }),
    countCases({ agentOpenid: openid, agentTodo: true }),
  ])
  return { supplierTodo, agentOpen, agentTodo }
}

import type { AftersaleActor, AftersaleKind, AftersaleStatus } from '@/domain/aftersale'
import { AGENT_TODO_STATUSES, isOpenCase, SUPPLIER_TODO_STATUSES } from '@/domain/aftersale'
import type { RefundPhase } from '@/domain/aftersale-refunds'
import type { ReturnAddress } from '@/domain/aftersale-schemas'
import { command, db, rowsOf, totalOf } from '../platform/cloud'
import { newestFirst } from '../platform/cursor'
import type { KeyedRecord } from '../platform/idempotency'
import { inTransaction, type Transaction } from '../platform/transaction'

/**
 * After-sales cases as stored (R19). A case's `_id` is its refund number (`<orderNo>-A<caseNo>`), so
 * two applications for the same order at once collide, and the case and its refund share a name.
 * The flags `open`, `supplierTodo` and `agentTodo` follow the status (`caseFlags`) so that the
 * badges are one indexed count each. This module owns every query of `aftersales`.
 */
export interface CaseStep {
  at: number
  actor: AftersaleActor
  action: string
  status: AftersaleStatus
  reason?: string
  note?: string
  /** Cloud file IDs; views turn them into temporary URLs. */
  photos: string[]
  amountFen?: number
  logistics?: { carrier: string; trackingNo: string }
  returnAddress?: ReturnAddress
}

export interface AftersaleRecord extends KeyedRecord {
  _id: string
  caseNo: number
  orderId: string
  orderNo: string
  supplierId: string
  agentOpenid: string
  kind: AftersaleKind
  phase: RefundPhase
  status: AftersaleStatus
  reason: string
  note: string
  photos: string[]
  amountFen: number
  /** The order's first line as bought, for list rows (its image a cloud file ID). */
  item: { description: string; specName: string; image: string; qty: number }
  escalated: boolean
  escalatedAt: number | null
  /** When the timer acts (index open_due); null when no deadline runs. */
  dueAt: number | null
  open: boolean
  supplierTodo: boolean
  agentTodo: boolean
  returnAddress?: ReturnAddress
  returnLogistics?: { carrier: string; trackingNo: string; shippedAt: number }
  /**
   * Photos WeChat's image check found risky (R20): hidden from everyone but the side that sent them,
   * which reads why (the check itself stays in media_checks for audit).
   */
  hiddenPhotos?: HiddenPhoto[]
  /** The refund of the case once agreed (its number is the case's `_id`). */
  refundNo: string | null
  /** The idempotency key (hashed with the agent) of the last application or re-application. */
  applyKey: string | null
  timeline: CaseStep[]
  createdAt: number
  updatedAt: number
}

export interface HiddenPhoto {
  fileId: string
  /** Who sent it: the only side still shown it. */
  by: 'agent' | 'supplier'
  reason: string
}

const COLLECTION = 'aftersales'
const cases = () => db.collection(COLLECTION)

/** The fields that follow the status. */
export function caseFlags(status: AftersaleStatus): Pick<AftersaleRecord, 'open' | 'supplierTodo' | 'agentTodo'> {
  return {
    open: isOpenCase(status),
    supplierTodo: SUPPLIER_TODO_STATUSES.includes(status),
    agentTodo: AGENT_TODO_STATUSES.includes(status),
  }
}

// ---- inside a transaction: every move of a case ---------------------------------------------------

export async function getCaseIn(tx: Transaction, id: string): Promise<AftersaleRecord | null> {
  try {
    const { data } = await tx.collection<AftersaleRecord>(COLLECTION).doc(id).get()
    return data ?? null
  } catch {
    return null
  }
}

export async function addCaseIn(tx: Transaction, record: AftersaleRecord): Promise<void> {
  await tx.collection<AftersaleRecord>(COLLECTION).add({ data: record })
}

/** Writes the whole case (its timeline grows with every move): `set` keeps the document exactly the record. */
export async function saveCaseIn(tx: Transaction, record: AftersaleRecord): Promise<void> {
  const { _id, ...rest } = record
  await tx.collection<AftersaleRecord>(COLLECTION).doc(_id).set({ data: rest })
}

/**
 * Hides a photo of the case from all but the side that sent it, in a transaction with the case's
 * moves (a case saves whole); false when the case lacks that photo or already hides it.
 */
export async function hideCasePhoto(id: string, fileId: string, senderOpenid: string, reason: string): Promise<boolean> {
  return inTransaction(async (tx) => {
    const record = await getCaseIn(tx, id)
    if (!record) return false
    const sent = [...record.photos, ...record.timeline.flatMap((step) => step.photos)]
    if (!sent.includes(fileId) || record.hiddenPhotos?.some((h) => h.fileId === fileId)) return false
    const by = senderOpenid === record.agentOpenid ? 'agent' : 'supplier'
    await saveCaseIn(tx, { ...record, hiddenPhotos: [...(record.hiddenPhotos ?? []), { fileId, by, reason }] })
    return true
  })
}

// ---- reads ----------------------------------------------------------------------------------

export async function findCase(id: string): Promise<AftersaleRecord | null> {
  const [row] = await rowsOf<AftersaleRecord>(cases().where({ _id: id }).limit(1).get())
  return row ?? null
}

/** The cases of these ids (an order page's latest cases): one read, whatever the page's depth. */
export function findCasesByIds(ids: string[]): Promise<AftersaleRecord[]> {
  if (ids.length === 0) return Promise.resolve([])
  return rowsOf<AftersaleRecord>(
    cases()
      .where({ _id: command.in(ids) })
      .limit(ids.length)
      .get(),
  )
}

/** A page (plus one row) newest first: indexes supplier_created / supplier_todo_created / agent_created / agent_open_created. */
export function listCasesNewestFirst(where: Record<string, unknown>, cursor: string | undefined, limit: number) {
  return rowsOf<AftersaleRecord>(newestFirst(cases(), [where], 'createdAt', cursor, limit + 1).get())
}

/** Escalated cases newest escalation first: waiting for a decision (index status_escalated) or all (index escalated_at). */
export function listEscalatedCases(open: boolean, cursor: string | undefined, limit: number) {
  const where = open ? { status: 'escalated' } : { escalated: true }
  return rowsOf<AftersaleRecord>(newestFirst(cases(), [where], 'escalatedAt', cursor, limit + 1).get())
}

/** One indexed count (never a scan). */
export function countCases(where: Record<string, unknown>): Promise<number> {
  return totalOf(cases().where(where).count())
}

/**
 * Open cases whose deadline has come, in (dueAt, _id) order after `after` (index open_due): the
 * timer pages through them, so a case it could not move never holds up the ones behind it.
 */
export function findDueCases(at: number, after: { dueAt: number; id: string } | null, limit: number) {
  const due = { open: true, dueAt: command.lte(at) }
  const where = after
    ? command.and([due, command.or([{ dueAt: command.gt(after.dueAt) }, { dueAt: after.dueAt, _id: command.gt(after.id) }])])
    : due
  return rowsOf<AftersaleRecord>(cases().where(where).orderBy('dueAt', 'asc').orderBy('_id', 'asc').limit(limit).get())
}

import type { ActionArgs } from '@/domain/api'
import type { AftersaleEvent } from '@/domain/aftersale'
import type { Aftersale } from '@/domain/aftersale-schemas'
import { SCENES, type PublishedText } from '@/domain/content-rules'
import { AppError } from '@/domain/errors'
import { newImages } from '@/domain/media-check'
import { partiesOf, requireCaseOperator } from '../aftersale-access'
import { toCaseView } from '../aftersale-views'
import { requireCaseMove } from '../lifecycles/aftersale-steps'
import {
  agreeCase,
  CASE_HIDDEN,
  confirmReceiptCase,
  decideCase,
  escalateCase,
  openCase,
  refuseCase,
  returnShipCase,
  withdrawCase,
} from '../lifecycles/aftersales'
import { requireOpenid, type Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { requireSafeTexts } from '../platform/content-security'
import { requestImageChecks } from '../platform/media-security'
import { keyedRequest } from '../platform/idempotency'
import { findCase, type AftersaleRecord } from '../store/aftersales'
import { insertMediaChecks } from '../store/media-checks'
import { findOrder } from '../store/orders'

/**
 * The moves people make on an after-sales case (R19). Who may is checked here on the case as stored
 * (anyone without a part in it: NOT_FOUND; the wrong side: the state machine's FORBIDDEN) before
 * any text is checked or anything written; the lifecycle makes the move.
 */

/** The case, when the caller is the side that makes this move (checked against the state machine). */
async function caseOfSide(id: string, caller: Caller, side: 'agent' | 'supplier', event: AftersaleEvent): Promise<AftersaleRecord> {
  const openid = requireOpenid(caller)
  const record = await findCase(id)
  if (!record) throw new AppError('NOT_FOUND', CASE_HIDDEN)
  const parties = await partiesOf(record, openid)
  const [first] = parties
  if (!first) throw new AppError('NOT_FOUND', CASE_HIDDEN)
  // The wrong side is told so by the state machine (FORBIDDEN); the right side in the wrong status is told by the move.
  if (!parties.includes(side)) requireCaseMove(record, event, first)
  return record
}

/** Words shown to the other side (R20): WeChat's content check, in the comment scene. */
function words(openid: string, fields: Array<[string, string, string]>): Promise<void> {
  const texts: PublishedText[] = fields.map(([key, label, text]) => ({ path: [key], label, text, scene: SCENES.comment }))
  return requireSafeTexts(openid, texts)
}

/**
 * Photos shown to the other side (R20): each sent to WeChat's image check before the move (refused
 * with INTERNAL when WeChat cannot take it, as for products); the answer then records the checks on
 * the case, whose risky verdict hides the photo from the other side.
 */
async function photoChecks(openid: string, photos: readonly string[], on: AftersaleRecord | null) {
  // Once per photo and case: a retry, or a re-application with the same photo, sends nothing again.
  const before = on ? [...on.photos, ...on.timeline.flatMap((step) => step.photos)] : []
  const requested = await requestImageChecks(openid, SCENES.comment, newImages(photos, before))
  return (caseId: string) => insertMediaChecks(requested, { kind: 'aftersale', id: caseId }, openid, SCENES.comment, now())
}

/** The agent's order's open case (a re-application, or a retry of one), whose photos were checked already. */
async function openCaseOf(orderId: string, agent: string): Promise<AftersaleRecord | null> {
  const order = await findOrder(orderId)
  return order?.agentOpenid === agent && order.openCaseId ? findCase(order.openCaseId) : null
}

export async function apply(input: ActionArgs<'aftersale', 'apply'>, caller: Caller): Promise<Aftersale> {
  const agent = requireOpenid(caller)
  await words(agent, [['note', '说明', input.note]])
  const checked = await photoChecks(agent, input.photos, input.photos.length > 0 ? await openCaseOf(input.orderId, agent) : null)
  const record = await openCase(agent, input, keyedRequest(agent, input), now())
  await checked(record._id)
  return toCaseView(record, 'agent')
}

export async function agree(input: ActionArgs<'aftersale', 'agree'>, caller: Caller): Promise<Aftersale> {
  const record = await caseOfSide(input.id, caller, 'supplier', 'agree')
  const openid = requireOpenid(caller)
  const address = input.returnAddress
  await words(openid, [
    ['note', '说明', input.note],
    ...(address
      ? ([['returnAddress', '退货地址', `${address.name} ${address.region} ${address.detail}`]] as Array<[string, string, string]>)
      : []),
  ])
  return toCaseView(
    await agreeCase(record._id, 'supplier', { ...(address ? { returnAddress: address } : {}), note: input.note }, now()),
    'supplier',
  )
}

/** A move with a note and photos for the other side: both checked before it, the photos' checks recorded on the case after it. */
async function withWordsAndPhotos(
  record: AftersaleRecord,
  caller: Caller,
  input: { note: string; photos: string[] },
  side: 'agent' | 'supplier',
  move: () => Promise<AftersaleRecord>,
): Promise<Aftersale> {
  const openid = requireOpenid(caller)
  await words(openid, [['note', '说明', input.note]])
  const checked = await photoChecks(openid, input.photos, record)
  const moved = await move()
  await checked(moved._id)
  return toCaseView(moved, side)
}

export async function refuse(input: ActionArgs<'aftersale', 'refuse'>, caller: Caller): Promise<Aftersale> {
  const record = await caseOfSide(input.id, caller, 'supplier', 'refuse')
  return withWordsAndPhotos(record, caller, input, 'supplier', () => refuseCase(record._id, input, now()))
}

export async function returnShip(input: ActionArgs<'aftersale', 'returnShip'>, caller: Caller): Promise<Aftersale> {
  const record = await caseOfSide(input.id, caller, 'agent', 'returnShip')
  return toCaseView(await returnShipCase(record._id, { carrier: input.carrier, trackingNo: input.trackingNo }, now()), 'agent')
}

export async function confirmReceipt(input: ActionArgs<'aftersale', 'confirmReceipt'>, caller: Caller): Promise<Aftersale> {
  const record = await caseOfSide(input.id, caller, 'supplier', 'confirmReceipt')
  return toCaseView(await confirmReceiptCase(record._id, 'supplier', now()), 'supplier')
}

export async function withdraw(input: ActionArgs<'aftersale', 'withdraw'>, caller: Caller): Promise<Aftersale> {
  const record = await caseOfSide(input.id, caller, 'agent', 'withdraw')
  return toCaseView(await withdrawCase(record._id, now()), 'agent')
}

export async function escalate(input: ActionArgs<'aftersale', 'escalate'>, caller: Caller): Promise<Aftersale> {
  const record = await caseOfSide(input.id, caller, 'agent', 'escalate')
  return withWordsAndPhotos(record, caller, input, 'agent', () => escalateCase(record._id, input, now()))
}

/** Operators only; a case never escalated is not theirs to see (NOT_FOUND). */
export async function decide(input: ActionArgs<'aftersale', 'decide'>, caller: Caller): Promise<Aftersale> {
  requireCaseOperator(caller)
  const record = await findCase(input.id)
  if (!record || !record.escalated) throw new AppError('NOT_FOUND', CASE_HIDDEN)
  return toCaseView(await decideCase(record._id, input, now()), 'operator')
}

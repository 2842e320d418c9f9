import type { ConsigneeInput } from '@/domain/order'
import type { TestCloud } from './test-cloud'
import { CONSIGNEE, newKey, payOrder } from './order-fixtures'
import { upload } from './product-fixtures'
import { RETURN_ADDRESS } from './aftersale-fixtures'

/**
 * After-sales cases (R19) of one agent with one supplier in each status a move starts from, for the
 * worlds of the table tests (bad input, retries, the access matrix). Each case sits on its own
 * shipped order, so a move of one never touches another's order.
 */
export interface CaseWorld {
  /** A paid order without a case: the agent may apply. */
  paid: { _id: string; orderNo: string; total: number }
  pending: { _id: string }
  forAgree: { _id: string }
  forRefuse: { _id: string }
  forWithdraw: { _id: string }
  awaitingReturn: { _id: string }
  returning: { _id: string }
  refused: { _id: string }
  escalated: { _id: string }
  /** An upload of the agent's, for photos. */
  agentPhoto: string
  ownerPhoto: string
}

export async function arrangeCases(
  t: TestCloud,
  owner: string,
  agent: string,
  line: { productId: string; specId: string; qty: number },
  consignee: ConsigneeInput = CONSIGNEE,
): Promise<CaseWorld> {
  const order = async () => {
    const made = await t.ok('order', 'create', { idempotencyKey: newKey(), items: [line], consignee }, agent)
    await payOrder(t, agent, made)
    return made
  }
  const caseOf = async (kind: 'refund_only' | 'return_refund' = 'refund_only') => {
    const made = await order()
    await t.ok('order', 'ship', { id: made._id, carrier: '顺丰速运', trackingNo: 'SF1234567890' }, owner)
    return t.ok('aftersale', 'apply', { orderId: made._id, kind, reason: '少件/漏发', amountFen: 100, note: '少了一件' }, agent)
  }
  const paid = await order()
  const pending = await caseOf()
  const forAgree = await caseOf()
  const forRefuse = await caseOf()
  const forWithdraw = await caseOf()
  const awaitingReturn = await caseOf('return_refund')
  await t.ok('aftersale', 'agree', { id: awaitingReturn._id, returnAddress: RETURN_ADDRESS }, owner)
  const returning = await caseOf('return_refund')
  await t.ok('aftersale', 'agree', { id: returning._id, returnAddress: RETURN_ADDRESS }, owner)
  await t.ok('aftersale', 'returnShip', { id: returning._id, carrier: '中通快递', trackingNo: 'ZT1234567890' }, agent)
  const refused = await caseOf()
  await t.ok('aftersale', 'refuse', { id: refused._id, reason: '商品无问题' }, owner)
  const escalated = await caseOf()
  await t.ok('aftersale', 'refuse', { id: escalated._id, reason: '商品无问题' }, owner)
  await t.ok('aftersale', 'escalate', { id: escalated._id, note: '少了一件' }, agent)
  const agentPhoto = (await upload(t, agent, 'products/broken.png')).fileID
  const ownerPhoto = (await upload(t, owner, 'products/proof.png')).fileID
  return { paid, pending, forAgree, forRefuse, forWithdraw, awaitingReturn, returning, refused, escalated, agentPhoto, ownerPhoto }
}

/** The one valid call of every aftersale action in such a world (for the bad-input and retry tables). */
export function caseCalls(w: CaseWorld, owner: string, agent: string, operator: string) {
  const as = (caller: string, action: string, input: Record<string, unknown> = {}) => ({ fn: 'aftersale', action, caller, input })
  return [
    as(agent, 'apply', {
      orderId: w.paid._id,
      kind: 'refund_only',
      reason: '不想要了',
      note: '不需要了',
      photos: [w.agentPhoto],
      idempotencyKey: newKey(),
    }),
    as(agent, 'get', { id: w.pending._id }),
    as(agent, 'listMine', { filter: 'open', limit: 20 }),
    as(owner, 'listSold', { filter: 'todo', limit: 20 }),
    as(agent, 'counts'),
    as(owner, 'agree', { id: w.forAgree._id, note: '同意退款' }),
    as(owner, 'refuse', { id: w.forRefuse._id, reason: '商品无问题', note: '发货前已核对', photos: [w.ownerPhoto] }),
    as(agent, 'returnShip', { id: w.awaitingReturn._id, carrier: '中通快递', trackingNo: 'ZT1234567891' }),
    as(owner, 'confirmReceipt', { id: w.returning._id }),
    as(agent, 'withdraw', { id: w.forWithdraw._id }),
    as(agent, 'escalate', { id: w.refused._id, note: '请平台介入', photos: [w.agentPhoto] }),
    as(operator, 'listEscalated', { filter: 'all', limit: 20 }),
    as(operator, 'decide', { id: w.escalated._id, outcome: 'close', note: '证据不足' }),
  ]
}

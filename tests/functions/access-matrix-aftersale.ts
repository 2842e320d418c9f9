import { all, orderParties, ownerOnly, signedIn, type Row } from './access-matrix-row'

/**
 * The access matrix's rows of the aftersale function (R19): the order's agent and its supplier each
 * make their own moves (the other side: FORBIDDEN; anyone else: NOT_FOUND); operators see and decide
 * a case once it was escalated.
 */
/** The case answers the agent's own view of its order, which carries its own payment (wechatConfirm). */
const AGENTS_PAYMENT = { ownKeys: ['transactionId'], ownKeysFor: ['bound' as const] }

export const AFTERSALE_ROWS: Row[] = [
  {
    action: 'aftersale.apply',
    input: (w) => ({ orderId: w.cases.paid._id, kind: 'refund_only', reason: '不想要了' }),
    expect: orderParties({ bound: 'ok' }),
    mutates: true,
  },
  {
    action: 'aftersale.get',
    input: (w) => ({ id: w.cases.pending._id }),
    expect: orderParties({ bound: 'ok', owner: 'ok' }),
    ...AGENTS_PAYMENT,
  },
  {
    action: 'aftersale.get',
    variant: 'an escalated case',
    input: (w) => ({ id: w.cases.escalated._id }),
    expect: orderParties({ bound: 'ok', owner: 'ok', operator: 'ok' }),
    shows: { owner: ['goldConsignee'], bound: ['goldConsignee'] },
    ...AGENTS_PAYMENT,
  },
  { action: 'aftersale.listMine', input: () => ({}), expect: signedIn() },
  { action: 'aftersale.listSold', input: () => ({}), expect: ownerOnly('ok') },
  { action: 'aftersale.counts', input: () => ({}), expect: signedIn() },
  {
    action: 'aftersale.agree',
    input: (w) => ({ id: w.cases.forAgree._id }),
    expect: orderParties({ owner: 'ok', bound: 'FORBIDDEN' }),
    mutates: true,
  },
  {
    action: 'aftersale.refuse',
    input: (w) => ({ id: w.cases.forRefuse._id, reason: '商品无问题' }),
    expect: orderParties({ owner: 'ok', bound: 'FORBIDDEN' }),
    mutates: true,
  },
  {
    action: 'aftersale.returnShip',
    input: (w) => ({ id: w.cases.awaitingReturn._id, carrier: '中通快递', trackingNo: 'ZT1234567890' }),
    expect: orderParties({ bound: 'ok', owner: 'FORBIDDEN' }),
    mutates: true,
    ...AGENTS_PAYMENT,
  },
  {
    action: 'aftersale.confirmReceipt',
    input: (w) => ({ id: w.cases.returning._id }),
    expect: orderParties({ owner: 'ok', bound: 'FORBIDDEN' }),
    mutates: true,
  },
  {
    action: 'aftersale.withdraw',
    input: (w) => ({ id: w.cases.forWithdraw._id }),
    expect: orderParties({ bound: 'ok', owner: 'FORBIDDEN' }),
    mutates: true,
    ...AGENTS_PAYMENT,
  },
  {
    action: 'aftersale.escalate',
    input: (w) => ({ id: w.cases.refused._id }),
    expect: orderParties({ bound: 'ok', owner: 'FORBIDDEN' }),
    mutates: true,
    ...AGENTS_PAYMENT,
  },
  {
    action: 'aftersale.listEscalated',
    input: () => ({ filter: 'all' }),
    expect: all('FORBIDDEN', { anonymous: 'UNAUTHENTICATED', operator: 'ok' }),
  },
  {
    action: 'aftersale.decide',
    input: (w) => ({ id: w.cases.escalated._id, outcome: 'close', note: '证据不足' }),
    expect: all('FORBIDDEN', { anonymous: 'UNAUTHENTICATED', operator: 'ok' }),
    mutates: true,
  },
]

import { describe, expect, it } from 'vitest'
import { sentMessages, storedOrder, storedStock, subscribe } from './order-fixtures'
import { upload } from './product-fixtures'
import { acknowledgedAtWeChat, failNextRefund, refundsAtWeChat } from './refund-fixtures'
import { caseReaches, caseSnapshot, paidOrder, RETURN_ADDRESS, shippedOrder, storedCase } from './aftersale-fixtures'
import { OPERATOR, orderCloudForFile } from './harness'

/** R19's after-sales cases end to end through the aftersale function: each path, with the money moved once. */

const { t } = orderCloudForFile()

describe('aftersale: before shipping (申请退款)', () => {
  it('when the agent asks and the supplier agrees, then the order is cancelled with the reason, stock returns, and all of it comes back once', async () => {
    const { order, product } = await paidOrder(t, 'b-sup', 'b-agent')
    const applied = await t.ok(
      'aftersale',
      'apply',
      { orderId: order._id, kind: 'refund_only', reason: '拍错/多拍', note: '多拍了一件' },
      'b-agent',
    )
    expect(applied).toMatchObject({
      _id: `${order.orderNo}-A1`,
      caseNo: 1,
      status: 'pending',
      phase: 'before_shipping',
      amountFen: order.total,
      refundableFen: order.total,
      counterpart: { name: '供应商b-sup' },
    })
    expect(applied.timeline).toMatchObject([
      { actor: 'agent', action: 'apply', status: 'pending', reason: '拍错/多拍', note: '多拍了一件' },
    ])
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'paid', openCaseId: applied._id, caseCount: 1 })
    expect(await t.ok('aftersale', 'counts', {}, 'b-sup')).toEqual({ supplierTodo: 1, agentOpen: 0, agentTodo: 0 })
    expect(await t.ok('aftersale', 'counts', {}, 'b-agent')).toEqual({ supplierTodo: 0, agentOpen: 1, agentTodo: 0 })

    const agreed = await t.ok('aftersale', 'agree', { id: applied._id }, 'b-sup')
    expect(['refunding', 'refunded']).toContain(agreed.status)
    expect(agreed.counterpart).toEqual({ name: '代理b-agent' })
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'cancelled', cancelReason: '拍错/多拍' })
    expect(storedStock(t, product._id)[0]).toBe(100)
    await caseReaches(t, applied._id, 'refunded')
    expect(await acknowledgedAtWeChat(t, order.orderNo)).toMatchObject([{ outRefundNo: applied._id, refundFee: order.total }])
    expect(storedOrder(t, order._id)).toMatchObject({ refundedFen: order.total, openCaseId: null })
    const done = await t.ok('aftersale', 'get', { id: applied._id }, 'b-agent')
    expect(done).toMatchObject({ status: 'refunded', refund: { refundNo: applied._id, amountFen: order.total, status: 'succeeded' } })
    expect(done.timeline.map((s) => [s.actor, s.action, s.status])).toEqual([
      ['agent', 'apply', 'pending'],
      ['supplier', 'agree', 'refunding'],
      ['wechatpay', 'refundDone', 'refunded'],
    ])
    expect(await t.ok('aftersale', 'counts', {}, 'b-sup')).toEqual({ supplierTodo: 0, agentOpen: 0, agentTodo: 0 })
  })
})

describe('aftersale: a return (退货退款)', () => {
  it('when the agent returns part with a photo, the supplier agrees with its address, the agent ships it back and the supplier confirms, then the goods amount comes back once', async () => {
    const { order } = await shippedOrder(t, 'r-sup', 'r-agent')
    const photo = (await upload(t, 'r-agent', 'products/broken.png')).fileID
    const applied = await t.ok(
      'aftersale',
      'apply',
      { orderId: order._id, kind: 'return_refund', reason: '商品破损', amountFen: 3980, note: '一件破了', photos: [photo] },
      'r-agent',
    )
    expect(applied).toMatchObject({ status: 'pending', phase: 'after_shipping', amountFen: 3980, refundableFen: order.goodsTotal })
    expect(applied.photos).toHaveLength(1)
    expect(applied.photos[0]).toMatch(/^http/)
    expect(applied.timeline[0]!.photos).toHaveLength(1)

    const agreed = await t.ok('aftersale', 'agree', { id: applied._id, returnAddress: RETURN_ADDRESS }, 'r-sup')
    expect(agreed).toMatchObject({ status: 'awaiting_return', returnAddress: RETURN_ADDRESS })
    expect(await t.ok('aftersale', 'counts', {}, 'r-agent')).toEqual({ supplierTodo: 0, agentOpen: 1, agentTodo: 1 })
    const shipped = await t.ok('aftersale', 'returnShip', { id: applied._id, carrier: '中通快递', trackingNo: 'ZT9876543210' }, 'r-agent')
    expect(shipped).toMatchObject({ status: 'returning', returnLogistics: { carrier: '中通快递', trackingNo: 'ZT9876543210' } })
    const received = await t.ok('aftersale', 'confirmReceipt', { id: applied._id }, 'r-sup')
    expect(['refunding', 'refunded']).toContain(received.status)
    await caseReaches(t, applied._id, 'refunded')
    expect(await refundsAtWeChat(t, order.orderNo)).toMatchObject([{ outRefundNo: applied._id, refundFee: 3980 }])
    expect(storedOrder(t, order._id)).toMatchObject({ status: 'shipped', refundedFen: 3980, openCaseId: null })
    const seen = await t.ok('aftersale', 'get', { id: applied._id }, 'r-sup')
    expect(seen.timeline.map((s) => s.action)).toEqual(['apply', 'agree', 'returnShip', 'confirmReceipt', 'refundDone'])
    expect(seen.refundableFen).toBe(order.goodsTotal - 3980)
  })

  it('when the supplier agrees a return without any address, then it is refused and nothing changes', async () => {
    const { order } = await shippedOrder(t, 'ra-sup', 'ra-agent')
    const applied = await t.ok('aftersale', 'apply', { orderId: order._id, kind: 'return_refund', reason: '发错货' }, 'ra-agent')
    const before = caseSnapshot(t)
    expect(await t.call('aftersale', 'agree', { id: applied._id }, 'ra-sup')).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
    expect(caseSnapshot(t)).toBe(before)
  })
})

describe('aftersale: refusal, re-application and the platform (平台介入)', () => {
  it('when the supplier refuses, the agent re-applies, is refused again and asks the platform, then the operator decides an amount, refunded once', async () => {
    const { order } = await shippedOrder(t, 'e-sup', 'e-agent')
    const applied = await t.ok(
      'aftersale',
      'apply',
      { orderId: order._id, kind: 'refund_only', reason: '少件/漏发', amountFen: 2000 },
      'e-agent',
    )
    const refused = await t.ok('aftersale', 'refuse', { id: applied._id, reason: '商品无问题', note: '发货前已核对' }, 'e-sup')
    expect(refused).toMatchObject({ status: 'refused', dueAt: null })
    expect(await t.ok('aftersale', 'counts', {}, 'e-agent')).toMatchObject({ agentOpen: 1, agentTodo: 1 })
    const again = await t.ok(
      'aftersale',
      'apply',
      { orderId: order._id, kind: 'refund_only', reason: '少件/漏发', amountFen: 1500, note: '少了一件' },
      'e-agent',
    )
    expect(again).toMatchObject({ _id: applied._id, status: 'pending', amountFen: 1500 })
    await t.ok('aftersale', 'refuse', { id: applied._id, reason: '商品无问题' }, 'e-sup')
    // The operator sees nothing of a case never escalated.
    expect(await t.call('aftersale', 'get', { id: applied._id }, OPERATOR)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const escalated = await t.ok('aftersale', 'escalate', { id: applied._id, note: '请平台看看照片' }, 'e-agent')
    expect(escalated).toMatchObject({ status: 'escalated', escalated: true })
    const listed = await t.ok('aftersale', 'listEscalated', {}, OPERATOR)
    expect(listed.items.map((c) => c._id)).toContain(applied._id)
    const seen = await t.ok('aftersale', 'get', { id: applied._id }, OPERATOR)
    expect(seen.order._id).toBe(order._id)
    expect(seen.timeline.map((s) => s.action)).toEqual(['apply', 'refuse', 'reapply', 'refuse', 'escalate'])
    const before = caseSnapshot(t)
    expect(
      await t.call('aftersale', 'decide', { id: applied._id, outcome: 'refund', amountFen: order.goodsTotal + 1, note: '超额' }, OPERATOR),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
    expect(caseSnapshot(t)).toBe(before)
    const decided = await t.ok(
      'aftersale',
      'decide',
      { id: applied._id, outcome: 'refund', amountFen: 1000, note: '照片可见少件，退一半' },
      OPERATOR,
    )
    expect(['refunding', 'refunded']).toContain(decided.status)
    await caseReaches(t, applied._id, 'refunded')
    expect(await refundsAtWeChat(t, order.orderNo)).toMatchObject([{ outRefundNo: applied._id, refundFee: 1000 }])
    expect(storedOrder(t, order._id).refundedFen).toBe(1000)
  })

  it('when an escalated case is escalated again, or the operator closes it, then the second ask is refused and a closed case frees the order', async () => {
    const { order } = await shippedOrder(t, 'c-sup', 'c-agent')
    const applied = await t.ok('aftersale', 'apply', { orderId: order._id, kind: 'refund_only', reason: '质量问题' }, 'c-agent')
    await t.ok('aftersale', 'refuse', { id: applied._id, reason: '商品无问题' }, 'c-sup')
    await t.ok('aftersale', 'escalate', { id: applied._id }, 'c-agent')
    expect(await t.call('aftersale', 'escalate', { id: applied._id }, 'c-agent')).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
    const closed = await t.ok('aftersale', 'decide', { id: applied._id, outcome: 'close', note: '证据不足' }, OPERATOR)
    expect(closed.status).toBe('closed')
    expect(storedOrder(t, order._id).openCaseId).toBeNull()
    const next = await t.ok('aftersale', 'apply', { orderId: order._id, kind: 'refund_only', reason: '质量问题' }, 'c-agent')
    expect(next).toMatchObject({ _id: `${order.orderNo}-A2`, caseNo: 2 })
  })
})

describe('aftersale: one open case, withdrawal, and WeChat Pay refusing', () => {
  it('when a case is open, then a second application is refused and nothing changes; withdrawn, the order takes a new one', async () => {
    const { order } = await shippedOrder(t, 'w-sup', 'w-agent')
    const applied = await t.ok('aftersale', 'apply', { orderId: order._id, kind: 'refund_only', reason: '发错货' }, 'w-agent')
    const before = caseSnapshot(t)
    expect(await t.call('aftersale', 'apply', { orderId: order._id, kind: 'return_refund', reason: '发错货' }, 'w-agent')).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
    // The supplier cannot cancel it under the agent's open case either.
    expect(storedOrder(t, order._id).status).toBe('shipped')
    expect(caseSnapshot(t)).toBe(before)
    const withdrawn = await t.ok('aftersale', 'withdraw', { id: applied._id }, 'w-agent')
    expect(withdrawn).toMatchObject({ status: 'closed' })
    expect(storedOrder(t, order._id).openCaseId).toBeNull()
    expect(await t.call('aftersale', 'agree', { id: applied._id }, 'w-sup')).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
    await t.ok('aftersale', 'apply', { orderId: order._id, kind: 'refund_only', reason: '发错货' }, 'w-agent')
  })

  it('when WeChat Pay refuses the refund, then the supplier sees why and agreeing again refunds with the same number, once', async () => {
    const { order } = await paidOrder(t, 'f-sup', 'f-agent')
    const applied = await t.ok('aftersale', 'apply', { orderId: order._id, kind: 'refund_only', reason: '不想要了' }, 'f-agent')
    await failNextRefund(t)
    const failed = await t.ok('aftersale', 'agree', { id: applied._id }, 'f-sup')
    expect(failed).toMatchObject({
      status: 'refund_failed',
      refund: { status: 'failed', failReason: '基本账户余额不足，请充值后重新发起' },
    })
    expect(await t.ok('aftersale', 'counts', {}, 'f-sup')).toMatchObject({ supplierTodo: 1 })
    expect(await refundsAtWeChat(t, order.orderNo)).toEqual([])
    const retried = await t.ok('aftersale', 'agree', { id: applied._id }, 'f-sup')
    expect(['refunding', 'refunded']).toContain(retried.status)
    await caseReaches(t, applied._id, 'refunded')
    expect(await refundsAtWeChat(t, order.orderNo)).toMatchObject([{ outRefundNo: applied._id, refundFee: order.total }])
    expect(storedOrder(t, order._id).refundedFen).toBe(order.total)
    expect(storedCase(t, applied._id).timeline.map((s) => s.action)).toEqual([
      'apply',
      'agree',
      'refundFailed',
      'retryRefund',
      'refundDone',
    ])
  })
})

describe('aftersale: 售后进度 to the other side', () => {
  it('when each side acts, then the other side gets the order number, the status and a message opening the case', async () => {
    const { order } = await paidOrder(t, 'm-sup', 'm-agent')
    await subscribe(t, 'm-sup', ['demo-tpl-aftersale'])
    await subscribe(t, 'm-agent', ['demo-tpl-aftersale'])
    const applied = await t.ok('aftersale', 'apply', { orderId: order._id, kind: 'refund_only', reason: '不想要了' }, 'm-agent')
    await t.ok('aftersale', 'refuse', { id: applied._id, reason: '商品无问题' }, 'm-sup')
    const progress = (await sentMessages(t)).filter((m) => m.templateId === 'demo-tpl-aftersale' && m.touser.startsWith('m-'))
    expect(progress.map((m) => [m.touser, m.page, m.data.character_string1?.value, m.data.phrase2?.value])).toEqual([
      ['m-sup', `supplier/aftersale/detail/index?id=${applied._id}`, order.orderNo, '待商家处理'],
      ['m-agent', `pages/aftersale/detail/index?id=${applied._id}`, order.orderNo, '商家已拒绝'],
    ])
  })
})

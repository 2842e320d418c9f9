import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../eventually'
import { type TestCloud, startTestCloud } from './helpers'

// The cloudPay refund stand-in (local/refunds.ts) through the unmodified SDK: refund, queryRefund,
// the refund notice a moment later, GET /_local/refunds and POST /_local/refunds/fail-next.

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ refundDelayMs: 10 })
})
afterAll(() => cloud.destroy())

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

async function paidTrade(target: TestCloud, outTradeNo: string, totalFee: number): Promise<string> {
  const { body } = await target.call('paying', { op: 'unifiedOrder', outTradeNo, totalFee }, 'o-payer')
  const paid = await target.request('/_local/pay', json({ package: body.payment.package }))
  return paid.body.data.transactionId as string
}

const refund = (target: TestCloud, outTradeNo: string, outRefundNo: string, refundFee: number, totalFee = 1280) =>
  target.call('paying', { op: 'refund', outTradeNo, outRefundNo, totalFee, refundFee }, 'o-payer')

async function refundsListed(target: TestCloud): Promise<Array<Record<string, unknown>>> {
  return (await target.request('/_local/refunds')).body.data.items
}

/** Waits (real time) until the refund has succeeded and its notice was acknowledged. */
function settled(target: TestCloud, outRefundNo: string): Promise<Record<string, unknown>> {
  return eventually(`refund ${outRefundNo} never settled`, async () => {
    const found = (await refundsListed(target)).find((r) => r.outRefundNo === outRefundNo)
    return found?.state === 'SUCCESS' && found.notified === true && found
  })
}

const notices = (target: TestCloud) => target.stats.snapshot().functions.paid?.calls ?? 0

describe('cloudPay.refund and its notice', () => {
  it('when a function refunds part of a paid trade, then it is PROCESSING, succeeds a moment later and notifies the callback once', async () => {
    const transactionId = await paidTrade(cloud, 'T20261202000001', 1280)
    const before = notices(cloud)
    const { body } = await refund(cloud, 'T20261202000001', 'T20261202000001-A1', 300)
    expect(body).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', outRefundNo: 'T20261202000001-A1', refundFee: 300 })
    expect((await cloud.call('paying', { op: 'queryRefund', outRefundNo: 'T20261202000001-A1' })).body).toMatchObject({
      resultCode: 'SUCCESS',
      outRefundNoList: ['T20261202000001-A1'],
      refundFeeList: [300],
    })
    const done = await settled(cloud, 'T20261202000001-A1')
    expect(done).toMatchObject({ transactionId, refundFee: 300, totalFee: 1280 })
    expect(notices(cloud)).toBe(before + 1)
    const query = (await cloud.call('paying', { op: 'queryRefund', outRefundNo: 'T20261202000001-A1' })).body
    expect(query).toMatchObject({ refundStatusList: ['SUCCESS'], refundFeeList: [300], refundCount: 1 })
  })

  it('when the same refund number is asked again, then the same refund answers and no second one is made', async () => {
    await paidTrade(cloud, 'T20261202000002', 1280)
    const first = (await refund(cloud, 'T20261202000002', 'T20261202000002-S', 1280)).body
    const again = (await refund(cloud, 'T20261202000002', 'T20261202000002-S', 1280)).body
    expect(again).toMatchObject({ resultCode: 'SUCCESS', refundId: first.refundId })
    await settled(cloud, 'T20261202000002-S')
    expect((await refund(cloud, 'T20261202000002', 'T20261202000002-S', 1280)).body).toMatchObject({ refundId: first.refundId })
    expect((await refundsListed(cloud)).filter((r) => r.outTradeNo === 'T20261202000002')).toHaveLength(1)
    // The same number for another amount is refused.
    expect((await refund(cloud, 'T20261202000002', 'T20261202000002-S', 1)).body).toMatchObject({ resultCode: 'FAIL' })
  })

  it('when refunds would exceed what was paid, or the trade is unpaid or unknown, then WeChat Pay refuses and records nothing', async () => {
    await paidTrade(cloud, 'T20261202000003', 1280)
    expect((await refund(cloud, 'T20261202000003', 'T20261202000003-A1', 1000)).body).toMatchObject({ resultCode: 'SUCCESS' })
    expect((await refund(cloud, 'T20261202000003', 'T20261202000003-A2', 281)).body).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: expect.stringContaining('超过'),
    })
    expect((await refund(cloud, 'T20261202000003', 'T20261202000003-A2', 280)).body).toMatchObject({ resultCode: 'SUCCESS' })
    await cloud.call('paying', { op: 'unifiedOrder', outTradeNo: 'T20261202000004', totalFee: 1280 }, 'o-payer')
    expect((await refund(cloud, 'T20261202000004', 'T20261202000004-S', 1280)).body).toMatchObject({ resultCode: 'FAIL' })
    expect((await refund(cloud, 'T20261202009999', 'T20261202009999-S', 1280)).body).toMatchObject({ resultCode: 'FAIL' })
    expect((await refundsListed(cloud)).filter((r) => ['T20261202000004', 'T20261202009999'].includes(String(r.outTradeNo)))).toEqual([])
  })

  it('when fail-next is armed, then the next refund is refused with the reason (once), and the same number succeeds when asked again', async () => {
    await paidTrade(cloud, 'T20261202000005', 1280)
    const armed = await cloud.request('/_local/refunds/fail-next', json({}))
    expect(armed.body.data).toEqual({ errCode: 'NOTENOUGH', errCodeDes: '基本账户余额不足，请充值后重新发起' })
    expect((await refund(cloud, 'T20261202000005', 'T20261202000005-S', 1280)).body).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: '基本账户余额不足，请充值后重新发起',
    })
    expect((await refundsListed(cloud)).find((r) => r.outRefundNo === 'T20261202000005-S')).toBeUndefined()
    expect((await refund(cloud, 'T20261202000005', 'T20261202000005-S', 1280)).body).toMatchObject({ resultCode: 'SUCCESS' })
    await settled(cloud, 'T20261202000005-S')
  })

  it('when fail-next gets a body that is not its shape, then 400 and nothing is armed', async () => {
    expect((await cloud.request('/_local/refunds/fail-next', json({ errCode: 1 }))).status).toBe(400)
    await paidTrade(cloud, 'T20261202000006', 1280)
    expect((await refund(cloud, 'T20261202000006', 'T20261202000006-S', 1280)).body).toMatchObject({ resultCode: 'SUCCESS' })
  })
})

describe('refunds across a crash', () => {
  const dirs: string[] = []
  const clouds: TestCloud[] = []
  afterEach(async () => {
    for (const c of clouds.splice(0)) await c.close()
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('when the cloud died with a refund accepted and not yet done, or done and not acknowledged, then the next start completes and notifies each once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wegong-refunds-'))
    dirs.push(dataDir)
    const refundOf = (outRefundNo: string, state: string, notified?: boolean) => ({
      outRefundNo,
      refundId: `5030${outRefundNo.slice(-6)}`,
      outTradeNo: 'T20261202100001',
      transactionId: '4200000000000000000000000001',
      totalFee: 1280,
      refundFee: 100,
      subMchId: '1900000109',
      envId: 'local-env',
      functionName: 'paid',
      createdAt: Date.now() - 60_000,
      state,
      ...(state === 'SUCCESS' ? { succeededAt: Date.now() - 30_000 } : {}),
      ...(notified === undefined ? {} : { notified }),
    })
    writeFileSync(
      join(dataDir, 'refunds.json'),
      JSON.stringify([
        refundOf('R-processing', 'PROCESSING'),
        refundOf('R-unacked', 'SUCCESS', false),
        refundOf('R-acked', 'SUCCESS', true),
      ]),
    )
    const first = await startTestCloud({ dataDir })
    clouds.push(first)
    expect(first.stats.snapshot().functions.paid?.calls).toBe(2)
    const stored = JSON.parse(readFileSync(join(dataDir, 'refunds.json'), 'utf8')) as Array<{
      outRefundNo: string
      state: string
      notified?: boolean
    }>
    // The file lists refunds by creation time, then number: the three above are made in one millisecond or not.
    const byNo = [...stored].sort((a, b) => a.outRefundNo.localeCompare(b.outRefundNo))
    expect(byNo.map((r) => [r.outRefundNo, r.state, r.notified])).toEqual([
      ['R-acked', 'SUCCESS', true],
      ['R-processing', 'SUCCESS', true],
      ['R-unacked', 'SUCCESS', true],
    ])
    await first.close()
    clouds.splice(0)
    const second = await startTestCloud({ dataDir })
    clouds.push(second)
    expect(second.stats.snapshot().functions.paid?.calls ?? 0).toBe(0)
  })
})

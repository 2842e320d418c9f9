import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type TestCloud, startTestCloud } from './helpers'

// Crash safety: WeChat Pay sends a payment's notice until its callback acknowledges it
// (errcode 0). A local cloud killed between the payment and its callback must send it again on the
// next start, or the payer's money is taken and the order never learns it.

const dirs: string[] = []
const clouds: TestCloud[] = []
afterEach(async () => {
  for (const cloud of clouds.splice(0)) await cloud.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
const start = async (dataDir: string) => {
  const cloud = await startTestCloud({ dataDir })
  clouds.push(cloud)
  return cloud
}

/** A paid trade as payments.json holds it; `notified` as the crash left it (absent: written before the field). */
function paidTrade(outTradeNo: string, notified: boolean | undefined) {
  return {
    prepayId: `wx20261201000000${outTradeNo}`,
    outTradeNo,
    totalFee: 1280,
    body: '测试商品',
    subMchId: '1900000109',
    envId: 'local-env',
    functionName: 'paid',
    payerOpenid: 'o-payer',
    createdAt: Date.now() - 60_000,
    expiresAt: Date.now() + 3_600_000,
    state: 'SUCCESS',
    transactionId: `42002026120100000000${outTradeNo.slice(-8)}`,
    paidAt: Date.now() - 30_000,
    ...(notified === undefined ? {} : { notified }),
  }
}

describe('payment notices across a crash', () => {
  it('when the cloud died after a payment and before its callback acknowledged it, then the next start sends the notice once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wegong-notices-'))
    dirs.push(dataDir)
    writeFileSync(
      join(dataDir, 'payments.json'),
      JSON.stringify([paidTrade('T20261201100001', false), paidTrade('T20261201100002', undefined), paidTrade('T20261201100003', true)]),
    )
    const first = await start(dataDir)
    // Only the unacknowledged trade is sent again; one stored before the field counts as delivered.
    expect(first.stats.snapshot().functions.paid?.calls).toBe(1)
    expect(first.logs.join('\n')).toMatch(/notice of T20261201100001 again/)
    const stored = JSON.parse(readFileSync(join(dataDir, 'payments.json'), 'utf8')) as Array<{ outTradeNo: string; notified?: boolean }>
    expect(stored.find((p) => p.outTradeNo === 'T20261201100001')?.notified).toBe(true)
    await first.close()
    clouds.splice(0)

    // Acknowledged: a later start sends nothing.
    const second = await start(dataDir)
    expect(second.stats.snapshot().functions.paid?.calls ?? 0).toBe(0)
  })

  it('when the callback acknowledges a payment made in the sheet, then it is stored as notified', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wegong-notices-'))
    dirs.push(dataDir)
    const cloud = await start(dataDir)
    const { body } = await cloud.call('paying', { op: 'unifiedOrder', outTradeNo: 'T20261201100004', totalFee: 1280 }, 'o-payer')
    const paid = await cloud.request('/_local/pay', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ package: body.payment.package }),
    })
    expect(paid.body.data.callback).toMatchObject({ errcode: 0 })
    const stored = JSON.parse(readFileSync(join(dataDir, 'payments.json'), 'utf8')) as Array<{ outTradeNo: string; notified?: boolean }>
    expect(stored.find((p) => p.outTradeNo === 'T20261201100004')?.notified).toBe(true)
  })
})

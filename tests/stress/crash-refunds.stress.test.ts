import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloudProcess, Unanswered, buildCloud, call, exitOf, ok, post } from './crash/cloud-process'
import { RefundCheck } from './crash/refund-check'
import { SUPPLIER, acknowledged, arrange, bind, lastOrder, order, paySheet, publish } from './crash/write-run'
import { Invariants } from './invariants'
import { report } from './report'

/**
 * Crash safety of refunds (R19): the local cloud as its own process, killed with SIGKILL right after
 * each write of the supplier's 无法发货，退款 in turn — the order, its stock and the refund recorded;
 * WeChat Pay's stand-in accepting it; the refund marked sent; WeChat Pay completing it; its notice
 * recorded with the order's refunded amount and the day's counters; the notice acknowledged — and
 * restarted on the same data. After every kill the store and WeChat Pay's record are checked as the
 * crash left them (./crash/refund-check.ts); after the restart the refund is driven as people and
 * the timer would (the supplier taps again if never answered; the timer asks WeChat Pay again for a
 * refund whose answer was lost) until it settles: recorded once, paid once.
 */

const inv = new Invariants()
const dataDir = mkdtempSync(path.join(tmpdir(), 'wegong-crash-refunds-'))
const cloud = new CloudProcess(dataDir)
const refunds = new RefundCheck(inv, dataDir)
let killPoints = 0

afterAll(async () => {
  await cloud.kill()
  rmSync(dataDir, { recursive: true, force: true })
  report('crash_refund_kill_points', killPoints, 'points')
  report('crash_refund_invariant_checks', inv.checks, 'checks')
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** WeChat Pay's stand-in's refunds of this order, as GET /_local/refunds lists them. */
async function listedRefunds(base: string, orderNo: string) {
  const answer = (await (await fetch(`${base}/_local/refunds`)).json()) as {
    data: { items: Array<{ outRefundNo: string; outTradeNo: string; state: string; notified?: boolean }> }
  }
  return answer.data.items.filter((r) => r.outTradeNo === orderNo)
}

/** Resolves once WeChat Pay's refund of the order is done and its notice acknowledged (false after `ms`). */
async function acknowledgedWithin(base: string, orderNo: string, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await sleep(50)) {
    const mine = await listedRefunds(base, orderNo)
    if (mine.length > 0 && mine.every((r) => r.state === 'SUCCESS' && r.notified === true)) return true
  }
  return false
}

/**
 * Whether the armed crash killed the cloud during the refund (true) or every write of the refund went
 * through and its notice was acknowledged (false): one of the two always comes, however long a loaded
 * machine takes, so neither is presumed from a wait running out.
 */
async function diedDuringRefund(base: string, orderNo: string, running: ChildProcess): Promise<boolean> {
  let died = false
  void exitOf(running).then(() => (died = true))
  for (const until = Date.now() + 120_000; !died && Date.now() < until; await sleep(50)) {
    const mine = await listedRefunds(base, orderNo).catch(() => undefined)
    // Unanswered: the process is likely dying; its exit ends the loop.
    if (mine === undefined) continue
    if (mine.length > 0 && mine.every((r) => r.state === 'SUCCESS' && r.notified === true)) return false
  }
  if (died) return true
  throw new Error(`the refund of ${orderNo} neither completed nor killed the cloud within 2 minutes`)
}

describe('crash safety of refunds', () => {
  let base = ''
  beforeAll(async () => {
    await buildCloud()
    base = await cloud.start()
    await arrange(base)
    await bind(base)
    await publish(base)
  })

  it('when the local cloud dies right after each write of a refund in turn, then after a restart the refund is recorded once and paid once', async () => {
    let lastBoundary = false
    for (let afterWrites = 1; afterWrites <= 12 && !lastBoundary; afterWrites++) {
      await order(base)
      const target = lastOrder()
      const { payment } = await ok<{ payment: { package: string } }>(base, 'order', 'pay', { id: target._id }, target.agentOpenid)
      await paySheet(base, target, payment.package)
      expect(acknowledged.paid.has(target._id)).toBe(true)

      const running = cloud.child as ChildProcess
      await post(`${base}/_local/crash`, { afterWrites })
      let answered = false
      try {
        answered = (await call(base, 'order', 'refund', { id: target._id, reason: '缺货' }, SUPPLIER)).ok
      } catch (error) {
        if (!(error instanceof Unanswered)) throw error
      }
      // The refund's last writes come a moment after the answer (WeChat Pay completes it, then notifies).
      const died = await diedDuringRefund(base, target.orderNo, running)
      // Every write of the refund went through before the crash control's count ran out: no later boundary.
      if (!died) lastBoundary = true
      await cloud.kill()
      await exitOf(running)
      killPoints += 1
      const label = `refund, killed after write ${afterWrites}${answered ? ' (answered)' : ''}`
      refunds.check(label)

      base = await cloud.start()
      // Never answered: the supplier taps 无法发货，退款 again (it asks WeChat Pay again under the same number).
      if (!answered) await call(base, 'order', 'refund', { id: target._id, reason: '缺货' }, SUPPLIER).catch(() => undefined)
      // A request whose answer the crash lost is asked again by the timer, 2 minutes on.
      await post(`${base}/_local/clock`, { advanceMs: 3 * 60_000 })
      await post(`${base}/_local/trigger/expire`, {})
      expect(await acknowledgedWithin(base, target.orderNo, 60_000)).toBe(true)
      // A last timer run and a repeated tap change nothing.
      await post(`${base}/_local/trigger/expire`, {})
      await ok(base, 'order', 'refund', { id: target._id, reason: '缺货' }, SUPPLIER)
      expect(await listedRefunds(base, target.orderNo)).toHaveLength(1)
      refunds.settled(`${label}, after the restart`, target)
      refunds.check(`${label}, after the restart`)
    }
    expect(lastBoundary).toBe(true)
    expect(killPoints).toBeGreaterThanOrEqual(4)
    expect(inv.violations).toEqual([])
  })
})

import type { ChildProcess } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloudProcess, Unanswered, buildCloud, call, exitOf, ok, post } from './crash/cloud-process'
import { StoreCheck } from './crash/store-check'
import {
  SUPPLIER,
  acknowledged,
  arrange,
  bind,
  lastOrder,
  openCard,
  order,
  paySheet,
  publish,
  retryUnanswered,
  shareCard,
  worker,
} from './crash/write-run'
import { Invariants } from './invariants'
import { report } from './report'

/**
 * Crash safety: the local cloud as its own process under a write-heavy run (./crash/write-run.ts),
 * killed with SIGKILL at random points and restarted on the same data folder. After every kill the
 * store is opened as the crash left it and checked (./crash/store-check.ts). Kill points are random
 * times into the run, random counts of writes through the local cloud's crash control
 * (`POST /_local/crash`), which lands on the boundaries between writes, and each write of a payment
 * in turn.
 */

const KILL_POINTS = 20
/**
 * A hang guard, not a wait: each kill point costs a restart and the functions' cold starts, which
 * take seconds each on a machine busy with other work (CI runs on the developer's own).
 */
const RUN_TIMEOUT_MS = KILL_POINTS * 45_000

const inv = new Invariants()
const dataDir = mkdtempSync(path.join(tmpdir(), 'wegong-crash-'))
const cloud = new CloudProcess(dataDir)
const store = new StoreCheck(inv, dataDir)
let killPoints = 0
/** Kill points that landed inside the share-open fold, and the opens counted across them. */
let foldKillPoints = 0

afterAll(async () => {
  await cloud.kill()
  rmSync(dataDir, { recursive: true, force: true })
  report('crash_kill_points', killPoints, 'points')
  report('crash_acknowledged_writes_checked', store.acknowledgedChecked, 'writes')
  report('crash_lost_writes', store.lost, 'writes')
  report('crash_invariant_checks', inv.checks, 'checks')
  report('crash_fold_kill_points', foldKillPoints, 'points')
  report('crash_opens_counted', acknowledged.opens, 'opens')
})

/** Kills the process (if its crash control has not) and checks the store as it was left. */
async function crashAndCheck(running: ChildProcess, label: string): Promise<void> {
  await cloud.kill()
  await exitOf(running)
  killPoints += 1
  store.check(label)
}

describe('crash safety', () => {
  let base = ''
  beforeAll(async () => {
    await buildCloud()
    base = await cloud.start()
    await arrange(base)
    await bind(base)
    await publish(base)
  })

  it('when the local cloud dies right after each write of a payment in turn, then the order ends paid once, with its payment, and counted once', async () => {
    for (let afterWrites = 1; afterWrites <= 8; afterWrites++) {
      await order(base)
      const target = lastOrder()
      const { payment } = await ok<{ payment: { package: string } }>(base, 'order', 'pay', { id: target._id }, target.agentOpenid)
      const running = cloud.child as ChildProcess
      await post(`${base}/_local/crash`, { afterWrites })
      let finished = false
      try {
        finished = (await paySheet(base, target, payment.package)).callback?.errcode === 0
      } catch (error) {
        if (!(error instanceof Unanswered)) throw error
      }
      await crashAndCheck(running, `payment, killed after write ${afterWrites}`)
      base = await cloud.start()
      // The payment's every write went through before the kill: no later boundary to try.
      if (finished) break
    }
    expect(inv.violations).toEqual([])
  })

  it('when the agent pays an order whose cancellation the crash cut off before its payment was closed, then the payment is acknowledged but lands on the cancelled order (a refund owed), and the run holds the system to that, not to a paid order', async () => {
    await order(base)
    const target = lastOrder()
    const { payment } = await ok<{ payment: { package: string } }>(base, 'order', 'pay', { id: target._id }, target.agentOpenid)
    const running = cloud.child as ChildProcess
    // The cancellation's transaction is its first write: the process dies before it closes the payment.
    await post(`${base}/_local/crash`, { afterWrites: 1 })
    await expect(call(base, 'order', 'cancel', { id: target._id }, SUPPLIER)).rejects.toBeInstanceOf(Unanswered)
    await crashAndCheck(running, 'cancel, killed before closing its payment')
    base = await cloud.start()
    const counted = store.order(target._id).paidOrdersCounted

    // The payment sheet still pays (WeChat Pay never heard of the cancellation); the callback
    // acknowledges the notice, which stops WeChat Pay sending it, and leaves the order cancelled.
    const sheet = await paySheet(base, target, payment.package)
    expect(sheet.callback?.errcode).toBe(0)
    const stored = store.order(target._id)
    expect(stored.order?.status).toBe('cancelled')
    expect(stored.order?.transactionId).toBeUndefined()
    expect(stored.payment?.state).toBe('SUCCESS')
    expect(stored.paidOrdersCounted).toBe(counted)
    // The run holds the system to the refund owed, not to a paid order.
    expect(acknowledged.refundsOwed.get(target._id)).toBe(stored.payment?.transactionId)
    expect(acknowledged.paid.has(target._id)).toBe(false)
    store.check('a payment landed on a cancelled order', true)
    expect(inv.violations).toEqual([])
  })

  it('when the local cloud dies right after each write of the share-open fold in turn, then every answered open is counted once: none lost, none doubled', async () => {
    await shareCard(base)
    // Settle what the earlier cases left for the timer (unpaid orders and the like), so that the writes
    // counted below are the fold's own: claim, commit, removal of the opens, removal of its record.
    await post(`${base}/_local/clock`, { advanceMs: 31 * 60_000 })
    const stages = new Set<string>()
    let finished = false
    for (let afterWrites = 1; afterWrites <= 12 && !finished; afterWrites++) {
      await openCard(base, 3)
      const running = cloud.child as ChildProcess
      await post(`${base}/_local/crash`, { afterWrites })
      // Past the settle time: the timer fires, and its fold is killed after its n-th write (or finishes).
      try {
        await post(`${base}/_local/clock`, { advanceMs: 11 * 60_000 })
        finished = true
      } catch (error) {
        if (!(error instanceof Unanswered)) throw error
      }
      if (finished) {
        // Disarm: the crash control stays armed across calls until its writes are spent.
        await cloud.kill()
        await exitOf(running)
        store.check(`share-open fold, done within ${afterWrites} writes`)
        base = await cloud.start()
        break
      }
      await crashAndCheck(running, `share-open fold, killed after write ${afterWrites}`)
      foldKillPoints += 1
      for (const stage of store.foldStages()) stages.add(stage)
      base = await cloud.start()
      // The next run (its claims stale by then) finishes what the dead fold left, so that the next
      // kill point counts from the same first write.
      await post(`${base}/_local/clock`, { advanceMs: 11 * 60_000 })
    }
    expect(finished).toBe(true)
    // Each boundary between the fold's writes was landed on: claimed, committed, opens removed.
    expect([...stages].sort()).toEqual(['claimed', 'committed', 'recorded'])
    // After the restart the timer folds what the dead folds left, exactly once.
    await post(`${base}/_local/clock`, { advanceMs: 11 * 60_000 })
    await cloud.kill()
    store.check('share-open fold, after the last restart')
    expect(store.foldStages().size).toBe(0)
    base = await cloud.start()
    expect(inv.violations).toEqual([])
  })

  it(
    `when the local cloud is killed with SIGKILL at ${KILL_POINTS} random points of a write-heavy run, then every answered write survives, nothing is half-done and every invariant holds`,
    async () => {
      const takenBefore = store.paymentsTaken()
      for (let point = 1; point <= KILL_POINTS; point++) {
        const running = cloud.child as ChildProcess
        const armed = point % 2 === 0
        // Half the points: the process kills itself after a random number of writes, between two writes.
        if (armed) await post(`${base}/_local/crash`, { afterWrites: randomInt(1, 25) })
        // The other half: a random moment once the run has made a random number of moves, counted in
        // moves rather than time so that a busy machine (cold starts take seconds) runs as much of
        // the run, paying included, between two kills as an idle one.
        let movesLeft = randomInt(1, 9)
        let moved = () => {}
        const warm = new Promise<void>((resolve) => {
          moved = () => {
            movesLeft -= 1
            if (movesLeft <= 0) resolve()
          }
        })
        const run = Promise.all(Array.from({ length: 4 }, () => worker(base, moved)))
        const timed = warm.then(() => new Promise((resolve) => setTimeout(resolve, randomInt(0, 500))))
        // Also when every worker has stopped (say none got an answer before a failure): never waits on nothing.
        const stopped = run.then(
          () => undefined,
          () => undefined,
        )
        await Promise.race([exitOf(running), stopped, armed ? new Promise((resolve) => setTimeout(resolve, 10_000)) : timed])
        await cloud.kill()
        await exitOf(running)
        await run
        killPoints += 1
        store.check(`kill ${point}`)
        base = await cloud.start()
        await retryUnanswered(base, `kill ${point}`, inv)
      }
      // The last restart sent every notice still owed; stopped with nothing in flight, all is recorded.
      await cloud.kill()
      store.check('end', true)
      expect(inv.violations).toEqual([])
      expect(acknowledged.orders.size).toBeGreaterThan(20)
      // The run paid too: WeChat Pay took payments between the kills, so the checks above held
      // payments in flight at a kill to the invariants (on a loaded machine the callbacks of a run
      // may all be cut off, so what the payer saw acknowledged is not the measure).
      expect(store.paymentsTaken()).toBeGreaterThan(takenBefore)
    },
    RUN_TIMEOUT_MS,
  )
})

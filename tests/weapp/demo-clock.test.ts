import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MINUTE_MS } from '@/domain/time'
import { DEMO_ORDER_IDS } from '../../demo/orders'
import { startLocalCloud, type LocalCloud } from '../../local/cloud'
import { connectDemo, demoCloudOptions } from './demo'
import { pageTable } from './pages'
import { WEAPP_DIR } from './paths'
import { smoke } from './smoke'
import { Weapp, assertBuilt } from './simulator'

/** The `expire` timer runs every 10 minutes (cloudfunctions/expire/config.json). */
const EXPIRE_EVERY_MS = 10 * MINUTE_MS
/** How long before a timer mark the restarted cloud's clock starts: more than a restart takes. */
const LEAD_MS = 10_000
/** How long past the mark a timer that fired on real time would take to run `expire`. */
const FIRING_MS = 5_000

const storedOrder = (cloud: LocalCloud, id: string) =>
  cloud.db.find('orders', { _id: id })[0] as { status: string; dueAt: number; cancelledBy?: string } | undefined

/**
 * The weapp project's demo cloud (tests/weapp/global-setup.ts, started with `demoCloudOptions`) is
 * shared by a run that can take longer than the demo's unpaid order has to be paid (30 minutes from
 * its creation, 3 minutes before the seed). Its rows (我的订单, 订单详情 of that order) must hold
 * however long the run takes: no timer fires on real time there, only when a test moves the clock.
 */
describe("the weapp project's demo cloud and real time", () => {
  it('when real time passes an expire mark after the unpaid order is due, then nothing fires and its rows still hold', async () => {
    assertBuilt(WEAPP_DIR)
    const dataDir = mkdtempSync(path.join(tmpdir(), 'wegong-weapp-clock-'))
    let cloud: LocalCloud | undefined
    let weapp: Weapp | undefined
    try {
      const seeded = await startLocalCloud(demoCloudOptions(dataDir))
      const unpaid = storedOrder(seeded, DEMO_ORDER_IDS.unpaid)
      await seeded.close()
      expect(unpaid?.status).toBe('pending_payment')
      // The first expire mark after the order is due; the restarted cloud's clock starts just before it,
      // as a run would find it some 30 minutes after the global setup.
      const mark = Math.ceil(((unpaid?.dueAt ?? 0) + 1) / EXPIRE_EVERY_MS) * EXPIRE_EVERY_MS
      writeFileSync(path.join(dataDir, 'clock.json'), JSON.stringify({ offsetMs: mark - LEAD_MS - Date.now() }))
      cloud = await startLocalCloud(demoCloudOptions(dataDir))
      const started = cloud
      const expireRuns = () => started.stats.snapshot().functions.expire?.calls ?? 0

      // Real time reaches the mark (and a firing would have had time to run).
      const markInRealTime = mark - cloud.clock.offsetMs
      while (Date.now() < markInRealTime + FIRING_MS && expireRuns() === 0) await new Promise((resolve) => setTimeout(resolve, 100))
      expect(cloud.clock.now()).toBeGreaterThan(mark)
      expect(storedOrder(cloud, DEMO_ORDER_IDS.unpaid)?.status).toBe('pending_payment')
      expect(expireRuns()).toBe(0)

      const { demo } = await connectDemo(cloud.url)
      const rows = pageTable.filter(
        (c) =>
          c.persona === 'agent' &&
          (c.route === 'pages/orders/index' || (c.route === 'pages/orders/detail/index' && c.query?.(demo).id === DEMO_ORDER_IDS.unpaid)),
      )
      expect(rows).toHaveLength(2)
      weapp = new Weapp({ distDir: WEAPP_DIR, cloudUrl: cloud.url })
      weapp.start()
      for (const row of rows) expect((await smoke(weapp, row, demo)).problems).toEqual([])

      // The expiry stays the tests' to run: a clock advance fires the due timer, which cancels the order.
      const moved = await fetch(`${cloud.url}/_local/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceMs: 1 }),
      })
      expect(moved.status).toBe(200)
      expect(expireRuns()).toBe(1)
      expect(storedOrder(cloud, DEMO_ORDER_IDS.unpaid)).toMatchObject({ status: 'cancelled', cancelledBy: 'timer' })
    } finally {
      weapp?.close()
      await cloud?.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 240_000)
})

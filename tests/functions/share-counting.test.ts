import { describe, expect, it } from 'vitest'
import { shanghaiDay } from '@/domain/time'
import { testCloudForFile } from './harness'
import { cloudNow } from './network-fixtures'
import { newKey } from './order-fixtures'
import { advanceClock, trigger } from './product-fixtures'
import { sharedProductCard } from './share-fixtures'

/**
 * Customer-view opens are counted as events and folded into the counters by the `expire` timer
 * (docs/decisions/share-counting.md): the counts add up exactly before the fold (readers add the
 * pending events), after it (the counters alone), and when folds overlap.
 */
const t = testCloudForFile()

const sharedCard = (prefix: string) => sharedProductCard(t, prefix)

async function counts(s: Awaited<ReturnType<typeof sharedCard>>) {
  const insight = await t.ok('network', 'shareStats', { productIds: [s.productId], agentOpenids: [s.agent] }, s.owner)
  const mine = await t.ok('feed', 'myShares', {}, s.agent)
  return {
    week: insight.week.views,
    product: insight.products[0]?.last7.views,
    agent: insight.agents[0]?.last30.views,
    share: mine.items[0]?.views,
  }
}

function stored(s: Awaited<ReturnType<typeof sharedCard>>, day: string) {
  const [share] = t.db.find('shares', { token: s.token }) as Array<{ views: number }>
  const [days] = t.db.find('supplier_days', { supplierId: s.supplierId, day }) as Array<{ views: number }>
  const stats = t.db.find('share_stats', { supplierId: s.supplierId, day }) as Array<{ subject: string; views: number }>
  return {
    share: share?.views,
    day: days?.views,
    product: stats.find((x) => x.subject === `p:${s.productId}`)?.views,
    agent: stats.find((x) => x.subject === `a:${s.agent}`)?.views,
    pending: t.db.find('share_opens', { supplierId: s.supplierId }).length,
  }
}

describe('customer-view opens: one event per open, folded by the timer', () => {
  it('when 40 customers open a share at once and some retry, then every open counts once, before and after the fold', async () => {
    const s = await sharedCard('c1')
    const day = shanghaiDay(await cloudNow(t))
    const keys = Array.from({ length: 40 }, () => newKey())
    const opened = await Promise.all(keys.map((idempotencyKey) => t.call('feed', 'shareView', { token: s.token, idempotencyKey })))
    expect(opened.filter((a) => !a.ok)).toEqual([])
    // Retries of ten of the opens (their answers lost), and two opens without a key.
    await Promise.all(keys.slice(0, 10).map((idempotencyKey) => t.ok('feed', 'shareView', { token: s.token, idempotencyKey })))
    await t.ok('feed', 'shareView', { token: s.token })
    await t.ok('feed', 'shareView', { token: s.token })

    // Pending: nothing added to the counters yet, one event per counted open, and the readers add them.
    expect(stored(s, day)).toEqual({ share: 0, day: 0, product: 0, agent: 0, pending: 42 })
    expect(await counts(s)).toEqual({ week: 42, product: 42, agent: 42, share: 42 })

    // Not yet settled: the timer leaves them for the next run.
    expect(await trigger(t, 'expire')).toMatchObject({ ok: true, data: { foldedOpens: 0 } })
    await advanceClock(t, 10 * 60_000 + 1000)
    await trigger(t, 'expire')
    expect(stored(s, day)).toEqual({ share: 42, day: 42, product: 42, agent: 42, pending: 0 })
    expect(await counts(s)).toEqual({ week: 42, product: 42, agent: 42, share: 42 })
    expect(await trigger(t, 'expire')).toMatchObject({ ok: true, data: { foldedOpens: 0 } })
    expect(stored(s, day)).toEqual({ share: 42, day: 42, product: 42, agent: 42, pending: 0 })
  }, 120_000)

  it('when several folds run at once over more than one batch, then each open is counted exactly once', async () => {
    const s = await sharedCard('c2')
    // 250 settled opens as an open stores them (planted: the clock's own timer run would fold opens
    // made through the function before the three runs below could race for them).
    const at = (await cloudNow(t)) - 11 * 60_000
    const day = shanghaiDay(at)
    const [share] = t.db.find('shares', { token: s.token }) as Array<{ _id: string }>
    t.db.insertMany(
      'share_opens',
      Array.from({ length: 250 }, (_, i) => ({
        shareId: share?._id,
        supplierId: s.supplierId,
        agentOpenid: s.agent,
        productId: s.productId,
        day,
        at: at + i,
      })),
    )
    const runs = (await Promise.all([trigger(t, 'expire'), trigger(t, 'expire'), trigger(t, 'expire')])) as Array<{
      ok: boolean
      data: { foldedOpens: number }
    }>
    expect(runs.map((r) => r.ok)).toEqual([true, true, true])
    const folded = runs.reduce((sum, r) => sum + r.data.foldedOpens, 0)
    expect(folded).toBeLessThanOrEqual(250)
    if (folded < 250) await trigger(t, 'expire')
    expect(stored(s, day)).toEqual({ share: 250, day: 250, product: 250, agent: 250, pending: 0 })
    expect(await counts(s)).toEqual({ week: 250, product: 250, agent: 250, share: 250 })
  }, 120_000)
})

import { describe, expect, it } from 'vitest'
import { shanghaiDay } from '@/domain/time'
import { testCloudForFile } from './harness'
import { cloudNow } from './network-fixtures'
import { newKey } from './order-fixtures'
import { advanceClock, trigger } from './product-fixtures'
import { selectionScenario } from './selection-fixtures'
import { leaves } from './share-fixtures'

/**
 * Customer opens of a shared selection (多选分享) are counted as a single share's are
 * (docs/decisions/share-counting.md): one event per open, a retry counted once, folded by the timer
 * into the selection's `views` only (it spans suppliers: no supplier's day or share stats); and
 * 我的转发 lists the selection beside the agent's single shares, newest first, on one keyset.
 */
const t = testCloudForFile()

const scenario = (prefix: string) => selectionScenario(t, prefix)

/** A customer open as the app makes it, with the database reads and writes the gateway counted for it. */
async function openWithCost(token: string, idempotencyKey?: string) {
  const reply = await fetch(`${t.cloud.url}/fn/feed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'selectionView', token, ...(idempotencyKey ? { idempotencyKey } : {}) }),
  })
  const answer = (await reply.json()) as { ok: boolean; data: { available: boolean } }
  const header = (name: string) => Number(reply.headers.get(name) ?? NaN)
  return { answer, reads: header('x-wegong-db-reads'), writes: header('x-wegong-db-writes') }
}

function storedSelection(token: string) {
  return t.db.find('selections', { token }) as Array<{ _id: string; views: number; shares: number; sharedAt: number }>
}

type Scenario = Awaited<ReturnType<typeof scenario>>

/** What the suppliers' counters hold of customer views today: a selection's opens never reach them. */
function supplierViews(s: Scenario, day: string) {
  const suppliers = [s.a.supplier._id, s.b.supplier._id]
  const days = suppliers.flatMap((supplierId) => t.db.find('supplier_days', { supplierId, day }) as Array<{ views: number }>)
  const stats = suppliers.flatMap((supplierId) => t.db.find('share_stats', { supplierId, day }) as Array<{ views: number }>)
  return [...days, ...stats].reduce((sum, row) => sum + (row.views ?? 0), 0)
}

const selectionRow = async (agent: string, token: string) =>
  (await t.ok('feed', 'myShares', {}, agent)).items.find((row) => row.token === token)

describe('customer opens of a selection', () => {
  it('when customers open the card and some retry, then each open counts once, pending and after the fold, on the selection only', async () => {
    const s = await scenario('so1')
    const day = shanghaiDay(await cloudNow(t))
    const { token } = await t.ok('feed', 'shareSelection', { productIds: [s.dress, s.coat, s.bag] }, s.agent)
    const keys = [newKey(), newKey(), newKey()]
    for (const key of keys) expect((await openWithCost(token, key)).answer).toMatchObject({ ok: true, data: { available: true } })
    // The retry of an open (its answer lost) counts nothing; an open without a key counts.
    const retry = await openWithCost(token, keys[0])
    expect(retry.answer.ok).toBe(true)
    const plain = await openWithCost(token)
    expect([plain.reads, plain.writes]).toEqual([1, 1])

    const [selection] = storedSelection(token)
    const events = t.db.find('share_opens', { shareId: selection?._id }) as Array<Record<string, unknown>>
    expect(events).toHaveLength(4)
    for (const event of events) {
      expect(event).toMatchObject({ kind: 'selection', agentOpenid: s.agent, day })
      expect(event).not.toHaveProperty('supplierId')
      expect(event).not.toHaveProperty('productId')
    }
    expect(selection).toMatchObject({ views: 0 })
    expect(await selectionRow(s.agent, token)).toMatchObject({ kind: 'selection', views: 4 })

    await advanceClock(t, 10 * 60_000 + 1000)
    await trigger(t, 'expire')
    expect(storedSelection(token)).toEqual([expect.objectContaining({ views: 4, shares: 1 })])
    expect(t.db.find('share_opens', { shareId: selection?._id })).toEqual([])
    expect(await selectionRow(s.agent, token)).toMatchObject({ kind: 'selection', views: 4 })
    // A selection spans suppliers: its opens are no supplier's 顾客浏览.
    expect(supplierViews(s, day)).toBe(0)
    const insight = await t.ok('network', 'shareStats', { productIds: [s.dress], agentOpenids: [s.agent] }, s.a.owner)
    expect([insight.week.views, insight.products[0]?.last30.views, insight.agents[0]?.last30.views]).toEqual([0, 0, 0])
  }, 90_000)

  it('when products go off sale and then all of them, then the answers are as before (链接已失效 at the end) and each open still counts once', async () => {
    const s = await scenario('so2')
    const { token } = await t.ok('feed', 'shareSelection', { productIds: [s.dress, s.coat, s.bag] }, s.agent)
    await t.ok('product', 'delist', { ids: [s.dress] }, s.a.owner)
    expect((await t.ok('feed', 'selectionView', { token, idempotencyKey: newKey() })).items).toHaveLength(2)
    await t.ok('network', 'unbind', { agentOpenid: s.agent }, s.b.owner)
    await t.ok('product', 'delist', { ids: [s.coat] }, s.a.owner)
    const gone = await t.ok('feed', 'selectionView', { token, idempotencyKey: newKey() })
    expect(gone).toMatchObject({ available: false, title: '', items: [] })
    expect(await t.call('feed', 'selectionView', { token: 'zzzzzzzzzzzzzzzz', idempotencyKey: newKey() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '链接无效或已失效' },
    })
    const [selection] = storedSelection(token)
    expect(t.db.find('share_opens', { shareId: selection?._id })).toHaveLength(2)
    expect(t.db.find('share_opens', { agentOpenid: s.agent })).toHaveLength(2)
    expect(await selectionRow(s.agent, token)).toMatchObject({ kind: 'selection', state: 'off_sale', views: 2, productCount: 3 })
  })
})

describe('我的转发 lists selections beside single shares', () => {
  it('when the agent shared products and selections in turn, then pages run newest first across both, a boundary between a share and a selection included', async () => {
    const s = await scenario('so3')
    // Four presses a second apart: a share, a selection, a share, a selection (newest).
    await t.ok('feed', 'share', { productId: s.dress }, s.agent)
    await advanceClock(t, 1000)
    const first = await t.ok('feed', 'shareSelection', { productIds: [s.dress, s.coat] }, s.agent)
    await advanceClock(t, 1000)
    await t.ok('feed', 'share', { productId: s.bag }, s.agent)
    await advanceClock(t, 1000)
    const second = await t.ok('feed', 'shareSelection', { productIds: [s.bag, s.coat, s.dress] }, s.agent)
    const [dressShare] = t.db.find('shares', { agentOpenid: s.agent, itemId: s.dress }) as Array<{ token: string; sharedAt: number }>
    const [bagShare] = t.db.find('shares', { agentOpenid: s.agent, itemId: s.bag }) as Array<{ token: string; sharedAt: number }>
    const newestFirst = [second.token, bagShare?.token, first.token, dressShare?.token]
    const times = [
      storedSelection(second.token)[0]?.sharedAt,
      bagShare?.sharedAt,
      storedSelection(first.token)[0]?.sharedAt,
      dressShare?.sharedAt,
    ]
    expect([...times].sort((x = 0, y = 0) => y - x)).toEqual(times)

    const page1 = await t.ok('feed', 'myShares', { limit: 2 }, s.agent)
    expect(page1.items.map((row) => row.token)).toEqual(newestFirst.slice(0, 2))
    expect(page1.nextCursor).toEqual(expect.any(String))
    // The boundary falls between the bag's share and the first selection.
    const page2 = await t.ok('feed', 'myShares', { limit: 2, cursor: page1.nextCursor ?? '' }, s.agent)
    expect(page2.items.map((row) => row.token)).toEqual(newestFirst.slice(2))
    expect(page2.nextCursor).toBeNull()
    // One at a time, every boundary: each row once, in order.
    const walked: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: Array<{ token: string }>; nextCursor: string | null } = await t.ok(
        'feed',
        'myShares',
        cursor ? { limit: 1, cursor } : { limit: 1 },
        s.agent,
      )
      walked.push(...page.items.map((row) => row.token))
      cursor = page.nextCursor
    } while (cursor)
    expect(walked).toEqual(newestFirst)

    expect(page1.items[0]).toEqual({
      token: second.token,
      kind: 'selection',
      itemId: '',
      title: '精选 3 件好物',
      thumbnail: expect.stringMatching(/^http/),
      state: 'on_sale',
      sharedAt: storedSelection(second.token)[0]?.sharedAt,
      forwards: 0,
      shares: 1,
      views: 0,
      path: `pages/selection/index?token=${second.token}`,
      productCount: 3,
    })
    // A share's row is as before: no selection's field.
    expect(page1.items[1]).toMatchObject({ token: bagShare?.token, kind: 'product' })
    expect(page1.items[1]).not.toHaveProperty('productCount')
    // Nothing of a supplier in the selection's row but the agent's own picture URL.
    expect(leaves(page1.items[0]).filter((leaf) => typeof leaf === 'string' && leaf.includes(s.a.supplier._id))).toEqual([])
  }, 90_000)

  it('when a selection was only made by 多选转发, then it is not listed until a customer opens it; another agent never sees it', async () => {
    const s = await scenario('so4')
    const other = await scenario('so4x')
    const post = await t.ok('feed', 'forwardMany', { productIds: [s.dress, s.bag] }, s.agent)
    expect(storedSelection(post.token)).toEqual([expect.objectContaining({ sharedAt: 0, shares: 0, views: 0 })])
    expect(await selectionRow(s.agent, post.token)).toBeUndefined()
    await t.ok('feed', 'selectionView', { token: post.token, idempotencyKey: newKey() })
    const [opened] = storedSelection(post.token)
    expect(opened?.sharedAt).toBeGreaterThan(0)
    expect(await selectionRow(s.agent, post.token)).toMatchObject({ kind: 'selection', title: '精选 2 件好物', views: 1, shares: 0 })

    const { token: theirs } = await t.ok('feed', 'shareSelection', { productIds: [other.dress, other.coat] }, other.agent)
    const mine = await t.ok('feed', 'myShares', {}, s.agent)
    expect(mine.items.map((row) => row.token)).not.toContain(theirs)
    const their = await t.ok('feed', 'myShares', {}, other.agent)
    expect(their.items.map((row) => row.token)).toEqual([theirs])
  }, 90_000)
})

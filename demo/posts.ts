import { agentSubject, productSubject, selectionId, shareId, shareStatId } from '../cloudfunctions/lib/store/ids'
import type { PostRecord } from '../cloudfunctions/lib/store/posts'
import type { SelectionRecord } from '../cloudfunctions/lib/store/selections'
import type { ShareStatRecord } from '../cloudfunctions/lib/store/share-stats'
import type { ShareRecord } from '../cloudfunctions/lib/store/shares'
import { DAY_MS, HOUR_MS, shanghaiDay } from '../src/domain/time'

/**
 * The demo supplier's posts (微供动态, R14) and what the first demo agent did with them (R16): its
 * default markup, and two shares in 我的转发 — one still on sale, one whose product went off the
 * shelf (the badge). Typed with the functions' stored shapes, so they cannot drift.
 */
interface DemoPost {
  id: string
  text: string
  hoursAgo: number
  /** Demo photo names (demo/catalogue.ts) used as the post's pictures. */
  photos: string[]
  productIds: string[]
}

const posts: readonly DemoPost[] = [
  {
    id: 'demo-post-spring',
    text: '🌸春装上新啦！碎花连衣裙 + 奶油开衫，一套搞定约会通勤～\n今天下单明天发，一件代发不压货 📦\n姐妹们冲！',
    hoursAgo: 2,
    photos: ['demo-p-dress-s1-1.png', 'demo-p-dress-s1-2.png', 'demo-p-cardigan-s1-1.png', 'demo-p-cardigan-s1-2.png'],
    productIds: ['demo-p-dress', 'demo-p-cardigan'],
  },
  {
    id: 'demo-post-pearl',
    text: '💎今日主推：淡水珍珠耳环，S925 银针防过敏，礼盒包装送人超有面子 🎁',
    hoursAgo: 26,
    photos: [],
    productIds: ['demo-p-earrings'],
  },
  {
    id: 'demo-post-storage',
    text: '📦收纳盒清仓，最后一批！',
    hoursAgo: 24 * 12,
    photos: [],
    productIds: ['demo-p-storage'],
  },
]

export const DEMO_SHARE_TOKENS = { dress: 'demosharedress01', storage: 'demosharestore01' } as const
export const DEMO_SELECTION_TOKEN = 'demoselection001'

/** The first agent's selection shared as one card (多选分享) six hours ago: 我的转发 lists it first. */
export function demoSelections(now: number, agents: readonly string[]): SelectionRecord[] {
  const agentOpenid = agents[0] ?? ''
  const productIds = ['demo-p-dress', 'demo-p-cardigan', 'demo-p-earrings']
  const at = now - 6 * HOUR_MS
  return [
    {
      _id: selectionId(agentOpenid, productIds),
      token: DEMO_SELECTION_TOKEN,
      agentOpenid,
      productIds,
      createdAt: at,
      sharedAt: at,
      shares: 1,
      views: 4,
    },
  ]
}

export function demoPostRecords(now: number, supplierId: string, fileIdOf: (photoName: string) => string): PostRecord[] {
  return posts.map((post) => ({
    _id: post.id,
    supplierId,
    text: post.text,
    images: post.photos.map(fileIdOf),
    productIds: post.productIds,
    createdAt: now - post.hoursAgo * HOUR_MS,
  }))
}

/** One agent's 一键转发, shares and customer-view opens of one product on one day. */
export interface DemoShareDay {
  daysAgo: number
  agentOpenid: string
  productId: string
  forwards: number
  shares: number
  views: number
}

/** What the two named demo shares of the first agent counted (我的转发 and the customer view tests open them). */
function namedShareDays(agent: string): DemoShareDay[] {
  return [
    { daysAgo: 0.5, agentOpenid: agent, productId: 'demo-p-dress', forwards: 1, shares: 2, views: 7 },
    { daysAgo: 15, agentOpenid: agent, productId: 'demo-p-storage', forwards: 1, shares: 0, views: 3 },
  ]
}

/**
 * A month of forwarding by the demo agents, so the 经营数据 chart and the lists' counts have a shape.
 * The dress and the tote are left to the named shares and to the e2e run that forwards the tote first.
 */
function monthOfForwards(agents: readonly string[]): DemoShareDay[] {
  const products = ['demo-p-hoodie', 'demo-p-cleanser', 'demo-p-bedding', 'demo-p-earrings']
  return Array.from({ length: 29 }, (_, i) => {
    const daysAgo = i + 1
    return {
      daysAgo,
      agentOpenid: agents[daysAgo % agents.length],
      productId: products[daysAgo % products.length],
      forwards: 3 + ((daysAgo * 7) % 11),
      shares: daysAgo % 3,
      views: daysAgo % 5,
    }
  })
}

/**
 * Every counted act of the demo, once: the share records, the day counters (经营数据) and the
 * per-product and per-agent stats are all derived from it, so they add up as the functions keep them.
 */
export function demoShareDays(agents: readonly string[]): DemoShareDay[] {
  return [...namedShareDays(agents[0]), ...monthOfForwards(agents)]
}

const NAMED_TOKENS: Record<string, string> = { 'demo-p-dress': DEMO_SHARE_TOKENS.dress, 'demo-p-storage': DEMO_SHARE_TOKENS.storage }

/** One share record per agent and product (as `feed.share` keeps them), with its days' counts summed. */
export function demoShares(now: number, supplierId: string, agents: readonly string[]): ShareRecord[] {
  const records = new Map<string, ShareRecord>()
  for (const day of demoShareDays(agents)) {
    const _id = shareId(day.agentOpenid, 'product', day.productId)
    const at = now - day.daysAgo * DAY_MS
    const record = records.get(_id) ?? {
      _id,
      token:
        day.agentOpenid === agents[0] && NAMED_TOKENS[day.productId]
          ? NAMED_TOKENS[day.productId]
          : `demoshare${agents.indexOf(day.agentOpenid)}${day.productId.replace('demo-p-', '')}`.padEnd(16, '0').slice(0, 16),
      agentOpenid: day.agentOpenid,
      supplierId,
      kind: 'product' as const,
      itemId: day.productId,
      forwards: 0,
      shares: 0,
      views: 0,
      createdAt: at,
      sharedAt: at,
    }
    record.forwards += day.forwards
    record.shares += day.shares
    record.views += day.views
    record.createdAt = Math.min(record.createdAt, at)
    record.sharedAt = Math.max(record.sharedAt, at)
    records.set(_id, record)
  }
  return [...records.values()]
}

/** The per-product and per-agent day stats (R16) of the same acts, as `share_stats` keeps them. */
export function demoShareStats(now: number, supplierId: string, agents: readonly string[]): ShareStatRecord[] {
  const records = new Map<string, ShareStatRecord>()
  for (const day of demoShareDays(agents)) {
    const date = shanghaiDay(now - day.daysAgo * DAY_MS)
    for (const subject of [productSubject(day.productId), agentSubject(day.agentOpenid)]) {
      const _id = shareStatId(supplierId, subject, date)
      const record = records.get(_id) ?? { _id, supplierId, subject, day: date, forwards: 0, shares: 0, views: 0 }
      record.forwards += day.forwards
      record.shares += day.shares
      record.views += day.views
      records.set(_id, record)
    }
  }
  return [...records.values()]
}

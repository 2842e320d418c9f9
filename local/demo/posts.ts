import type { PostRecord } from '../../cloudfunctions/lib/store/posts'
import type { ShareRecord } from '../../cloudfunctions/lib/store/shares'
import { DAY_MS, HOUR_MS } from '../../src/domain/time'

/**
 * The demo supplier's posts (微供动态, R14) and what the first demo agent did with them (R16): its
 * default markup, and two shares in 我的转发 — one still on sale, one whose product went off the
 * shelf (the badge). Typed with the functions' stored shapes, so they cannot drift.
 */
interface DemoPost {
  id: string
  text: string
  hoursAgo: number
  /** Demo photo names (local/demo/catalogue.ts) used as the post's pictures. */
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

export function demoShares(now: number, supplierId: string, agentOpenid: string): ShareRecord[] {
  const share = (
    token: string,
    itemId: string,
    daysAgo: number,
    counts: Pick<ShareRecord, 'forwards' | 'shares' | 'views'>,
  ): ShareRecord => ({
    _id: `${agentOpenid}:product:${itemId}`,
    token,
    agentOpenid,
    supplierId,
    kind: 'product',
    itemId,
    ...counts,
    createdAt: now - daysAgo * DAY_MS,
    sharedAt: now - daysAgo * DAY_MS,
  })
  return [
    share(DEMO_SHARE_TOKENS.dress, 'demo-p-dress', 0.5, { forwards: 1, shares: 2, views: 7 }),
    share(DEMO_SHARE_TOKENS.storage, 'demo-p-storage', 15, { forwards: 1, shares: 0, views: 3 }),
  ]
}

import { oneLine } from './text-rules'

/**
 * The gentle check before forwarding (issue: Moments folds posts). Since 31 May 2025 WeChat folds a
 * friend's runs of posts, and above all marketing posts, into 「余下 N 条」; reports say it recognises
 * ads by a marketing-keyword list and by posting frequency, folding promotional words such as 「特惠」
 * 「限时」 far more often, and that the same text posted again and again is folded as repetitive.
 * Sources: jjsoho.com/pyqzdgn (2025-06-11, 「营销关键词库」, 「特惠」「限时」), the 腾讯客服 answer
 * reported at bczicp.cn/content/25/0603 (高频次广告, 同一文案反复发布, 批量转发). WeChat publishes no
 * list: this one is ours, kept here, and only warns — the agent decides.
 * Zod-free and pure: the words are found where they appear, so a page can mark them.
 */
export const FOLD_WORDS: readonly string[] = [
  // Price promotions
  '特惠',
  '特价',
  '优惠',
  '折扣',
  '打折',
  '低价',
  '最低价',
  '全网最低',
  '清仓',
  '甩卖',
  '亏本',
  '跳楼价',
  '大促',
  '促销',
  '满减',
  '包邮',
  '福利',
  '领券',
  '优惠券',
  '红包',
  '免费送',
  '赠品',
  '买一送一',
  '第二件半价',
  // Urgency
  '限时',
  '限量',
  '秒杀',
  '抢购',
  '疯抢',
  '手慢无',
  '仅限今天',
  '最后一天',
  '倒计时',
  '错过再等一年',
  // Calls to act
  '点赞',
  '转发有礼',
  '扫码',
  '加微信',
  '私聊',
  '下单',
  '代理',
  '招代理',
  '爆款',
  '爆单',
]

export interface FoldHit {
  word: string
  /** Where it starts, in UTF-16 units of the text as given (a page can mark it). */
  index: number
}

/** Longest first, so 「优惠券」 is one hit rather than 「优惠」 inside it. */
const BY_LENGTH = [...FOLD_WORDS].sort((a, b) => b.length - a.length)

/** Every fold word in `text`, in order of appearance, without overlaps. */
export function foldWordHits(text: string): FoldHit[] {
  const hits: FoldHit[] = []
  let at = 0
  while (at < text.length) {
    const word = BY_LENGTH.find((w) => text.startsWith(w, at))
    if (word) {
      hits.push({ word, index: at })
      at += word.length
    } else at += 1
  }
  return hits
}

/**
 * A short fingerprint of a text as Moments shows it (spacing ignored): forwarding the same
 * fingerprint twice in a row is what reads as repeated. cyrb53 — not a secret, only a comparison.
 */
export function textFingerprint(text: string): string {
  const s = oneLine(text)
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0')
}

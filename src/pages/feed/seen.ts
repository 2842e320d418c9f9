import Taro from '@tarojs/taro'

/**
 * 「N 件新品」 and 「N 条新动态」: the time of the newest item this user has seen in a list, per user (H5
 * personas share one storage). Kept in server time — the item's own `publishedAt` or `createdAt` —
 * so a phone with a wrong clock still counts right.
 */
function seenMarker(list: string) {
  const key = (userId: string) => `wegong.feed.${list}.${userId}`
  const read = (userId: string): number | null => {
    try {
      const value: unknown = Taro.getStorageSync(key(userId))
      return typeof value === 'number' && Number.isFinite(value) ? value : null
    } catch {
      return null
    }
  }
  const mark = (userId: string, times: number[]): void => {
    try {
      Taro.setStorageSync(key(userId), Math.max(read(userId) ?? 0, ...times))
    } catch {
      // Without storage the marker simply does not show.
    }
  }
  return { read, mark }
}

/** The products of 首页 (by `publishedAt`). */
export const productsSeen = seenMarker('seen')
/** The posts of 动态 (by `createdAt`). */
export const postsSeen = seenMarker('postsSeen')

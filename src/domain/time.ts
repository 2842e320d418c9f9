import dayjs from 'dayjs'

export const MINUTE_MS = 60 * 1000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS
/** Asia/Shanghai is UTC+8 all year (no daylight saving), so a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS

/** Wall-clock time in Asia/Shanghai for display (R18), whatever the device's zone. */
export function shanghai(at: number) {
  // dayjs formats in the device zone; shift the instant so that zone shows Shanghai wall time.
  return dayjs(at + SHANGHAI_OFFSET_MS + new Date(at).getTimezoneOffset() * MINUTE_MS)
}

export function formatShanghai(at: number, pattern = 'YYYY-MM-DD HH:mm'): string {
  return shanghai(at).format(pattern)
}

/** 「刚刚」「3分钟前」「2小时前」「昨天 14:05」「11-20」「2025-11-20」, as Moments shows time. */
export function relativeTime(at: number, now: number): string {
  const diff = now - at
  if (diff < MINUTE_MS) return '刚刚'
  if (diff < HOUR_MS) return `${Math.floor(diff / MINUTE_MS)}分钟前`
  const day = (t: number) => Math.floor((t + SHANGHAI_OFFSET_MS) / DAY_MS)
  const days = day(now) - day(at)
  if (days === 0) return `${Math.floor(diff / HOUR_MS)}小时前`
  if (days === 1) return `昨天 ${formatShanghai(at, 'HH:mm')}`
  if (formatShanghai(at, 'YYYY') === formatShanghai(now, 'YYYY')) return formatShanghai(at, 'MM-DD')
  return formatShanghai(at, 'YYYY-MM-DD')
}

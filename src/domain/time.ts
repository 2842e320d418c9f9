import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

export const MINUTE_MS = 60 * 1000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS
/** The latest time an input may name (2100-01-01): far past any real date, far inside exact integers. */
export const TIME_MAX_MS = 4_102_444_800_000
/** R18: stored in UTC, shown in Asia/Shanghai, which is UTC+8 all year (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS

/** Shanghai wall-clock time as a UTC-mode dayjs, so formatting and day maths ignore the device's zone. */
export function shanghai(at: number) {
  return dayjs.utc(at + SHANGHAI_OFFSET_MS)
}

export function formatShanghai(at: number, pattern = 'YYYY-MM-DD HH:mm'): string {
  return shanghai(at).format(pattern)
}

/** 「刚刚」「3分钟前」「2小时前」「昨天 14:05」「11-20 09:30」「2025-11-20」, as Moments shows time. */
export function relativeTime(at: number, now: number): string {
  const diff = now - at
  if (diff < MINUTE_MS) return '刚刚'
  if (diff < HOUR_MS) return `${Math.floor(diff / MINUTE_MS)}分钟前`
  const then = shanghai(at)
  const today = shanghai(now)
  if (then.isSame(today, 'day')) return `${Math.floor(diff / HOUR_MS)}小时前`
  if (then.isSame(today.subtract(1, 'day'), 'day')) return `昨天 ${then.format('HH:mm')}`
  if (then.isSame(today, 'year')) return then.format('MM-DD HH:mm')
  return then.format('YYYY-MM-DD')
}

/** The Shanghai calendar day of an instant, 「2026-12-01」: the key of daily counters (经营数据). */
export function shanghaiDay(at: number): string {
  return shanghai(at).format('YYYY-MM-DD')
}

/** The Monday (Asia/Shanghai) of the week of an instant, as a day key: 本周 starts there. */
export function shanghaiWeekStart(at: number): string {
  const day = shanghai(at)
  const sinceMonday = (day.day() + 6) % 7
  return day.subtract(sinceMonday, 'day').format('YYYY-MM-DD')
}

/** The Shanghai day `days` days before the day of `at`. */
export function shanghaiDayBefore(at: number, days: number): string {
  return shanghai(at).subtract(days, 'day').format('YYYY-MM-DD')
}

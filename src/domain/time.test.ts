import { describe, expect, it } from 'vitest'
import { DAY_MS, formatShanghai, HOUR_MS, MINUTE_MS, relativeTime, shanghaiDay } from './time'

// 2026-11-27 10:00 in Shanghai is 02:00 UTC.
const now = Date.UTC(2026, 10, 27, 2, 0, 0)

describe('formatShanghai (R18)', () => {
  it('when a UTC instant is shown, then it reads as Shanghai wall time', () => {
    expect(formatShanghai(Date.UTC(2026, 10, 26, 16, 30))).toBe('2026-11-27 00:30')
  })
})

describe('relativeTime', () => {
  it.each([
    [now - 30 * 1000, '刚刚'],
    [now - 3 * MINUTE_MS, '3分钟前'],
    [now - 59 * MINUTE_MS, '59分钟前'],
    [now - 2 * HOUR_MS, '2小时前'],
    [now - 11 * HOUR_MS, '昨天 23:00'],
    [now - 3 * DAY_MS, '11-24 10:00'],
    [Date.UTC(2025, 5, 1, 4, 0), '2025-06-01'],
  ])('when the time is %i, then it shows %s', (at, text) => {
    expect(relativeTime(at, now)).toBe(text)
  })
})

describe('shanghaiDay (R18: days are Shanghai days)', () => {
  it.each([
    [Date.UTC(2026, 11, 1, 15, 59, 59, 999), '2026-12-01'],
    [Date.UTC(2026, 11, 1, 16, 0, 0, 0), '2026-12-02'],
    [Date.UTC(2026, 11, 31, 16, 0, 0, 0), '2027-01-01'],
  ])('when the instant is %i, then the Shanghai day is %s', (at, day) => {
    expect(shanghaiDay(at)).toBe(day)
  })
})

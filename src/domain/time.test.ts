import { describe, expect, it } from 'vitest'
import { DAY_MS, formatShanghai, HOUR_MS, MINUTE_MS, relativeTime, shanghaiDay, shanghaiDayBefore, shanghaiWeekStart } from './time'

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

describe('weeks and days back (本周转发)', () => {
  it.each([
    ['2026-12-07T10:00:00+08:00', '2026-12-07'], // a Monday
    ['2026-12-06T23:59:00+08:00', '2026-11-30'], // a Sunday night belongs to the week before
    ['2026-12-03T00:30:00+08:00', '2026-11-30'], // Thursday just after midnight in Shanghai (Wednesday in UTC)
  ])('when it is %s, then the week started on %s', (at, monday) => {
    expect(shanghaiWeekStart(Date.parse(at))).toBe(monday)
  })

  it('when counting days back, then it crosses months in Shanghai time', () => {
    expect(shanghaiDayBefore(Date.parse('2026-12-01T01:00:00+08:00'), 6)).toBe('2026-11-25')
    expect(shanghaiDayBefore(Date.parse('2026-12-01T01:00:00+08:00'), 29)).toBe('2026-11-02')
  })
})

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCron } from '../../local/cron'
import { type TestCloud, startTestCloud } from './helpers'

const HOUR = 3600_000
const DAY = 24 * HOUR

let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
})
afterAll(() => cloud.destroy())

const advance = (advanceMs: unknown) =>
  cloud.request('/_local/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs }) })
/** The next 03:00 in Asia/Shanghai strictly after `t`: when the fixture's nightly trigger is due. */
const next3amShanghai = (t: number) => {
  const shanghai = new Date(t + 8 * HOUR)
  let due = Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate(), 3) - 8 * HOUR
  if (due <= t) due += DAY
  return due
}

describe('the local clock', () => {
  it('when nobody advanced it, then GET /_local/clock is real time', async () => {
    // Bracketed by the test's own clock: however long a loaded machine takes to answer.
    const before = Date.now()
    const { body } = await cloud.request('/_local/clock')
    expect(body.now).toBeGreaterThanOrEqual(before)
    expect(body.now).toBeLessThanOrEqual(Date.now())
  })

  it('when it is advanced, then functions see it in Date.now() and new Date(), and Date still behaves', async () => {
    const reply = await advance(3 * DAY)
    expect(reply.status).toBe(200)
    const before = Date.now()
    const { body } = await cloud.call('whoami', {}, 'o-clock')
    expect(body.now).toBeGreaterThanOrEqual(before + 3 * DAY)
    expect(body.newDate).toBeGreaterThanOrEqual(before + 3 * DAY)
    expect(body.now).toBeLessThanOrEqual(cloud.clock.now())
    expect(body.dateIsDate).toBe(true)
    expect(body.fixedDate).toBe('1970-01-02T00:00:00.000Z')
  })

  it('when it is advanced, then db.serverDate() is stamped with the local time', async () => {
    const before = Date.now()
    const { body: added } = await cloud.call('notes', { action: 'add', text: 'later' }, 'o-clock')
    const { body: note } = await cloud.call('notes', { action: 'get', id: added._id }, 'o-clock')
    expect(note.at).toBeGreaterThanOrEqual(before + 3 * DAY)
    expect(note.at).toBeLessThanOrEqual(cloud.clock.now())
  })

  it('when the advance is negative, fractional, missing or not a number, then 400 and the clock stays', async () => {
    const before = cloud.clock.offsetMs
    for (const body of [{ advanceMs: -1 }, { advanceMs: 1.5 }, {}, { advanceMs: '5' }, { advanceMs: 5, extra: 1 }]) {
      const reply = await cloud.request('/_local/clock', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('INVALID_ARGUMENT')
    }
    expect(cloud.clock.offsetMs).toBe(before)
  })
})

describe('timer triggers', () => {
  const ticks = () => cloud.db.find('ticks')

  it('when the clock passes a trigger time, then the function runs once with the timer event and no caller', async () => {
    const due = next3amShanghai(cloud.clock.now())
    const before = ticks().length
    const reply = await advance(due - cloud.clock.now() + 1000)
    expect(reply.body.fired).toEqual([{ functionName: 'expire', triggerName: 'nightly', at: due }])
    const added = ticks().slice(before)
    expect(added).toHaveLength(1)
    expect(added[0].event).toEqual({
      Type: 'Timer',
      TriggerName: 'nightly',
      Time: new Date(due).toISOString().replace('.000Z', 'Z'),
      Message: '',
    })
    expect(added[0].openid).toBeNull()
    expect(added[0].seenNow).toBeGreaterThanOrEqual(due)
  })

  it('when the clock jumps over several trigger times, then the trigger fires once, not once per missed tick', async () => {
    const before = ticks().length
    const reply = await advance(3 * DAY)
    expect(reply.body.fired).toHaveLength(1)
    expect(ticks().length - before).toBe(1)
  })

  it('when the clock moves but no trigger is due, then nothing fires', async () => {
    const due = next3amShanghai(cloud.clock.now())
    const before = ticks().length
    const reply = await advance(Math.max(0, due - cloud.clock.now() - 10 * 60_000))
    expect(reply.body.fired).toEqual([])
    expect(ticks().length).toBe(before)
  })

  it('when /_local/trigger/<function> is posted, then its timer runs now and the answer is its result', async () => {
    const before = ticks().length
    const reply = await cloud.request('/_local/trigger/expire', { method: 'POST', headers: { 'content-type': 'application/json' } })
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ ticked: 'nightly' })
    expect(ticks().length - before).toBe(1)
    expect(ticks().at(-1)?.event).toMatchObject({ Type: 'Timer', TriggerName: 'nightly' })
  })

  it('when the function has no such timer trigger, then 404', async () => {
    expect(
      (await cloud.request('/_local/trigger/whoami', { method: 'POST', headers: { 'content-type': 'application/json' } })).status,
    ).toBe(404)
    expect(
      (await cloud.request('/_local/trigger/expire?name=weekly', { method: 'POST', headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(404)
    expect((await cloud.request('/_local/trigger/ghost', { method: 'POST', headers: { 'content-type': 'application/json' } })).status).toBe(
      404,
    )
  })

  it('when real time reaches a trigger, then it fires without any clock advance', async () => {
    const functionsDir = mkdtempSync(join(tmpdir(), 'wegong-timer-fns-'))
    mkdirSync(join(functionsDir, 'tick'))
    writeFileSync(join(functionsDir, 'tick', 'index.js'), 'exports.main = async (event) => event.TriggerName\n')
    writeFileSync(
      join(functionsDir, 'tick', 'config.json'),
      JSON.stringify({ triggers: [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }] }),
    )
    const ticking = await startTestCloud({ functionsDir })
    try {
      // Waits for the firing itself: a loaded machine starts the function's first instance late.
      // The test's timeout bounds it; no clock is advanced meanwhile.
      while ((ticking.stats.snapshot().functions.tick?.calls ?? 0) < 1) await new Promise((resolve) => setTimeout(resolve, 50))
      expect(ticking.clock.offsetMs).toBe(0)
      expect(ticking.stats.snapshot().functions.tick?.errors).toBe(0)
    } finally {
      await ticking.destroy()
      rmSync(functionsDir, { recursive: true, force: true })
    }
  })

  it('when real-time timers are off, then real time passing fires nothing and a clock advance still fires the trigger', async () => {
    const functionsDir = mkdtempSync(join(tmpdir(), 'wegong-timer-fns-'))
    mkdirSync(join(functionsDir, 'tick'))
    writeFileSync(join(functionsDir, 'tick', 'index.js'), 'exports.main = async (event) => event.TriggerName\n')
    writeFileSync(
      join(functionsDir, 'tick', 'config.json'),
      JSON.stringify({ triggers: [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }] }),
    )
    const still = await startTestCloud({ functionsDir, realTimeTimers: false })
    try {
      await new Promise((resolve) => setTimeout(resolve, 2500))
      expect(still.stats.snapshot().functions.tick?.calls ?? 0).toBe(0)
      const moved = await still.request('/_local/clock', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceMs: 2000 }),
      })
      expect(moved.status).toBe(200)
      expect(still.stats.snapshot().functions.tick?.calls).toBe(1)
    } finally {
      await still.destroy()
      rmSync(functionsDir, { recursive: true, force: true })
    }
  })

  it('when a config.json has a malformed cron, then the cloud refuses to start and names the problem', async () => {
    const functionsDir = mkdtempSync(join(tmpdir(), 'wegong-timer-fns-'))
    mkdirSync(join(functionsDir, 'bad'))
    writeFileSync(join(functionsDir, 'bad', 'index.js'), 'exports.main = async () => null\n')
    writeFileSync(
      join(functionsDir, 'bad', 'config.json'),
      JSON.stringify({ triggers: [{ name: 't', type: 'timer', config: '0 */5 * * * *' }] }),
    )
    try {
      await expect(startTestCloud({ functionsDir })).rejects.toThrow(/has 6 fields; WeChat timer triggers take 7/)
    } finally {
      rmSync(functionsDir, { recursive: true, force: true })
    }
  })
})

describe('WeChat 7-field cron', () => {
  const at = (iso: string) => Date.parse(iso)
  const next = (cron: string, after: string) => {
    const t = parseCron(cron).next(at(after))
    return t === null ? null : new Date(t).toISOString()
  }

  it('when the schedule is every 5 minutes, then the next run is the next multiple of 5 minutes', () => {
    expect(next('0 */5 * * * * *', '2026-03-01T00:01:00Z')).toBe('2026-03-01T00:05:00.000Z')
    expect(next('0 */5 * * * * *', '2026-03-01T00:05:00Z')).toBe('2026-03-01T00:10:00.000Z')
  })

  it('when the schedule names an hour, then it is Beijing time', () => {
    // 03:00 in Shanghai is 19:00 UTC the day before.
    expect(next('0 0 3 * * * *', '2026-03-01T12:00:00Z')).toBe('2026-03-01T19:00:00.000Z')
  })

  it('when weekdays are named, then only those days match', () => {
    // 2026-03-07 is a Saturday in Shanghai; the next weekday 09:00 is Monday the 9th.
    expect(next('0 0 9 * * MON-FRI *', '2026-03-06T02:00:00Z')).toBe('2026-03-09T01:00:00.000Z')
  })

  it('when both day-of-month and weekday are restricted, then either matches', () => {
    // "The 10th or a Sunday": Tuesday the 10th matches by day, then Sunday the 15th by weekday.
    expect(next('0 0 0 10 * SUN *', '2026-03-09T00:00:00Z')).toBe('2026-03-09T16:00:00.000Z')
    expect(next('0 0 0 10 * SUN *', '2026-03-10T00:00:00Z')).toBe('2026-03-14T16:00:00.000Z')
  })

  it('when the year field has passed, then there is no next run', () => {
    expect(next('0 0 0 1 1 * 2020', '2026-01-01T00:00:00Z')).toBeNull()
    expect(next('0 0 0 1 1 * 2027-2028', '2026-06-01T00:00:00Z')).toBe('2026-12-31T16:00:00.000Z')
  })

  it('when an expression is malformed, then parsing throws a message naming the field', () => {
    expect(() => parseCron('0 0 3 * * *')).toThrow(/6 fields/)
    expect(() => parseCron('60 0 3 * * * *')).toThrow(/second field "60" has 60, outside 0-59/)
    expect(() => parseCron('0 0 3 * FOO * *')).toThrow(/month field/)
    expect(() => parseCron('0 */0 * * * * *')).toThrow(/minute field .* step/)
    expect(() => parseCron('0 5-1 * * * * *')).toThrow(/empty range/)
  })
})

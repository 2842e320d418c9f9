// WeChat cloud function timer triggers use Tencent SCF's 7-field cron:
// `second minute hour day-of-month month day-of-week year`, each field `*`, `n`, `a-b`, a list
// `a,b`, or a step `*/n`, `a-b/n`, `a/n`; months and weekdays also by English abbreviation.
// SCF evaluates triggers in Beijing time (UTC+8, no daylight saving), so we do too.
const SHANGHAI_OFFSET_MS = 8 * 3600_000
const LAST_YEAR = 2099

interface FieldSpec {
  name: string
  min: number
  max: number
  names?: readonly string[]
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day-of-week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { name: 'year', min: 1970, max: LAST_YEAR },
]

interface Field {
  values: Set<number>
  /** `*` (or Quartz's `?`): matters for day-of-month vs day-of-week, see `matchesDay`. */
  any: boolean
}

export interface CronSchedule {
  /** The first instant strictly after `after` (epoch ms) that matches, or null if none before 2100. */
  next(after: number): number | null
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/)
  if (parts.length !== FIELDS.length) {
    throw new Error(
      `cron "${expression}" has ${parts.length} fields; WeChat timer triggers take 7 (second minute hour day month weekday year)`,
    )
  }
  const [second, minute, hour, day, month, weekday, year] = parts.map((part, i) => parseField(part, FIELDS[i], expression))

  // Vixie-cron rule, which SCF follows: when both day fields are restricted, either may match.
  const matchesDay = (date: Date) => {
    const byMonthDay = day.values.has(date.getUTCDate())
    const byWeekday = weekday.values.has(date.getUTCDay())
    if (day.any) return byWeekday
    if (weekday.any) return byMonthDay
    return byMonthDay || byWeekday
  }

  return {
    next(after) {
      const d = new Date(Math.floor(after / 1000) * 1000 + 1000 + SHANGHAI_OFFSET_MS)
      // Jump to the start of the next candidate unit instead of stepping second by second.
      for (let guard = 0; guard < 200_000; guard++) {
        if (d.getUTCFullYear() > LAST_YEAR) return null
        if (!year.values.has(d.getUTCFullYear())) {
          d.setUTCFullYear(d.getUTCFullYear() + 1, 0, 1)
          d.setUTCHours(0, 0, 0, 0)
        } else if (!month.values.has(d.getUTCMonth() + 1)) {
          d.setUTCMonth(d.getUTCMonth() + 1, 1)
          d.setUTCHours(0, 0, 0, 0)
        } else if (!matchesDay(d)) {
          d.setUTCDate(d.getUTCDate() + 1)
          d.setUTCHours(0, 0, 0, 0)
        } else if (!hour.values.has(d.getUTCHours())) {
          d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0)
        } else if (!minute.values.has(d.getUTCMinutes())) {
          d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0)
        } else if (!second.values.has(d.getUTCSeconds())) {
          d.setUTCSeconds(d.getUTCSeconds() + 1, 0)
        } else {
          return d.getTime() - SHANGHAI_OFFSET_MS
        }
      }
      return null
    },
  }
}

function parseField(text: string, spec: FieldSpec, expression: string): Field {
  const fail = (why: string): never => {
    throw new Error(`cron "${expression}": ${spec.name} field "${text}" ${why}`)
  }
  const value = (token: string): number => {
    const byName = spec.names?.indexOf(token.toUpperCase()) ?? -1
    if (byName >= 0) return spec.min + byName
    if (!/^\d+$/.test(token)) return fail(`has "${token}", not a number`)
    const n = Number(token)
    if (n < spec.min || n > spec.max) fail(`has ${n}, outside ${spec.min}-${spec.max}`)
    return n
  }
  if (text === '*' || text === '?') return { values: range(spec.min, spec.max, 1), any: true }
  const values = new Set<number>()
  for (const item of text.split(',')) {
    const [base, stepText, extra] = item.split('/')
    if (extra !== undefined || base === '') fail('is malformed')
    const step = stepText === undefined ? 1 : Number(stepText)
    if (!Number.isInteger(step) || step < 1) fail(`has step "${stepText}"`)
    let from: number
    let to: number
    if (base === '*') {
      from = spec.min
      to = spec.max
    } else if (base.includes('-')) {
      const [a, b] = base.split('-')
      from = value(a)
      to = value(b)
      if (from > to) fail(`has the empty range ${base}`)
    } else {
      from = value(base)
      to = stepText === undefined ? from : spec.max
    }
    for (const v of range(from, to, step)) values.add(v)
  }
  return { values, any: false }
}

function range(from: number, to: number, step: number): Set<number> {
  const values = new Set<number>()
  for (let v = from; v <= to; v += step) values.add(v)
  return values
}

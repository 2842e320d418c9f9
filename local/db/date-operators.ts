/**
 * Date expression operators where mingo 7.2.7 answers differently from MongoDB, which CloudBase runs
 * (docs/cloudbase/database.md §13.6); mingo.ts registers these in place of mingo's own.
 *
 * - `$week` is strftime's `%U`: weeks start on Sunday and the days before the year's first Sunday are
 *   week 0 (mingo derives it from the ISO week: 2018-12-31 → 1, 1998-11-01 → 45).
 * - `$isoWeekYear` is the year of the ISO week's Thursday (mingo: 2016-01-01 → 2016).
 * - `$dateToString` formats `%U` and `%G` as those two, `%w` as 1 (Sunday) … 7 (Saturday), `%%` as a
 *   literal `%`, and refuses a specifier MongoDB does not know (mingo printed it, or dropped `%%`).
 *
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/week/
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/isoWeekYear/
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/dateToString/
 */
import { evalExpr } from 'mingo/core'
import * as expressions from 'mingo/operators/expression'
import type { Options } from 'mingo/types'
import { invalidParam } from './errors'

type Operator = (obj: unknown, expr: unknown, options: Options) => unknown

const DAY_MS = 86_400_000
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * Minutes east of UTC of `timezone` at `date`, read by mingo's own `$dateToString` (`%Z`), so
 * Olson names and `±hh[:mm]` offsets are accepted and refused exactly as by every other date operator.
 */
function offsetMinutes(date: Date, timezone: unknown, options: Options): number {
  if (timezone === undefined) return 0
  const spec = { date: { $literal: date }, format: '%Z', timezone: { $literal: timezone } }
  try {
    return Number((expressions.$dateToString as Operator)({}, spec, options))
  } catch (e) {
    // An Olson name the host does not know fails in Intl, not in mingo's own check.
    if (e instanceof RangeError) throw invalidParam(`unknown timezone ${JSON.stringify(timezone)}`)
    throw e
  }
}

/** The wall-clock time `offset` minutes east of UTC, as a Date whose UTC fields read it. */
function wallClock(date: Date, offset: number): Date {
  return new Date(date.getTime() + offset * 60_000)
}

/** `<date>` or `{date, timezone}` (already evaluated) as wall-clock time; mingo's date operators read both forms. */
function localDate(op: string, arg: unknown, options: Options): Date {
  if (arg instanceof Date) return arg
  if (typeof arg === 'object' && arg !== null && 'date' in arg) {
    const { date, timezone } = arg as { date: unknown; timezone?: unknown }
    if (date instanceof Date) return wallClock(date, offsetMinutes(date, timezone, options))
  }
  throw invalidParam(`${op} needs a date, or {date, timezone}`)
}

function dayOfYear0(d: Date): number {
  const start = new Date(0)
  start.setUTCFullYear(d.getUTCFullYear(), 0, 1)
  return Math.floor((d.getTime() - start.getTime()) / DAY_MS)
}

/** strftime's `%U`: (days since 1 January + 7 − weekday, Sunday 0) / 7. */
export function weekOfYear(d: Date): number {
  return Math.floor((dayOfYear0(d) + 7 - d.getUTCDay()) / 7)
}

const isoDayOfWeek = (d: Date): number => d.getUTCDay() || 7

/** The Thursday of the date's ISO week (Monday to Sunday): its year and week are the ISO ones. */
const isoThursday = (d: Date): Date => new Date(d.getTime() + (4 - isoDayOfWeek(d)) * DAY_MS)

export function isoWeekYear(d: Date): number {
  return isoThursday(d).getUTCFullYear()
}

export function isoWeek(d: Date): number {
  return Math.floor(dayOfYear0(isoThursday(d)) / 7) + 1
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes)
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`
}

/** MongoDB's format specifiers, over wall-clock time `d` at `offset` minutes from UTC. */
const SPECIFIERS: Record<string, (d: Date, offset: number) => string> = {
  b: (d) => MONTHS[d.getUTCMonth()].slice(0, 3),
  B: (d) => MONTHS[d.getUTCMonth()],
  d: (d) => pad(d.getUTCDate(), 2),
  G: (d) => pad(isoWeekYear(d), 4),
  H: (d) => pad(d.getUTCHours(), 2),
  j: (d) => pad(dayOfYear0(d) + 1, 3),
  L: (d) => pad(d.getUTCMilliseconds(), 3),
  m: (d) => pad(d.getUTCMonth() + 1, 2),
  M: (d) => pad(d.getUTCMinutes(), 2),
  S: (d) => pad(d.getUTCSeconds(), 2),
  u: (d) => String(isoDayOfWeek(d)),
  U: (d) => pad(weekOfYear(d), 2),
  V: (d) => pad(isoWeek(d), 2),
  w: (d) => String(d.getUTCDay() + 1),
  Y: (d) => pad(d.getUTCFullYear(), 4),
  z: (_d, offset) => formatOffset(offset),
  Z: (_d, offset) => String(offset),
  '%': () => '%',
}

/** mingo's default format (MongoDB's, before it dropped the `Z` for non-UTC zones). */
const DEFAULT_FORMAT = '%Y-%m-%dT%H:%M:%S.%LZ'

export const $week: Operator = (obj, expr, options) => weekOfYear(localDate('$week', evalExpr(obj, expr, options), options))

export const $isoWeekYear: Operator = (obj, expr, options) => isoWeekYear(localDate('$isoWeekYear', evalExpr(obj, expr, options), options))

export const $dateToString: Operator = (obj, expr, options) => {
  if (typeof expr !== 'object' || expr === null || Array.isArray(expr)) throw invalidParam('$dateToString needs an object')
  const args = evalExpr(obj, expr, options) as { date?: unknown; format?: unknown; timezone?: unknown; onNull?: unknown }
  if (args.date === null || args.date === undefined) return args.onNull ?? null
  if (!(args.date instanceof Date)) throw invalidParam('$dateToString needs a date')
  const format = args.format ?? DEFAULT_FORMAT
  if (typeof format !== 'string') throw invalidParam('$dateToString format must be a string')
  const offset = offsetMinutes(args.date, args.timezone, options)
  const local = wallClock(args.date, offset)
  let out = ''
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') {
      out += format[i]
      continue
    }
    const spec = format[++i]
    if (spec === undefined) throw invalidParam("$dateToString: unmatched '%' at the end of the format")
    const part = Object.prototype.hasOwnProperty.call(SPECIFIERS, spec) ? SPECIFIERS[spec] : undefined
    if (part === undefined) throw invalidParam(`$dateToString: invalid format character '%${spec}'`)
    out += part(local, offset)
  }
  return out
}

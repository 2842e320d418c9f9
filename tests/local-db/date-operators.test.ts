import { describe, expect, it } from 'vitest'
import { add, aggregate, failure, list, open } from './helpers'

// Week numbers and ISO week-years as MongoDB (which CloudBase runs) answers them, row by row from the
// documentation's own examples. Each row: where it comes from, the date stored in `at`, the
// expression over '$at', and the documented result. "Jan 1, 2016"-style dates of the documentation
// are read at UTC midnight, except where a row says otherwise.
const WEEK = 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/week/'
const ISO_WEEK = 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/isoWeek/'
const ISO_WEEK_YEAR = 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/isoWeekYear/'
const DATE_TO_STRING = 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/dateToString/'
// CloudBase's own SDK tests, run against CloudBase ('Date的各种操作符', 'dateToString').
const CLOUDBASE_AGGREGATION = 'TencentCloudBase/node-sdk test/database/unit/aggregation.test.ts'
const CLOUDBASE_COMMAND = 'TencentCloudBase/node-sdk test/database/unit/command.test.ts'
const WECHAT_ISO_WEEK =
  'https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/aggregate/AggregateCommand.isoWeek.html'

interface Row {
  from: string
  at: string
  expr: unknown
  want: unknown
}

const d = (iso: string) => new Date(iso)

async function evaluate(at: Date, expr: unknown): Promise<unknown> {
  const db = open()
  await db.handle(add('items', { _id: 'x', at }))
  const [out] = await list(db, aggregate('items', [['$project', { _id: 0, v: expr }]]))
  return out.v
}

const weekRows: Row[] = [
  { from: `${WEEK} Behavior: new Date("Jan 1, 2016")`, at: '2016-01-01T00:00:00Z', expr: { $week: '$at' }, want: 0 },
  { from: `${WEEK} Behavior: { date: new Date("2016-01-04") }`, at: '2016-01-04T00:00:00Z', expr: { $week: { date: '$at' } }, want: 1 },
  {
    from: `${WEEK} Behavior: "August 14, 2011" in America/Chicago (read at midnight there, 05:00 UTC)`,
    at: '2011-08-14T05:00:00Z',
    expr: { $week: { date: '$at', timezone: 'America/Chicago' } },
    want: 33,
  },
  { from: `${WEEK} Behavior: ISODate("1998-11-01T00:00:00Z")`, at: '1998-11-01T00:00:00Z', expr: { $week: '$at' }, want: 44 },
  {
    from: `${WEEK} Behavior: ISODate("1998-11-01T00:00:00Z"), timezone "-0500"`,
    at: '1998-11-01T00:00:00Z',
    expr: { $week: { date: '$at', timezone: '-0500' } },
    want: 43,
  },
  { from: `${WEEK} Example: the sales document`, at: '2014-01-01T08:15:39.736Z', expr: { $week: '$at' }, want: 0 },
  // strftime's %U, the Definition: 2018 starts on a Monday, its first Sunday is 7 January (week 1).
  { from: `${WEEK} Definition (strftime %U), 2018's last day`, at: '2018-12-31T00:00:00Z', expr: { $week: '$at' }, want: 52 },
  { from: `${CLOUDBASE_AGGREGATION} week`, at: '2019-05-14T09:38:51.686Z', expr: { $week: '$at' }, want: 19 },
]

const isoWeekYearRows: Row[] = [
  { from: `${ISO_WEEK_YEAR} Behavior: new Date("2015-05-26")`, at: '2015-05-26T00:00:00Z', expr: { $isoWeekYear: '$at' }, want: 2015 },
  {
    from: `${ISO_WEEK_YEAR} Behavior: { date: new Date("Jan 7, 2003") }`,
    at: '2003-01-07T00:00:00Z',
    expr: { $isoWeekYear: { date: '$at' } },
    want: 2003,
  },
  {
    from: `${ISO_WEEK_YEAR} Behavior: ISODate("2017-01-02T00:00:00Z")`,
    at: '2017-01-02T00:00:00Z',
    expr: { $isoWeekYear: '$at' },
    want: 2017,
  },
  {
    from: `${ISO_WEEK_YEAR} Behavior: ISODate("2017-01-02T00:00:00Z"), timezone "-0500"`,
    at: '2017-01-02T00:00:00Z',
    expr: { $isoWeekYear: { date: '$at', timezone: '-0500' } },
    want: 2016,
  },
  {
    from: `${ISO_WEEK_YEAR} Behavior: "April 08, 2024" in America/Chicago`,
    at: '2024-04-08T05:00:00Z',
    expr: { $isoWeekYear: { date: '$at', timezone: 'America/Chicago' } },
    want: 2024,
  },
  { from: `${ISO_WEEK_YEAR} Example: anniversaries _id 1`, at: '2016-01-01T00:00:00Z', expr: { $isoWeekYear: '$at' }, want: 2015 },
  { from: `${ISO_WEEK_YEAR} Example: anniversaries _id 2`, at: '2016-01-04T00:00:00Z', expr: { $isoWeekYear: '$at' }, want: 2016 },
  { from: `${ISO_WEEK_YEAR} Example: anniversaries _id 3`, at: '2015-01-01T00:00:00Z', expr: { $isoWeekYear: '$at' }, want: 2015 },
  { from: `${ISO_WEEK_YEAR} Example: anniversaries _id 4`, at: '2014-04-21T00:00:00Z', expr: { $isoWeekYear: '$at' }, want: 2014 },
  { from: `${CLOUDBASE_AGGREGATION} isoWeekYear`, at: '2019-05-14T09:38:51.686Z', expr: { $isoWeekYear: '$at' }, want: 2019 },
]

const isoWeekRows: Row[] = [
  {
    from: `${ISO_WEEK} Behavior: { date: new Date("Jan 4, 2016") }`,
    at: '2016-01-04T00:00:00Z',
    expr: { $isoWeek: { date: '$at' } },
    want: 1,
  },
  { from: `${ISO_WEEK} Behavior: new Date("2016-01-01")`, at: '2016-01-01T00:00:00Z', expr: { $isoWeek: '$at' }, want: 53 },
  { from: `${ISO_WEEK} Behavior: ISODate("1998-11-02T00:00:00Z")`, at: '1998-11-02T00:00:00Z', expr: { $isoWeek: '$at' }, want: 45 },
  {
    from: `${ISO_WEEK} Behavior: ISODate("1998-11-02T00:00:00Z"), timezone "-0500"`,
    at: '1998-11-02T00:00:00Z',
    expr: { $isoWeek: { date: '$at', timezone: '-0500' } },
    want: 44,
  },
  { from: `${ISO_WEEK} Example: deliveries Boston`, at: '2006-10-24T00:00:00Z', expr: { $isoWeek: '$at' }, want: 43 },
  { from: `${ISO_WEEK} Example: deliveries Detroit`, at: '2011-08-18T00:00:00Z', expr: { $isoWeek: '$at' }, want: 33 },
  { from: `${WECHAT_ISO_WEEK} 示例`, at: '2019-05-14T09:38:51.686Z', expr: { $isoWeek: '$at' }, want: 20 },
]

const format = (fmt: string, timezone?: string) => ({ $dateToString: { date: '$at', format: fmt, ...(timezone ? { timezone } : {}) } })
const SALE = '2014-01-01T08:15:39.736Z'

const dateToStringRows: Row[] = [
  { from: `${DATE_TO_STRING} Example: yearMonthDayUTC`, at: SALE, expr: format('%Y-%m-%d'), want: '2014-01-01' },
  {
    from: `${DATE_TO_STRING} Example: timewithOffsetNY`,
    at: SALE,
    expr: format('%H:%M:%S:%L%z', 'America/New_York'),
    want: '03:15:39:736-0500',
  },
  { from: `${DATE_TO_STRING} Example: timewithOffset430`, at: SALE, expr: format('%H:%M:%S:%L%z', '+04:30'), want: '12:45:39:736+0430' },
  { from: `${DATE_TO_STRING} Example: minutesOffsetNY`, at: SALE, expr: format('%Z', 'America/New_York'), want: '-300' },
  { from: `${DATE_TO_STRING} Example: minutesOffset430`, at: SALE, expr: format('%Z', '+04:30'), want: '270' },
  { from: `${DATE_TO_STRING} Example: abbreviated_month`, at: SALE, expr: format('%b', '+04:30'), want: 'Jan' },
  { from: `${DATE_TO_STRING} Example: full_month`, at: SALE, expr: format('%B', '+04:30'), want: 'January' },
  // The specifier table: %j day of year (001-366), %u ISO day (1 Monday … 7 Sunday), %w day of week
  // (1 Sunday … 7 Saturday), %% a literal percent. 1 January 2014 is a Wednesday.
  { from: `${DATE_TO_STRING} Format Specifiers: %j %u %w`, at: SALE, expr: format('%j %u %w'), want: '001 3 4' },
  { from: `${DATE_TO_STRING} Format Specifiers: %%`, at: SALE, expr: format('100%% %%Y'), want: '100% %Y' },
  // %U is $week (strftime's %U), %G is $isoWeekYear, %V is $isoWeek: the rows above, formatted.
  { from: `${DATE_TO_STRING} %U = ${WEEK} ISODate("1998-11-01T00:00:00Z")`, at: '1998-11-01T00:00:00Z', expr: format('%U'), want: '44' },
  { from: `${DATE_TO_STRING} %U = ${WEEK} new Date("Jan 1, 2016")`, at: '2016-01-01T00:00:00Z', expr: format('%U'), want: '00' },
  { from: `${DATE_TO_STRING} %U = ${WEEK} Definition, 2018's last day`, at: '2018-12-31T00:00:00Z', expr: format('%U'), want: '52' },
  {
    from: `${DATE_TO_STRING} %G-%V = ${ISO_WEEK_YEAR} / ${ISO_WEEK} new Date("2016-01-01")`,
    at: '2016-01-01T00:00:00Z',
    expr: format('%G-W%V-%u'),
    want: '2015-W53-5',
  },
  {
    from: `${DATE_TO_STRING} %G = ${ISO_WEEK_YEAR} ISODate("2017-01-02T00:00:00Z"), timezone "-0500"`,
    at: '2017-01-02T00:00:00Z',
    expr: format('%G', '-0500'),
    want: '2016',
  },
  // CloudBase's test stores new Date('1999/12/12') read in UTC+8 (its machine's zone): 1999-12-11T16:00Z.
  { from: `${CLOUDBASE_COMMAND} dateToString 格式化日期`, at: '1999-12-11T16:00:00Z', expr: format('%Y-%m-%d'), want: '1999-12-11' },
  {
    from: `${CLOUDBASE_COMMAND} dateToString 时区时间`,
    at: '1999-12-11T16:00:00Z',
    expr: format('%H:%M:%S', 'Asia/Shanghai'),
    want: '00:00:00',
  },
]

describe.each([
  ['$week', weekRows],
  ['$isoWeekYear', isoWeekYearRows],
  ['$isoWeek', isoWeekRows],
  ['$dateToString', dateToStringRows],
])('%s, as MongoDB documents it', (_op, rows) => {
  it.each(rows)('when the date is $at, then the documented result comes back ($from)', async ({ at, expr, want }) => {
    expect(await evaluate(d(at), expr)).toEqual(want)
  })
})

describe('$dateToString refusals', () => {
  it('when the format holds a specifier MongoDB does not know, then the request is refused instead of printing it', async () => {
    const db = open()
    await db.handle(add('items', { _id: 'x', at: d(SALE) }))
    for (const fmt of ['%Y %Q', 'ends with %']) {
      expect((await failure(db, aggregate('items', [['$project', { v: format(fmt) }]]))).code).toBe('INVALID_PARAM')
    }
  })
  it('when a timezone is not a zone the host knows, then the request is refused as a bad parameter', async () => {
    const db = open()
    await db.handle(add('items', { _id: 'x', at: d(SALE) }))
    for (const v of [{ $week: { date: '$at', timezone: 'Nowhere/Special' } }, format('%U', 'Nowhere/Special')]) {
      expect((await failure(db, aggregate('items', [['$project', { v }]]))).code).toBe('INVALID_PARAM')
    }
  })
  it('when the date is missing, then onNull (or null) comes back, as before', async () => {
    const db = open()
    await db.handle(add('items', { _id: 'x' }))
    const out = await list(
      db,
      aggregate('items', [
        ['$project', { _id: 0, a: { $dateToString: { date: '$at', onNull: 'null' } }, b: { $dateToString: { date: '$at' } } }],
      ]),
    )
    expect(out).toEqual([{ a: 'null', b: null }])
  })
})

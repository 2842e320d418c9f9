import { describe, expect, it } from 'vitest'
import { add, aggregate, failure, list, open } from './helpers'

// `$substr` (an alias of `$substrBytes` since MongoDB 3.4) and `$substrBytes` as MongoDB answers
// them, row by row from the documentation and from CloudBase's own SDK tests.
const SUBSTR = 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/substr/'
const SUBSTR_BYTES = 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/substrBytes/'
// Run against CloudBase: `day: $.substr(['$birthday', 8, -1])` → '12' (tests 'substr', 'substrBytes').
const CLOUDBASE_COMMAND = 'TencentCloudBase/node-sdk test/database/unit/command.test.ts'
// MongoDB's server (ExpressionSubstrBytes): a negative length takes the rest of the string, the end
// is clipped to the string (std::string::substr), a start at or past the end gives ''.
const SERVER = "MongoDB's server, ExpressionSubstrBytes"

interface Row {
  from: string
  args: [unknown, number, number]
  want: string
}

const rows: Row[] = [
  { from: `${SUBSTR} Behavior: a negative <length> returns the rest of the string`, args: ['13Q1', 2, -1], want: 'Q1' },
  { from: `${SUBSTR} Example: yearSubstring`, args: ['13Q4', 0, 2], want: '13' },
  { from: `${SUBSTR} Example: quarterSubstring`, args: ['14Q2', 2, -1], want: 'Q2' },
  { from: `${CLOUDBASE_COMMAND} substr year`, args: ['1999/12/12', 0, 4], want: '1999' },
  { from: `${CLOUDBASE_COMMAND} substr month`, args: ['1998/11/11', 5, 2], want: '11' },
  { from: `${CLOUDBASE_COMMAND} substr day`, args: ['1997/10/10', 8, -1], want: '10' },
  { from: `${SUBSTR_BYTES} Behavior: ["abcde", 1, 2]`, args: ['abcde', 1, 2], want: 'bc' },
  { from: `${SUBSTR_BYTES} Behavior: ["Hello World!", 6, 5]`, args: ['Hello World!', 6, 5], want: 'World' },
  { from: `${SUBSTR_BYTES} Behavior: ["cafétéria", 0, 5]`, args: ['cafétéria', 0, 5], want: 'café' },
  { from: `${SUBSTR_BYTES} Behavior: ["cafétéria", 5, 4]`, args: ['cafétéria', 5, 4], want: 'tér' },
  { from: `${SUBSTR_BYTES} Definition: a null string gives an empty string`, args: [null, 0, 2], want: '' },
  { from: `${SERVER}: a negative length over multi-byte text`, args: ['微供代理', 3, -1], want: '供代理' },
  { from: `${SERVER}: a length past the end stops at the end`, args: ['abc', 1, 10], want: 'bc' },
  { from: `${SERVER}: a start at the end`, args: ['abc', 3, 1], want: '' },
  { from: `${SERVER}: a start past the end`, args: ['abc', 5, 1], want: '' },
]

async function evaluate(op: string, args: unknown[]): Promise<unknown> {
  const db = open()
  await db.handle(add('items', { _id: 'x', s: args[0] }))
  const [out] = await list(db, aggregate('items', [['$project', { _id: 0, v: { [op]: ['$s', args[1], args[2]] } }]]))
  return out.v
}

describe.each(['$substr', '$substrBytes'])('%s, as MongoDB documents it', (op) => {
  it.each(rows)('when the arguments are $args, then the documented substring comes back ($from)', async ({ args, want }) => {
    expect(await evaluate(op, args)).toBe(want)
  })

  it('when a start or an end falls inside a UTF-8 character, or the start is negative, then the request is refused', async () => {
    const db = open()
    await db.handle(add('items', { _id: 'x', s: 'cafétéria' }))
    // SUBSTR_BYTES Behavior: ["cafétéria", 7, 3] and ["cafétéria", 3, 1] are errors; a negative start is refused by the server.
    for (const args of [
      [7, 3],
      [3, 1],
      [-1, 2],
    ]) {
      const e = await failure(db, aggregate('items', [['$project', { v: { [op]: ['$s', ...args] } }]]))
      expect(e.code).toBe('INVALID_PARAM')
    }
  })
})

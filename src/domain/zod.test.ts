import { describe, expect, it } from 'vitest'
import { z } from './zod'

/** A message a Chinese reader can read: at least one CJK character and no English word of zod's. */
function isChinese(message: string): boolean {
  return /[\u4e00-\u9fff]/.test(message) && !/\b(Required|Expected|Invalid|String|Number|must|contain|least|most)\b/.test(message)
}

describe('the Chinese error map', () => {
  it.each<[string, z.ZodTypeAny, unknown]>([
    ['a missing field', z.object({ since: z.number() }), {}],
    ['a wrong type', z.object({ since: z.number() }), { since: 'x' }],
    ['an unknown key', z.object({}).strict(), { extra: 1 }],
    ['an enum', z.enum(['on_sale', 'off_shelf']), 'sold'],
    ['a short string', z.string().min(3), 'a'],
    ['an empty string', z.string().min(1), ''],
    ['a long string', z.string().max(2), 'abc'],
    ['a small number', z.number().min(1), 0],
    ['a big number', z.number().max(1), 2],
    ['a fraction', z.number().int(), 1.5],
    ['an infinite number', z.number().finite(), Infinity],
    ['a short array', z.array(z.string()).min(1), []],
    ['a long array', z.array(z.string()).max(1), ['a', 'b']],
    ['a literal', z.literal('Timer'), 'x'],
    ['a union', z.union([z.string(), z.number()]), true],
    ['a regex', z.string().regex(/^a$/), 'b'],
    ['a url', z.string().url(), 'b'],
    ['a refinement', z.string().refine(() => false), 'b'],
    ['a multiple', z.number().multipleOf(5), 3],
  ])('when %s is refused, then every message is Chinese', (_case, schema, value) => {
    const result = schema.safeParse(value)
    expect(result.success).toBe(false)
    for (const issue of result.success ? [] : result.error.issues) expect(isChinese(issue.message), issue.message).toBe(true)
  })

  it('when a field is missing, then the message names it', () => {
    const result = z.object({ since: z.number() }).safeParse({})
    expect(result.success ? '' : result.error.issues[0]?.message).toBe('缺少必填项「since」')
  })

  it("when a schema gives its own message, then it wins over the map's", () => {
    const result = z.string().min(1, '请填写商品描述').safeParse('')
    expect(result.success ? '' : result.error.issues[0]?.message).toBe('请填写商品描述')
  })
})

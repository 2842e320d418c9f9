import { describe, expect, it } from 'vitest'
import { z } from './zod'
import { checkWith } from './errors'

const schema = z.object({ name: z.string().min(1, '请填写名称'), specs: z.array(z.object({ price: z.number().int('价格不正确') })) })

describe('checkWith', () => {
  it.each([
    [
      'a valid value, then its parsed input',
      { name: '甲', specs: [{ price: 1 }] },
      { ok: true, input: { name: '甲', specs: [{ price: 1 }] } },
    ],
    ['an empty name, then the message on name', { name: '', specs: [] }, { ok: false, errors: { name: '请填写名称' } }],
    [
      'a bad price in the second spec, then the message on its dotted path',
      { name: '甲', specs: [{ price: 1 }, { price: 1.5 }] },
      { ok: false, errors: { 'specs.1.price': '价格不正确' } },
    ],
  ])('when given %s', (_, value, expected) => {
    expect(checkWith(schema, value)).toEqual(expected)
  })

  it('when the form names its own fields, then each message lands on the field the path maps to', () => {
    const checked = checkWith(schema, { name: '甲', specs: [{ price: 0.5 }] }, (path) => String(path[0]))
    expect(checked).toEqual({ ok: false, errors: { specs: '价格不正确' } })
  })
})

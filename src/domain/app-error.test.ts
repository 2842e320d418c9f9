import { describe, expect, it } from 'vitest'
import { messagesByField, readAnswer } from './app-error'

describe('messagesByField', () => {
  const issues = [
    { path: ['name'], message: '请填写供应商名称' },
    { path: ['specs', 1, 'price'], message: '价格必须大于 0' },
    { path: ['specs', 1, 'price'], message: '价格过高' },
  ]

  it('when a field has several issues, then the first message shows, keyed by the dotted path', () => {
    expect(messagesByField(issues)).toEqual({ name: '请填写供应商名称', 'specs.1.price': '价格必须大于 0' })
  })

  it('when a key function groups paths, then the groups get their first message', () => {
    expect(messagesByField(issues, (path) => String(path[0]))).toEqual({ name: '请填写供应商名称', specs: '价格必须大于 0' })
  })
})

describe('readAnswer', () => {
  it('when the answer is ok with data, then it is read as such, whatever the data', () => {
    expect(readAnswer({ ok: true, data: { items: [] } })).toEqual({ ok: true, data: { items: [] } })
    expect(readAnswer({ ok: true, data: null })).toEqual({ ok: true, data: null })
  })

  it('when the answer is an error of the spec, then its code, message and issues are read, nothing else', () => {
    const issues = [{ path: ['specs', 0, 'price'], message: '价格过高' }]
    expect(readAnswer({ ok: false, error: { code: 'OUT_OF_STOCK', message: '库存不足', extra: 1 } })).toEqual({
      ok: false,
      error: { code: 'OUT_OF_STOCK', message: '库存不足' },
    })
    expect(readAnswer({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '参数错误', issues } })).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: '参数错误', issues },
    })
  })

  it.each([
    ['nothing', undefined],
    ['a string', 'Internal Server Error'],
    ['an array', [{ ok: true, data: 1 }]],
    ['ok without data', { ok: true }],
    ['no ok', { data: 1 }],
    ['ok as a string', { ok: 'true', data: 1 }],
    ['an error without a body', { ok: false }],
    ['an unknown code', { ok: false, error: { code: 'TEAPOT', message: '?' } }],
    ['a message that is not text', { ok: false, error: { code: 'INTERNAL', message: 1 } }],
    ['issues that are not a list', { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'x', issues: {} } }],
    [
      'an issue with a bad path',
      { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'x', issues: [{ path: [true], message: 'y' }] } },
    ],
  ])('when the answer is %s, then it is not an answer', (_, raw) => {
    expect(readAnswer(raw)).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import { messagesByField } from './errors'

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

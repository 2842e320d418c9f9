import { describe, expect, it } from 'vitest'
import { AppError } from './app-error'
import { CHECK_MAX_CHARS, checkParts, riskyTextError, SCENES } from './content-rules'

describe('content security refusals (R20)', () => {
  it('when fields are risky, then one INVALID_ARGUMENT names each field in Chinese, the first as the message', () => {
    const error = riskyTextError([
      { path: ['description'], label: '商品描述', text: 'x', scene: SCENES.social },
      { path: ['specs', 1, 'name'], label: '规格名称', text: 'y', scene: SCENES.social },
    ])
    expect(error).toBeInstanceOf(AppError)
    expect(error.toBody()).toEqual({
      code: 'INVALID_ARGUMENT',
      message: '商品描述含有不适宜发布的内容，请修改后再试',
      issues: [
        { path: ['description'], message: '商品描述含有不适宜发布的内容，请修改后再试' },
        { path: ['specs', 1, 'name'], message: '规格名称含有不适宜发布的内容，请修改后再试' },
      ],
    })
  })

  it.each([
    ['empty', '', 0],
    ['within one call', '好'.repeat(CHECK_MAX_CHARS), 1],
    ['one over', '好'.repeat(CHECK_MAX_CHARS + 1), 2],
  ])('when the text is %s, then it is checked in %s part(s) that join back to it', (_case, text, parts) => {
    const cut = checkParts(text)
    expect(cut).toHaveLength(parts)
    expect(cut.join('')).toBe(text)
    expect(cut.every((part) => Array.from(part).length <= CHECK_MAX_CHARS)).toBe(true)
  })

  it('when an emoji sits at the edge, then parts cut on code points, never half of one', () => {
    expect(checkParts('ab👗cd', 3)).toEqual(['ab👗', 'cd'])
  })
})

import { describe, expect, it } from 'vitest'
import { AppError } from './app-error'
import { changedTexts, CHECK_MAX_CHARS, checkParts, riskyTextError, SCENES, type PublishedText } from './content-rules'

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

describe('an edit re-checks only changed text (R20)', () => {
  const text = (label: string, value: string, scene: PublishedText['scene'] = SCENES.social): PublishedText => ({
    path: [label],
    label,
    text: value,
    scene,
  })
  it.each([
    ['nothing changed', [text('商品描述', 'a'), text('规格名称', 'M')], [text('商品描述', 'a'), text('规格名称', 'M')], []],
    ['the description changed', [text('商品描述', 'b'), text('规格名称', 'M')], [text('商品描述', 'a'), text('规格名称', 'M')], ['b']],
    ['a spec was added', [text('规格名称', 'M'), text('规格名称', 'L')], [text('规格名称', 'M')], ['L']],
    ['specs were reordered', [text('规格名称', 'L'), text('规格名称', 'M')], [text('规格名称', 'M'), text('规格名称', 'L')], []],
    ['the same text moved to another field', [text('规格名称', 'a')], [text('商品描述', 'a')], ['a']],
    ['the same text is shown in another scene', [text('昵称', 'a', SCENES.profile)], [text('昵称', 'a')], ['a']],
    ['nothing was published before', [text('昵称', 'a')], [], ['a']],
  ])('when %s, then the texts checked are %j', (_case, fields, published, checked) => {
    expect(changedTexts(fields, published).map((field) => field.text)).toEqual(checked)
  })
})

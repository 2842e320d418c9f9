import { describe, expect, it } from 'vitest'
import { wrapText } from './draw'

/** Every character 10 px wide. */
const ctx = { measureText: (text: string) => ({ width: Array.from(text).length * 10 }) }

describe('the poster text (R16)', () => {
  it('when a text is wider than the box, then it wraps by characters and keeps its line breaks', () => {
    expect(wrapText(ctx, '一二三四五六七\n八九', 30, 5)).toEqual(['一二三', '四五六', '七', '八九'])
  })

  it('when it runs past the last line, then the last line ends with …', () => {
    expect(wrapText(ctx, '一二三四五六七八九十', 30, 2)).toEqual(['一二三', '四五…'])
  })

  it('when an emoji is counted, then it is one character, never split', () => {
    expect(wrapText(ctx, '🔥🔥🔥🔥', 20, 5)).toEqual(['🔥🔥', '🔥🔥'])
  })
})

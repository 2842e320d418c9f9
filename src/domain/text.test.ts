import { describe, expect, it } from 'vitest'
import { codePointLength } from './text'

describe('codePointLength (R4 counts code points)', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['微供', 2],
    ['👍', 1],
    ['👨‍👩‍👧', 5], // a family emoji is several code points joined by ZWJ
    ['好货🔥', 3],
  ])('when the text is %j, then its length is %i', (text, length) => {
    expect(codePointLength(text)).toBe(length)
  })
})

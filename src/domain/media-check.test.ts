import { describe, expect, it } from 'vitest'
import { newImages, stillHidden } from './media-check'

describe('image checks (R20)', () => {
  it.each([
    ['a new item', ['a', 'b'], [], ['a', 'b']],
    ['nothing new', ['a', 'b'], ['b', 'a'], []],
    ['one added', ['a', 'c'], ['a', 'b'], ['c']],
    ['the same image twice', ['c', 'c'], [], ['c']],
    ['an empty file id', ['', 'a'], [], ['a']],
  ])('when %s, then the images sent for a check are %j', (_case, after, before, checked) => {
    expect(newImages(after, before)).toEqual(checked)
  })

  it.each([
    ['the risky image is still on it', ['x'], ['a', 'x'], true],
    ['the risky image was replaced', ['x'], ['a', 'b'], false],
    ['one of two risky images is left', ['x', 'y'], ['y'], true],
  ])('when %s, then the item stays hidden: %s', (_case, risky, now, hidden) => {
    expect(stillHidden(risky, now)).toBe(hidden)
  })
})

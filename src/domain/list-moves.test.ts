import { describe, expect, it } from 'vitest'
import { moveItem, type Move } from './list-moves'

describe('moveItem (置顶 / 上移 / 下移 of a list the user orders, e.g. 我的小店)', () => {
  it.each<[string, string[], number, Move, string[] | null]>([
    ['when the second goes up, then it swaps with the first', ['a', 'b', 'c'], 1, 'up', ['b', 'a', 'c']],
    ['when the second goes down, then it swaps with the third', ['a', 'b', 'c'], 1, 'down', ['a', 'c', 'b']],
    ['when the last goes to the top, then the others keep their order after it', ['a', 'b', 'c'], 2, 'top', ['c', 'a', 'b']],
    ['when the first goes up, then nothing can move', ['a', 'b', 'c'], 0, 'up', null],
    ['when the first goes to the top, then nothing can move', ['a', 'b', 'c'], 0, 'top', null],
    ['when the last goes down, then nothing can move', ['a', 'b', 'c'], 2, 'down', null],
    ['when the list has one item, then nothing can move', ['a'], 0, 'down', null],
    ['when the index is outside the list, then nothing can move', ['a', 'b'], 5, 'up', null],
  ])('%s', (_, list, index, move, next) => {
    expect(moveItem(list, index, move)).toEqual(next)
  })

  it('when an item moves, then the given list is left as it was', () => {
    const list = ['a', 'b', 'c']
    moveItem(list, 2, 'top')
    expect(list).toEqual(['a', 'b', 'c'])
  })
})

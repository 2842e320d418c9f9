import { describe, expect, it } from 'vitest'
import type { LoadedImage, PosterContext } from './draw'
import { drawSelectionPoster, selectionGrid, type SelectionPosterData } from './selection-draw'

/** A canvas that records what is drawn; every character 10 px wide. */
function recorder() {
  const texts: string[] = []
  const images: Array<{ source: unknown; box: number[] }> = []
  const ctx = {
    fillStyle: '',
    font: '',
    textBaseline: 'alphabetic',
    fillRect: () => undefined,
    fillText: (text: string) => void texts.push(text),
    measureText: (text: string) => ({ width: Array.from(text).length * 10 }),
    drawImage: (source: unknown, ...box: number[]) => void images.push({ source, box: box.slice(-4) }),
  } as unknown as PosterContext
  return { ctx, texts, images }
}

const picture = (name: string): LoadedImage => ({ source: name as unknown as CanvasImageSource, width: 800, height: 800 })
const data = (overrides: Partial<SelectionPosterData> = {}): SelectionPosterData => ({
  images: ['a', 'b', 'c'],
  title: '精选 3 件好物',
  count: 3,
  code: 'code.png',
  path: 'pages/selection/index?token=abcdefghijklmnop',
  nickname: '小美的店',
  ...overrides,
})

describe('the selection poster’s grid (多选分享)', () => {
  it.each([
    [1, 1, 750],
    [2, 2, 372],
    [3, 3, 246],
    [4, 2, 372],
    [5, 3, 246],
    [9, 3, 246],
  ])('when it holds %i pictures, then they go in %i columns of %i px, in the order picked, inside the square', (count, columns, size) => {
    const cells = selectionGrid(count)
    expect(cells).toHaveLength(count)
    expect(new Set(cells.map((c) => c.x)).size).toBe(columns)
    expect(cells.every((c) => c.size === size)).toBe(true)
    // Row by row, left to right: the Moments grid's order.
    const order = [...cells].sort((p, q) => p.y - q.y || p.x - q.x)
    expect(order).toEqual(cells)
    for (const c of cells) {
      expect(c.x + c.size).toBeLessThanOrEqual(750)
      expect(c.y).toBeGreaterThanOrEqual(0)
      expect(c.y + c.size).toBeLessThanOrEqual(750)
    }
  })

  it('when it holds none, then there is no cell', () => {
    expect(selectionGrid(0)).toEqual([])
  })
})

describe('the selection poster (多选分享)', () => {
  it('when every picture and the code load, then each picture fills its cell in order, with the title, the count, the code and the sharer', () => {
    const { ctx, texts, images } = recorder()
    drawSelectionPoster(ctx, data(), [picture('a'), picture('b'), picture('c')], picture('code'))
    expect(images.map((i) => i.source)).toEqual(['a', 'b', 'c', 'code'])
    expect(images.slice(0, 3).map((i) => i.box)).toEqual(selectionGrid(3).map((c) => [c.x, c.y, c.size, c.size]))
    expect(texts).toEqual(['精选 3 件好物', '共 3 件 · 点开看图和价格', '长按识别小程序码', '来自 小美的店 的分享'])
  })

  it('when a picture fails to load, then its cell stays empty and the others keep their places', () => {
    const { ctx, images } = recorder()
    drawSelectionPoster(ctx, data(), [picture('a'), null, picture('c')], picture('code'))
    const cells = selectionGrid(3)
    expect(images.slice(0, 2).map((i) => [i.source, ...i.box])).toEqual([
      ['a', cells[0]?.x, cells[0]?.y, cells[0]?.size, cells[0]?.size],
      ['c', cells[2]?.x, cells[2]?.y, cells[2]?.size, cells[2]?.size],
    ])
  })

  it('when there is no code, then the page’s path is printed where the code would be', () => {
    const { ctx, texts, images } = recorder()
    drawSelectionPoster(ctx, data({ code: '' }), [picture('a'), picture('b'), picture('c')], null)
    expect(images.map((i) => i.source)).toEqual(['a', 'b', 'c'])
    expect(texts).not.toContain('长按识别小程序码')
    // The path, wrapped to the code's 210 px, reads whole when its lines are joined.
    expect(texts.join('')).toContain('pages/selection/index?token=abcdefghijklmnop')
  })

  it('when the title is long, then it wraps to two lines ending with …', () => {
    const { ctx, texts } = recorder()
    drawSelectionPoster(ctx, data({ title: '碎'.repeat(100) }), [], picture('code'))
    expect(texts[0]).toBe('碎'.repeat(42))
    expect(texts[1]).toBe(`${'碎'.repeat(41)}…`)
  })
})

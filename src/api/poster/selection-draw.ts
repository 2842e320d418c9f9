import { cover, POSTER_HEIGHT, POSTER_WIDTH, wrapText, type LoadedImage, type PosterContext } from './draw'

/**
 * The selection's poster (多选分享, docs/decisions/my-words.md): the first picture of each product
 * in the grid order of the Moments post, the selection's title, and the mini-program code opening
 * its customer view — or, where no code could be made, the page's path printed instead.
 */
export interface SelectionPosterData {
  /** The first picture of each product, in the order picked (at most nine). */
  images: string[]
  title: string
  /** How many products the selection holds. */
  count: number
  /** The code's image URL ('' when there is none). */
  code: string
  /** The customer view's path, printed when the code is missing. */
  path: string
  nickname: string
}

export interface Cell {
  x: number
  y: number
  size: number
}

const GRID = POSTER_WIDTH
const GAP = 6

/**
 * Where each picture goes in the square above the text: one fills it, two and four go in two
 * columns, any other count in three (the Moments grid); the rows are centred in the square.
 */
export function selectionGrid(count: number): Cell[] {
  if (count <= 0) return []
  const columns = count === 1 ? 1 : count === 2 || count === 4 ? 2 : 3
  const rows = Math.ceil(count / columns)
  const size = Math.floor((GRID - GAP * (columns - 1)) / columns)
  const height = rows * size + (rows - 1) * GAP
  const top = Math.floor((GRID - height) / 2)
  return Array.from({ length: count }, (_, i) => ({
    x: (i % columns) * (size + GAP),
    y: top + Math.floor(i / columns) * (size + GAP),
    size,
  }))
}

/** `pictures[i]` is the loaded `data.images[i]` (null where it failed: a grey cell keeps the order). */
export function drawSelectionPoster(
  ctx: PosterContext,
  data: SelectionPosterData,
  pictures: Array<LoadedImage | null>,
  code: LoadedImage | null,
): void {
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT)
  selectionGrid(data.images.length).forEach((cell, i) => {
    ctx.fillStyle = '#f5f6f8'
    ctx.fillRect(cell.x, cell.y, cell.size, cell.size)
    const picture = pictures[i]
    if (picture) cover(ctx, picture, cell.x, cell.y, cell.size, cell.size)
  })
  ctx.textBaseline = 'top'
  let y = GRID + 40
  ctx.fillStyle = '#1f2329'
  ctx.font = 'bold 36px sans-serif'
  for (const line of wrapText(ctx, data.title, 420, 2)) {
    ctx.fillText(line, 40, y)
    y += 52
  }
  ctx.fillStyle = '#4e5969'
  ctx.font = '28px sans-serif'
  ctx.fillText(`共 ${data.count} 件 · 点开看图和价格`, 40, y + 12)
  if (code) {
    ctx.drawImage(code.source, 0, 0, code.width, code.height, 500, GRID + 40, 210, 210)
    ctx.fillStyle = '#8a8f99'
    ctx.font = '22px sans-serif'
    ctx.fillText('长按识别小程序码', 518, GRID + 264)
  } else {
    ctx.fillStyle = '#8a8f99'
    ctx.font = '22px sans-serif'
    let pathY = GRID + 40
    for (const line of wrapText(ctx, `微信小程序「微供」\n${data.path}`, 210, 6)) {
      ctx.fillText(line, 500, pathY)
      pathY += 32
    }
  }
  ctx.fillStyle = '#4e5969'
  ctx.font = '24px sans-serif'
  ctx.fillText(`来自 ${data.nickname} 的分享`, 40, POSTER_HEIGHT - 64)
}

/**
 * The poster (海报, R16) drawn the same way on both platforms: the main picture, the start of the
 * text, the agent's retail price and the mini-program code that opens the customer view. Only the
 * canvas and the image loader differ (index.h5.ts / index.weapp.ts).
 */
export interface PosterData {
  image: string
  text: string
  /** 「💰 ¥129.00」 or null when the agent shows no price. */
  priceLine: string | null
  code: string
  nickname: string
}

/** The subset of CanvasRenderingContext2D both platforms' 2D canvases offer. */
export interface PosterContext {
  fillStyle: string | CanvasGradient | CanvasPattern
  font: string
  textBaseline: CanvasTextBaseline
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  drawImage(image: CanvasImageSource, dx: number, dy: number, dw: number, dh: number): void
  drawImage(image: CanvasImageSource, sx: number, sy: number, sw: number, sh: number, dx: number, dy: number, dw: number, dh: number): void
}

export interface LoadedImage {
  source: CanvasImageSource
  width: number
  height: number
}

export const POSTER_WIDTH = 750
export const POSTER_HEIGHT = 1200

/** Lines of at most `width` px, at most `max` lines, the last cut with …. */
export function wrapText(ctx: Pick<PosterContext, 'measureText'>, text: string, width: number, max: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const char of Array.from(paragraph)) {
      if (ctx.measureText(line + char).width > width && line) {
        lines.push(line)
        line = char
      } else line += char
    }
    lines.push(line)
  }
  const kept = lines.filter((l, i) => l.trim() !== '' || i === 0).slice(0, max)
  if (lines.length > max && kept.length > 0)
    kept[kept.length - 1] = `${Array.from(kept[kept.length - 1] ?? '')
      .slice(0, -1)
      .join('')}…`
  return kept
}

/** Draws `image` to cover the box (like aspectFill). */
export function cover(ctx: PosterContext, image: LoadedImage, x: number, y: number, w: number, h: number): void {
  const scale = Math.max(w / image.width, h / image.height)
  const sw = w / scale
  const sh = h / scale
  ctx.drawImage(image.source, (image.width - sw) / 2, (image.height - sh) / 2, sw, sh, x, y, w, h)
}

export function drawPoster(ctx: PosterContext, data: PosterData, picture: LoadedImage | null, code: LoadedImage | null): void {
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT)
  ctx.fillStyle = '#f5f6f8'
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_WIDTH)
  if (picture) cover(ctx, picture, 0, 0, POSTER_WIDTH, POSTER_WIDTH)
  ctx.textBaseline = 'top'
  let y = POSTER_WIDTH + 36
  if (data.priceLine) {
    ctx.fillStyle = '#ff4d00'
    ctx.font = 'bold 52px sans-serif'
    ctx.fillText(data.priceLine.replace('💰 ', ''), 40, y)
    y += 80
  }
  ctx.fillStyle = '#1f2329'
  ctx.font = '30px sans-serif'
  for (const line of wrapText(ctx, data.text, 420, 5)) {
    ctx.fillText(line, 40, y)
    y += 44
  }
  if (code) ctx.drawImage(code.source, 0, 0, code.width, code.height, 500, POSTER_WIDTH + 40, 210, 210)
  ctx.fillStyle = '#8a8f99'
  ctx.font = '22px sans-serif'
  ctx.fillText('长按识别小程序码', 518, POSTER_WIDTH + 264)
  ctx.fillStyle = '#4e5969'
  ctx.font = '24px sans-serif'
  ctx.fillText(`来自 ${data.nickname} 的分享`, 40, POSTER_HEIGHT - 64)
}

import { AppError } from '@/domain/app-error'
import { drawPoster, POSTER_HEIGHT, POSTER_WIDTH, type LoadedImage, type PosterContext, type PosterData } from './draw'

export type { PosterData } from './draw'

/** Loads through fetch, so the canvas stays exportable (a blob URL is same-origin). */
async function load(url: string): Promise<LoadedImage | null> {
  if (!url) return null
  try {
    const blob = await (await fetch(url)).blob()
    const image = new Image()
    image.src = URL.createObjectURL(blob)
    await image.decode()
    return { source: image, width: image.naturalWidth, height: image.naturalHeight }
  } catch {
    return null
  }
}

/** A PNG data URL, downloadable as 海报.png: `draw` paints what `urls` loaded (null where one failed). */
export async function paintPoster(urls: string[], draw: (ctx: PosterContext, images: Array<LoadedImage | null>) => void): Promise<string> {
  const canvas = document.createElement('canvas')
  canvas.width = POSTER_WIDTH
  canvas.height = POSTER_HEIGHT
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new AppError('INTERNAL', '海报生成失败，请稍后再试')
  draw(ctx as unknown as PosterContext, await Promise.all(urls.map(load)))
  return canvas.toDataURL('image/png')
}

export function makePoster(data: PosterData): Promise<string> {
  return paintPoster([data.image, data.code], (ctx, [picture, code]) => drawPoster(ctx, data, picture ?? null, code ?? null))
}

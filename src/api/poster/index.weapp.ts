import Taro from '@tarojs/taro'
import { AppError } from '@/domain/app-error'
import { drawPoster, POSTER_HEIGHT, POSTER_WIDTH, type LoadedImage, type PosterContext, type PosterData } from './draw'

export type { PosterData } from './draw'

interface OffscreenCanvas2D {
  getContext(type: '2d'): unknown
  createImage(): { src: string; width: number; height: number; onload: () => void; onerror: () => void }
}

function load(canvas: OffscreenCanvas2D, url: string): Promise<LoadedImage | null> {
  if (!url) return Promise.resolve(null)
  return new Promise((resolve) => {
    const image = canvas.createImage()
    image.onload = () => resolve({ source: image as unknown as CanvasImageSource, width: image.width, height: image.height })
    image.onerror = () => resolve(null)
    image.src = url
  })
}

/**
 * Canvas 2D off screen (base library ≥ 2.16.1), exported to a temp file for the album or the share
 * menu: `draw` paints what `urls` loaded (null where one failed).
 */
export async function paintPoster(urls: string[], draw: (ctx: PosterContext, images: Array<LoadedImage | null>) => void): Promise<string> {
  const create = (Taro as unknown as { createOffscreenCanvas?: (o: object) => OffscreenCanvas2D }).createOffscreenCanvas
  if (typeof create !== 'function') throw new AppError('FAILED_PRECONDITION', '当前微信版本过低，请升级后再生成海报')
  const canvas = create({ type: '2d', width: POSTER_WIDTH, height: POSTER_HEIGHT })
  draw(canvas.getContext('2d') as PosterContext, await Promise.all(urls.map((url) => load(canvas, url))))
  try {
    const { tempFilePath } = await Taro.canvasToTempFilePath({
      canvas: canvas as never,
      fileType: 'png',
    } as Taro.canvasToTempFilePath.Option)
    return tempFilePath
  } catch {
    // Some base libraries export only on-screen canvases: write the PNG to the user data folder instead.
    return writeDataUrl((canvas as unknown as { toDataURL(type: string): string }).toDataURL('image/png'))
  }
}

export function makePoster(data: PosterData): Promise<string> {
  return paintPoster([data.image, data.code], (ctx, [picture, code]) => drawPoster(ctx, data, picture ?? null, code ?? null))
}

function writeDataUrl(dataUrl: string): Promise<string> {
  const path = `${(Taro as unknown as { env: { USER_DATA_PATH: string } }).env.USER_DATA_PATH}/wegong-poster-${Date.now()}.png`
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath: path,
      data: dataUrl.replace(/^data:image\/png;base64,/, ''),
      encoding: 'base64',
      success: () => resolve(path),
      fail: () => reject(new AppError('INTERNAL', '海报生成失败，请稍后再试')),
    })
  })
}

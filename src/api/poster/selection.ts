import { paintPoster } from '@/api/poster'
import { drawSelectionPoster, type SelectionPosterData } from './selection-draw'

export type { SelectionPosterData } from './selection-draw'

/**
 * The selection's poster, drawn as the single share's on each platform's canvas. Imported only by
 * subpackage pages (pages/pick), so the main package does not carry it.
 */
export function makeSelectionPoster(data: SelectionPosterData): Promise<string> {
  const pictures = data.images.slice(0, 9)
  return paintPoster([...pictures, data.code], (ctx, loaded) =>
    drawSelectionPoster(ctx, { ...data, images: pictures }, loaded.slice(0, pictures.length), loaded[pictures.length] ?? null),
  )
}

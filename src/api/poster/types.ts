import type { LoadedImage, PosterContext, PosterData } from './draw'

export interface PosterApi {
  /** Draws the poster and answers something `@/api/album` can save or share (temp path / data URL). */
  makePoster(data: PosterData): Promise<string>
  /** Loads `urls` (null where one fails), lets `draw` paint the poster, and answers it as `makePoster` does. */
  paintPoster(urls: string[], draw: (ctx: PosterContext, images: Array<LoadedImage | null>) => void): Promise<string>
}

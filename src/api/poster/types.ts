import type { PosterData } from './draw'

export interface PosterApi {
  /** Draws the poster and answers something `@/api/album` can save or share (temp path / data URL). */
  makePoster(data: PosterData): Promise<string>
}

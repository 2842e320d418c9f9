/** What both builds of `@/api/album` offer: 一键转发's clipboard and album (R16). */
export interface AlbumApi {
  /** Puts the share text on the clipboard. */
  copyText(text: string): Promise<void>
  /**
   * Asks for `scope.writePhotosAlbum` once before a batch; when refused, explains and offers the
   * settings. True when images may be saved (always in H5, where they download).
   */
  ensureAlbumPermission(): Promise<boolean>
  /** Saves one image (a temporary URL) to the album; downloads it in H5. Rejects on failure. */
  saveImage(url: string, fileName: string): Promise<void>
  /** Saves a locally drawn image (the poster: a temp path in weapp, a data URL in H5). */
  saveDrawnImage(source: string, fileName: string): Promise<void>
  /** Opens WeChat's share menu for a drawn image where it exists (weapp ≥ 2.14.3); false when it does not. */
  shareDrawnImage(source: string): Promise<boolean>
}

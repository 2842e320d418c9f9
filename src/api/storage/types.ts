/** What both builds of `@/api/storage` share: the shapes pages see and the API each build offers. */

export interface Uploaded {
  fileID: string
  /** A URL to show the file right away (temporary). */
  url: string
}

/** 0…1 */
export type ProgressHandler = (fraction: number) => void

/** What the picker hands over: a temp path in the mini-program, the File itself in H5. */
export interface PickedImage {
  /** Shown as the thumbnail while uploading. */
  previewUrl: string
  source: string | File
}

export interface PickedFile {
  name: string
  size: number
  source: string | File
}

/** What an upload is for; each has its own folder of names (src/domain/files.ts UPLOAD_KINDS), so a listing or a cleanup can tell them apart. */
export type UploadKind = 'products' | 'imports' | 'avatars'

export interface StorageApi {
  /** Lets the user pick up to `count` photos from the album or the camera. Cancelling gives []. */
  chooseImages(count: number): Promise<PickedImage[]>
  /** Compresses and uploads one product image; `onProgress` runs from 0 to 1. */
  uploadImage(source: string | File, onProgress?: ProgressHandler): Promise<Uploaded>
  /** Uploads the user's new avatar (the mini-program's chooseAvatar temp path, or a File in H5). */
  uploadAvatar(source: string | File, onProgress?: ProgressHandler): Promise<Uploaded>
  /** A CSV or JSON catalogue file: picked from a WeChat chat in the mini-program (R15), from disk in H5. */
  chooseImportFile(): Promise<PickedFile | null>
  /** Uploads a catalogue import file (where catalog.importFile reads it). */
  uploadFile(file: PickedFile, onProgress?: ProgressHandler): Promise<Uploaded>
  /** Saves an image (a code, a product photo) to the phone's album, or downloads it in H5. Resolves true when saved. */
  saveImageToAlbum(url: string, fileName?: string): Promise<boolean>
}

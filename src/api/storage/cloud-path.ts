import { AppError } from '@/domain/app-error'
import { IMPORT_FILE_MAX_BYTES } from '@/domain/catalog-rules'
import { callCloud } from '@/api/cloud'
import type { PickedFile, UploadKind } from './types'

/**
 * Where each upload goes, for both builds: `<uploadDir><kind>/<random>.<ext>`, inside the caller's
 * own upload area (`uploads/<key>/`, from `user.login`), because the functions accept only files
 * from there (R9: a file ID is not a secret). The app chooses the path; cloud storage (WeChat's, or
 * the local cloud standing in for it in H5) stores the file exactly there.
 */
let folder: Promise<string> | null = null

export function rememberUploadDir(uploadDir: string): void {
  folder = Promise.resolve(uploadDir)
}

/** The area belongs to one user: after a switch of identity (H5 personas) it must be asked again. */
export function forgetUploadDir(): void {
  folder = null
}

/** A login of our own happens only if an upload comes before the session's. */
function uploadFolder(): Promise<string> {
  if (!folder) {
    const asked = callCloud('user', 'login', {}).then(
      ({ uploadDir }) => uploadDir,
      (error: unknown) => {
        if (folder === asked) folder = null
        throw error
      },
    )
    folder = asked
  }
  return folder
}

export async function cloudPathFor(kind: UploadKind, ext: string): Promise<string> {
  const random = `${Date.now()}-${Math.random().toString(36).slice(2, 10)}`
  return `${await uploadFolder()}${kind}/${random}.${ext}`
}

export const UPLOAD_FAILED = '上传失败，请检查网络后重试'
export const UNREADABLE_IMAGE = '图片无法读取，请重新选择'
export const UNREADABLE_FILE = '文件无法读取，请重新选择'

/** The image extension of a file name or temp path, when it has one we know. */
export function imageExtensionOf(name: string): string | null {
  const ext = /\.(png|jpe?g|gif|webp)$/i.exec(name)?.[1]?.toLowerCase()
  return ext === 'jpeg' ? 'jpg' : (ext ?? null)
}

/** The extension of an acceptable catalogue import file (R15), or an AppError to show. */
export function importExtensionOf(file: PickedFile): string {
  const ext = /\.(csv|json)$/i.exec(file.name)?.[1]?.toLowerCase()
  if (!ext) throw new AppError('INVALID_ARGUMENT', '请选择 .csv 或 .json 文件')
  if (file.size > IMPORT_FILE_MAX_BYTES) throw new AppError('INVALID_ARGUMENT', `文件过大，最大 ${IMPORT_FILE_MAX_BYTES / 1024 / 1024} MB`)
  return ext
}

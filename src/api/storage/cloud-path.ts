import { AppError } from '@/domain/app-error'
import { IMPORT_FILE_MAX_BYTES } from '@/domain/catalog-rules'
import { callCloud } from '@/api/cloud'
import type { UploadExtension } from '@/domain/files'
import type { PickedFile, UploadKind } from './types'

/**
 * Where each upload goes, for both builds: a name the server gives (`user.uploadPath`), sealed to the
 * caller. The functions accept only files named for the caller (R9: a file ID is not a secret), and a
 * name that says nothing of its uploader keeps a shared picture from revealing the supplier or its
 * other pictures (R16). Cloud storage (WeChat's, or the local cloud in H5) stores the file exactly there.
 */
export async function cloudPathFor(kind: UploadKind, ext: UploadExtension): Promise<string> {
  return (await callCloud('user', 'uploadPath', { kind, ext })).cloudPath
}

export const UPLOAD_FAILED = '上传失败，请检查网络后重试'
export const UNREADABLE_IMAGE = '图片无法读取，请重新选择'
export const UNREADABLE_FILE = '文件无法读取，请重新选择'

/** The image extension of a file name or temp path, when it has one we know. */
export function imageExtensionOf(name: string): 'png' | 'jpg' | 'gif' | 'webp' | null {
  const ext = /\.(png|jpe?g|gif|webp)$/i.exec(name)?.[1]?.toLowerCase()
  return ext === 'jpeg' || ext === 'jpg' ? 'jpg' : ext === 'png' || ext === 'gif' || ext === 'webp' ? ext : null
}

/** The extension of an acceptable catalogue import file (R15), or an AppError to show. */
export function importExtensionOf(file: PickedFile): 'csv' | 'json' {
  const ext = /\.(csv|json)$/i.exec(file.name)?.[1]?.toLowerCase()
  if (ext !== 'csv' && ext !== 'json') throw new AppError('INVALID_ARGUMENT', '请选择 .csv 或 .json 文件')
  if (file.size > IMPORT_FILE_MAX_BYTES) throw new AppError('INVALID_ARGUMENT', `文件过大，最大 ${IMPORT_FILE_MAX_BYTES / 1024 / 1024} MB`)
  return ext
}

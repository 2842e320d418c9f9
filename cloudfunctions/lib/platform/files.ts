import { createHash } from 'node:crypto'
import { cloudPathOf } from '@/domain/files'
import { AppError } from '@/domain/errors'
import type { Caller } from './caller'
import { cloud } from './cloud'

/**
 * Where a user's own uploads live: `uploads/<key>/`, with a key derived from the OPENID by a one-way
 * hash. A temporary URL carries the file's path, so the folder must not be the OPENID itself (R9: an
 * agent never learns the supplier's OPENID). The app learns its folder from `user.login`.
 */
export function uploadAreaOf(openid: string): string {
  return `uploads/${createHash('sha256').update(`wegong-upload:${openid}`).digest('hex').slice(0, 24)}/`
}

/**
 * The one file guard (R9: a file ID is not a secret). Every file ID an event carries is declared in
 * the contract with `UploadedFileId`, and the handler passes all of them here before the use case
 * runs: each must lie in the caller's own upload area, or the call is refused and nothing happens.
 */
export function requireOwnFiles(fileIds: readonly string[], caller: Caller): void {
  if (fileIds.length === 0) return
  if (!caller.openid) throw new AppError('UNAUTHENTICATED', '请在微信中打开小程序后再试')
  const area = uploadAreaOf(caller.openid)
  const foreign = fileIds.some((id) => !(cloudPathOf(id) ?? '').startsWith(area))
  if (foreign) throw new AppError('FORBIDDEN', '只能使用你自己上传的文件，请重新上传')
}

/**
 * How long a temporary file URL works, in seconds (WeChat's default and maximum is a day). Agents are
 * handed URLs of a supplier's pictures and keep them after they are removed (R9), so the default is
 * short enough that removal cuts access within two hours, and long enough that a phone browsing the
 * feed never sees a picture expire mid-session: every answer carries fresh URLs, and WeChat's image
 * cache keeps what a page has already shown. Only the supplier's own product answers, whose URLs
 * its publish-form draft keeps for days, take the long life (README, Decisions).
 */
export const URL_LIFE_S = { shared: 2 * 3600, owner: 86_400 } as const

/**
 * Cloud file IDs are private; people see them through temporary URLs (R9). Anything that is not a
 * cloud file ID (never stored by the product today) shows as nothing rather than passing through.
 */
export async function viewableUrls(fileIds: readonly string[], life: keyof typeof URL_LIFE_S = 'shared'): Promise<Map<string, string>> {
  const unique = [...new Set(fileIds.filter((id) => id.startsWith('cloud://')))]
  const urls = new Map<string, string>()
  // getTempFileURL takes at most 50 files per call (docs/cloudbase/database.md, limits).
  for (let i = 0; i < unique.length; i += 50) {
    const fileList = unique.slice(i, i + 50).map((fileID) => ({ fileID, maxAge: URL_LIFE_S[life] }))
    const answer = (await cloud.getTempFileURL({ fileList })) as {
      fileList: Array<{ fileID: string; status: number; tempFileURL: string }>
    }
    for (const file of answer.fileList) urls.set(file.fileID, file.status === 0 ? file.tempFileURL : '')
  }
  return urls
}

/** The bytes of a stored file; a missing or expired one is NOT_FOUND. */
export async function downloadFile(fileID: string): Promise<Buffer> {
  try {
    const { fileContent } = (await cloud.downloadFile({ fileID })) as { fileContent: Buffer }
    return fileContent
  } catch {
    throw new AppError('NOT_FOUND', '文件不存在或已过期，请重新选择')
  }
}

/** Deletes stored files that nothing shows any more; a failure is logged, never the user's problem. */
export async function deleteFilesQuietly(fileIds: readonly string[]): Promise<void> {
  if (fileIds.length === 0) return
  try {
    await cloud.deleteFile({ fileList: [...fileIds] })
  } catch (error) {
    console.error('[wegong] files not deleted', error)
  }
}

/** Stores bytes the functions made (an export) at `cloudPath`; answers the file ID. */
export async function uploadFile(cloudPath: string, content: Buffer): Promise<string> {
  const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: content })) as { fileID: string }
  return fileID
}

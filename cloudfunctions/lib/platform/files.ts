import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { cloudPathOf, type UploadExtension, type UploadKind } from '@/domain/files'
import { AppError } from '@/domain/errors'
import type { Caller } from './caller'
import { cloud } from './cloud'
import { config } from './config'

/**
 * The upload folder of the first releases: `uploads/<key>/`, a key derived from the OPENID by a
 * one-way hash (R9: an agent never learns the supplier's OPENID). Every URL of a file there carries
 * the key and so ties the supplier's pictures together and to its avatar (R16), and files someone
 * else planted there before the storage rule are indistinguishable from the owner's: the guard no
 * longer accepts the folder, and the stored files of it are copied to names sealed to their owner
 * (first-release-files.ts, docs/decisions/share-privacy.md).
 */
export function uploadAreaOf(openid: string): string {
  return `uploads/${createHash('sha256').update(`wegong-upload:${openid}`).digest('hex').slice(0, 24)}/`
}

/** A name from `uploadPathFor`: `uploads/<kind>/<nonce><seal>.<ext>`, all hex. */
const ISSUED_NAME = /^uploads\/(products|imports|avatars)\/([0-9a-f]{24})([0-9a-f]{32})\.(png|jpg|gif|webp|csv|json)$/

/**
 * The seal: a MAC under the server's key, so knowing a user's OPENID (a supplier knows its agents')
 * is not enough to make that user's names. Without a key there is no seal at all.
 */
function sealOf(key: string, openid: string, kind: string, nonce: string, ext: string): string {
  return createHmac('sha256', key).update(`wegong-upload-name\n${openid}\n${kind}\n${nonce}\n${ext}`).digest('hex').slice(0, 32)
}

/** The keys whose seals the guard accepts: the current one, and during a rotation the one it replaces. */
function uploadKeys(): string[] {
  const { WEGONG_UPLOAD_KEY: current, WEGONG_UPLOAD_KEY_PREVIOUS: previous } = config()
  return [current, previous].filter(Boolean)
}

/**
 * Where the caller's next upload goes (R9, R16). The name is random and sealed to the caller, so its
 * URL says nothing of who uploaded it or which other files are theirs, and nobody else can make a
 * name the caller's file guard accepts: storage lets a client create any path, but only its creator
 * overwrite it, so a name the caller was given holds the caller's bytes or nothing.
 */
export function uploadPathFor(openid: string, kind: UploadKind, ext: UploadExtension): string {
  const key = config().WEGONG_UPLOAD_KEY
  if (!key) {
    // A deployment fault, not the user's: the console log names the variable to set.
    console.error('[wegong] WEGONG_UPLOAD_KEY is not set: user.uploadPath refuses every upload until it is')
    throw new AppError('INTERNAL', '上传暂不可用：服务未配置上传密钥，请联系平台')
  }
  const nonce = randomBytes(12).toString('hex')
  return `uploads/${kind}/${nonce}${sealOf(key, openid, kind, nonce, ext)}.${ext}`
}

/**
 * The name a first-release file of `openid` is copied to: sealed to its owner like a given name, its
 * nonce derived from the old path under the key, so every record holding the old file (and a run
 * repeated after a crash) arrives at the same name without a table of what went where. Null
 * without a key.
 */
export function migratedUploadPath(openid: string, kind: UploadKind, ext: UploadExtension, fromPath: string): string | null {
  const key = config().WEGONG_UPLOAD_KEY
  if (!key) return null
  const nonce = createHmac('sha256', key).update(`wegong-first-release\n${fromPath}`).digest('hex').slice(0, 24)
  return `uploads/${kind}/${nonce}${sealOf(key, openid, kind, nonce, ext)}.${ext}`
}

/** Whether the cloud path is a name given to the caller: the only files the guard accepts. */
function isOwnUpload(path: string, openid: string): boolean {
  const issued = ISSUED_NAME.exec(path)
  if (!issued) return false
  const [, kind = '', nonce = '', seal = '', ext = ''] = issued
  return uploadKeys().some((key) => timingSafeEqual(Buffer.from(seal), Buffer.from(sealOf(key, openid, kind, nonce, ext))))
}

/**
 * The one file guard (R9: a file ID is not a secret). Every file ID an event carries is declared in
 * the contract with `UploadedFileId`, and the handler passes all of them here before the use case
 * runs: each must be the caller's own upload (`isOwnUpload`), or the call is refused and nothing happens.
 */
export function requireOwnFiles(fileIds: readonly string[], caller: Caller): void {
  if (fileIds.length === 0) return
  if (!caller.openid) throw new AppError('UNAUTHENTICATED', '请在微信中打开小程序后再试')
  const openid = caller.openid
  const foreign = fileIds.some((id) => !isOwnUpload(cloudPathOf(id) ?? '', openid))
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

/** The temporary URL of a file among `viewableUrls`' answer, or '' (never a bare cloud file ID). */
export function urlOf(urls: Map<string, string>, fileId: string | undefined): string {
  const url = fileId ? (urls.get(fileId) ?? '') : ''
  return url.startsWith('cloud://') ? '' : url
}

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

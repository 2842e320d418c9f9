import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { readFile, rm, stat, unlink } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join, resolve, sep } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic, writeFileAtomicSync } from './atomic-file'
import type { LocalClock } from './clock'
import { HttpError, MiB, readBody, sendFile, sendJson } from './http'
import { LOCAL_ENV_ID } from './cloud-env'
import { compileStorageRule, type StorageRule } from './storage-rule'

/** Files live under `<root>/<cloudPath>`; their IDs look like production's `cloud://<env>.<bucket>/<path>`. */
const FILE_ID_PREFIX = `cloud://${LOCAL_ENV_ID}.local/`

/** getTempFileURL's documented default and maximum (one day); the URL stops working after it, by the local clock. */
const TEMP_URL_MAX_AGE_S = 86_400
/** The SDK PUTs right after asking for the upload URL; ten minutes leaves room for a slow debugger. */
const UPLOAD_URL_MAX_AGE_MS = 10 * 60_000
const SDK_UPLOAD_LIMIT = 50 * MiB
/** The local cloud holds an upload in memory; the app's files (compressed photos, import files) are far smaller. */
const APP_UPLOAD_LIMIT = 10 * MiB

/**
 * A safe relative cloud path of at most 1024 characters: no traversal (`..`, `.`, empty segments, leading `/`, `\`), no control
 * characters, and none of `? # %`, because temp URLs carry the path unencoded (the SDK runs
 * `encodeURI` on them, which would not escape those).
 */
export function isSafeCloudPath(path: string): boolean {
  if (path.length === 0 || path.length > 1024) return false
  if (/[\\?#%\u0000-\u001f\u007f]/.test(path)) return false
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}

/**
 * The per-data-dir key that signs temp URLs, kept across restarts so handed-out URLs stay valid.
 * Written atomically with its mode (a crash at first start never leaves an empty key). A key file
 * that does not hold exactly 32 random bytes in hex (empty, cut off, edited) is never signed with:
 * it is replaced by a new key and the log says so. URLs handed out before are temporary anyway, and
 * none signed with a weak key keeps working.
 */
export function loadSecret(dataDir: string, log: (line: string) => void = (line) => console.error(line)): Buffer {
  const file = join(dataDir, 'url-signing.key')
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim()
    if (SECRET_HEX.test(text)) return Buffer.from(text, 'hex')
    log(
      `[storage] ${file} does not hold a 32-byte hex key (${text.length} characters): replaced by a new key; earlier temp URLs stop working`,
    )
  }
  const key = randomBytes(32)
  writeFileAtomicSync(file, key.toString('hex'), 0o600)
  return key
}

const SECRET_HEX = /^[0-9a-f]{64}$/i

interface DownloadRequest {
  fileid: string
  max_age?: number
}

/**
 * Who created a file: the OPENID of the user whose app uploaded it, or null when the admin side (a
 * cloud function through the SDK) wrote it. CloudBase keeps this as the file's `_openid` and judges
 * front-end access by it; the admin side is never subject to storage rules.
 */
export type Creator = string | null

const FileMeta = z.object({ creator: z.string().nullable() })

interface StorageOptions {
  root: string
  /** Where each file's creator is kept, in a tree mirroring `root` (a file per cloud path). */
  metaRoot: string
  secret: Buffer
  clock: LocalClock
  /** This server's base URL: upload PUTs and temp file URLs point here. */
  baseUrl: string
  /** The storage rule judging front-end writes; default CloudBase's 仅创建者可读写. */
  writeRule?: StorageRule
}

const CREATOR_ONLY = compileStorageRule('resource.openid == auth.openid')

/**
 * Local cloud storage, as WeChat's cloud storage behaves: the SDK's storage actions (admin side),
 * signed temp URLs, and the H5 app's upload standing in for `wx.cloud.uploadFile` (front end, under
 * the deployment's storage rule, by default 仅创建者可读写: a user may create any path and overwrite
 * only files they created). It knows nothing of what the product stores where: the app chooses the
 * cloud path, and the rule it is started with says which paths a user may write.
 */
export class LocalStorage {
  /** The write in progress per cloud path, so a creator check and its write are never interleaved with another's. */
  private readonly writing = new Map<string, Promise<unknown>>()
  private writeRule: StorageRule

  constructor(private readonly options: StorageOptions) {
    this.writeRule = options.writeRule ?? CREATOR_ONLY
    mkdirSync(options.root, { recursive: true })
    mkdirSync(options.metaRoot, { recursive: true })
  }

  /** A deploy changed the storage rule (ModifyStorageSafeRule): later uploads are judged by it. */
  judgeWritesBy(rule: StorageRule | undefined): void {
    this.writeRule = rule ?? CREATOR_ONLY
  }

  fileId(path: string): string {
    return FILE_ID_PREFIX + path
  }

  /** `storage.getUploadMetadata`: the SDK then PUTs the bytes to `url`. */
  uploadMetadata(path: string) {
    const expires = this.options.clock.now() + UPLOAD_URL_MAX_AGE_MS
    const query = `expires=${expires}&sign=${this.sign('PUT', path, expires)}`
    return {
      url: `${this.options.baseUrl}/upload/${encodeURIComponent(path)}?${query}`,
      token: 'local',
      authorization: 'local',
      fileId: this.fileId(path),
      cosFileId: 'local',
    }
  }

  /** `storage.batchGetDownloadUrl` */
  async downloadList(files: DownloadRequest[]) {
    return Promise.all(
      files.map(async ({ fileid, max_age }) => {
        const path = this.pathOf(fileid)
        if (!path || !(await this.exists(path))) {
          return { fileID: fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: `file ${fileid} does not exist` }
        }
        const maxAge = max_age && max_age > 0 ? Math.min(Math.floor(max_age), TEMP_URL_MAX_AGE_S) : TEMP_URL_MAX_AGE_S
        return { fileID: fileid, tempFileURL: this.tempUrl(path, maxAge), code: 'SUCCESS', maxAge }
      }),
    )
  }

  /** `storage.batchDeleteFile` (admin side: any file). */
  async deleteFiles(fileIds: string[]) {
    return Promise.all(
      fileIds.map(async (fileID) => {
        const path = this.pathOf(fileID)
        if (!path) return { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'not a file of this local cloud' }
        const deleted = await this.exclusive(path, async () => {
          try {
            await unlink(this.diskPath(path))
          } catch {
            return false
          }
          await rm(this.metaPath(path), { force: true })
          return true
        })
        return deleted ? { fileID, code: 'SUCCESS' } : { fileID, code: 'STORAGE_FILE_NONEXIST', message: `file ${fileID} does not exist` }
      }),
    )
  }

  /**
   * `PUT /upload/<path>?expires&sign` from the SDK's uploadFile. The SDK ignores the status and
   * parses the body as COS XML, so success is an empty body and failure an XML `<Error>`.
   */
  async receiveSdkUpload(req: IncomingMessage, res: ServerResponse, encodedPath: string, query: URLSearchParams): Promise<void> {
    const cosError = (status: number, code: string, message: string) => {
      res.writeHead(status, { 'content-type': 'application/xml' })
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`,
      )
    }
    const path = decodePath(encodedPath)
    if (!path) return cosError(400, 'InvalidURI', 'unsafe cloud path')
    if (!this.verify('PUT', path, query)) return cosError(403, 'AccessDenied', 'upload URL is invalid or expired')
    let body: Buffer
    try {
      body = await readBody(req, SDK_UPLOAD_LIMIT)
    } catch (error) {
      return cosError(400, 'EntityTooLarge', (error as Error).message)
    }
    await this.uploadAsAdmin(path, body)
    res.writeHead(200, { 'content-length': 0 })
    res.end()
  }

  /** A write by the admin side (a cloud function through the SDK): anywhere, over anyone's file, never judged by the rule. */
  async uploadAsAdmin(path: string, body: Buffer): Promise<{ fileID: string }> {
    if (!isSafeCloudPath(path)) throw new HttpError(400, 'INVALID_ARGUMENT', `cloud path "${path}" is not a safe relative path`)
    await this.exclusive(path, () => this.write(path, body, null))
    return { fileID: this.fileId(path) }
  }

  /** `POST /storage/upload?cloudPath=` from the H5 app, standing in for `wx.cloud.uploadFile({cloudPath})`. */
  async receiveAppUpload(req: IncomingMessage, res: ServerResponse, openid: string, cloudPath: string | null): Promise<void> {
    if (!cloudPath) throw new HttpError(400, 'INVALID_ARGUMENT', 'cloudPath is required, as for wx.cloud.uploadFile')
    if (!isSafeCloudPath(cloudPath)) throw new HttpError(400, 'INVALID_ARGUMENT', `cloudPath "${cloudPath}" is not a safe relative path`)
    const body = await readBody(req, APP_UPLOAD_LIMIT)
    sendJson(res, 200, { ok: true, data: await this.uploadAsUser(openid, cloudPath, body) })
  }

  /**
   * A front-end upload by `openid` to the path it chose, judged by the write rule: the file's
   * `resource.openid` is its creator, or for a new file the uploader (CloudBase records the uploader
   * as creator). A refused write gets 403 and leaves the store as it was.
   */
  async uploadAsUser(openid: string, cloudPath: string, body: Buffer): Promise<{ fileID: string; tempFileURL: string }> {
    if (!isSafeCloudPath(cloudPath)) throw new HttpError(400, 'INVALID_ARGUMENT', `cloudPath "${cloudPath}" is not a safe relative path`)
    await this.exclusive(cloudPath, async () => {
      const creator = (await this.exists(cloudPath)) ? await this.creatorOf(cloudPath) : openid
      if (!this.writeRule({ auth: { openid }, resource: { openid: creator, path: cloudPath } })) {
        const why = creator === openid ? 'the storage rule does not let users write this path' : 'it was created by another user'
        throw new HttpError(403, 'FORBIDDEN', `"${cloudPath}" may not be written: ${why}`)
      }
      await this.write(cloudPath, body, openid)
    })
    return { fileID: this.fileId(cloudPath), tempFileURL: this.tempUrl(cloudPath, TEMP_URL_MAX_AGE_S) }
  }

  /** The creator recorded for an existing file; a file without a record counts as the admin side's. */
  async creatorOf(path: string): Promise<Creator> {
    try {
      return FileMeta.parse(JSON.parse(await readFile(this.metaPath(path), 'utf8'))).creator
    } catch {
      return null
    }
  }

  /** `GET|HEAD /files/<path>?expires&sign`: a temp URL from batchGetDownloadUrl or the app upload. */
  async serve(req: IncomingMessage, res: ServerResponse, encodedPath: string, query: URLSearchParams): Promise<void> {
    const path = decodePath(encodedPath)
    if (!path) throw new HttpError(400, 'INVALID_ARGUMENT', 'unsafe file path')
    if (!this.verify('GET', path, query)) throw new HttpError(403, 'FORBIDDEN', 'this temporary file URL is invalid or has expired')
    const expiresIn = Math.max(0, Math.floor((Number(query.get('expires')) - this.options.clock.now()) / 1000))
    const served = await sendFile(req, res, this.diskPath(path), {
      'cache-control': `private, max-age=${expiresIn}`,
      'x-content-type-options': 'nosniff',
      // Any bytes may be uploaded and this origin may also serve the H5 app: an uploaded page or SVG
      // opened from here runs no script and reaches nothing of the app.
      'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    })
    if (!served) throw new HttpError(404, 'NOT_FOUND', 'file not found')
  }

  private pathOf(fileId: string): string | null {
    if (!fileId.startsWith(FILE_ID_PREFIX)) return null
    const path = fileId.slice(FILE_ID_PREFIX.length)
    return isSafeCloudPath(path) ? path : null
  }

  private tempUrl(path: string, maxAgeS: number): string {
    const expires = this.options.clock.now() + maxAgeS * 1000
    // Unencoded on purpose: the SDK's downloadFile runs encodeURI on it (docs/cloudbase/wire.md §6.3).
    return `${this.options.baseUrl}/files/${path}?expires=${expires}&sign=${this.sign('GET', path, expires)}`
  }

  private sign(method: 'GET' | 'PUT', path: string, expires: number): string {
    return createHmac('sha256', this.options.secret).update(`${method}\n${path}\n${expires}`).digest('base64url')
  }

  private verify(method: 'GET' | 'PUT', path: string, query: URLSearchParams): boolean {
    const expires = Number(query.get('expires'))
    const given = Buffer.from(query.get('sign') ?? '')
    const expected = Buffer.from(this.sign(method, path, expires))
    return (
      Number.isInteger(expires) &&
      expires >= this.options.clock.now() &&
      given.length === expected.length &&
      timingSafeEqual(given, expected)
    )
  }

  private diskPath(path: string): string {
    return inside(this.options.root, path)
  }

  private metaPath(path: string): string {
    return inside(this.options.metaRoot, path)
  }

  private async exists(path: string): Promise<boolean> {
    return (await stat(this.diskPath(path)).catch(() => null))?.isFile() ?? false
  }

  /** Runs `work` once every earlier write or delete of the same path has settled. */
  private async exclusive<T>(path: string, work: () => Promise<T>): Promise<T> {
    const before = this.writing.get(path) ?? Promise.resolve()
    const run = before.then(work)
    const settled = run.catch(() => undefined)
    this.writing.set(path, settled)
    try {
      return await run
    } finally {
      if (this.writing.get(path) === settled) this.writing.delete(path)
    }
  }

  /**
   * The creator first, then the bytes, each atomically: each through `writeFileAtomic` (temp file, fsync, rename): a crash in between leaves a record without
   * a file, which changes nothing (a path without a file may be created by anyone).
   */
  private async write(path: string, body: Buffer, creator: Creator): Promise<void> {
    await writeFileAtomic(this.metaPath(path), JSON.stringify({ creator }))
    await writeFileAtomic(this.diskPath(path), body)
  }
}

/** `root/path` for a safe cloud path, refusing anything that would resolve outside `root`. */
function inside(root: string, path: string): string {
  const file = resolve(root, ...path.split('/'))
  if (!file.startsWith(resolve(root) + sep)) throw new HttpError(400, 'INVALID_ARGUMENT', 'unsafe file path')
  return file
}

/** The cloud path of a URL path tail, or null when it is malformed or unsafe. */
function decodePath(encoded: string): string | null {
  try {
    const path = decodeURIComponent(encoded)
    return isSafeCloudPath(path) ? path : null
  } catch {
    return null
  }
}

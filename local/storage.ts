import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { dirname, join, resolve, sep } from 'node:path'
import type { LocalClock } from './clock'
import { HttpError, MiB, readBody, sendFile, sendJson } from './http'
import { LOCAL_ENV_ID } from './cloud-env'
import { IMAGE_EXTENSIONS, sniffImage } from './mime'
import { uploadAreaOf } from '../cloudfunctions/lib/uploads'

/** Files live under `<dataDir>/files/<cloudPath>`; their IDs look like production's `cloud://<env>.<bucket>/<path>`. */
const FILE_ID_PREFIX = `cloud://${LOCAL_ENV_ID}.local/`

/** getTempFileURL's documented default and maximum (one day); the URL stops working after it, by the local clock. */
const TEMP_URL_MAX_AGE_S = 86_400
/** The SDK PUTs right after asking for the upload URL; ten minutes leaves room for a slow debugger. */
const UPLOAD_URL_MAX_AGE_MS = 10 * 60_000
const SDK_UPLOAD_LIMIT = 50 * MiB
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

/** The per-data-dir key that signs temp URLs, kept across restarts so handed-out URLs stay valid. */
export function loadSecret(dataDir: string): Buffer {
  const file = join(dataDir, 'url-signing.key')
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex')
}

interface DownloadRequest {
  fileid: string
  max_age?: number
}

interface StorageOptions {
  root: string
  secret: Buffer
  clock: LocalClock
  /** This server's base URL: upload PUTs and temp file URLs point here. */
  baseUrl: string
}

/** Local cloud storage: the SDK's storage actions, signed temp URLs, and the H5 app's upload. */
export class LocalStorage {
  constructor(private readonly options: StorageOptions) {
    mkdirSync(options.root, { recursive: true })
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

  /** `storage.batchDeleteFile` */
  async deleteFiles(fileIds: string[]) {
    return Promise.all(
      fileIds.map(async (fileID) => {
        const path = this.pathOf(fileID)
        if (!path) return { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'not a file of this local cloud' }
        try {
          await unlink(this.diskPath(path))
          return { fileID, code: 'SUCCESS' }
        } catch {
          return { fileID, code: 'STORAGE_FILE_NONEXIST', message: `file ${fileID} does not exist` }
        }
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
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`)
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
    await this.write(path, body)
    res.writeHead(200, { 'content-length': 0 })
    res.end()
  }

  /** `POST /storage/upload?cloudPath=` from the H5 app, standing in for wx.cloud.uploadFile. */
  async receiveAppUpload(req: IncomingMessage, res: ServerResponse, openid: string, cloudPath: string | null): Promise<void> {
    const body = await readBody(req, APP_UPLOAD_LIMIT)
    const type = sniffImage(body.subarray(0, 16))
    // Every user writes only under their own folder (the functions' rule, shared), so nobody can
    // overwrite another's images and no path names an OPENID.
    const home = uploadAreaOf(openid)
    // Besides images, a catalogue import file (R15: CSV or JSON picked from a chat) named imports/<name>.csv|json.
    const refuse = () => new HttpError(400, 'INVALID_ARGUMENT', 'only PNG, JPEG, GIF or WebP images (or .csv/.json files under imports/) can be uploaded')
    let path: string
    if (cloudPath === null || cloudPath === '') {
      if (!type) throw refuse()
      path = `${home}${this.options.clock.now()}-${randomBytes(4).toString('hex')}.${IMAGE_EXTENSIONS[type]}`
    } else if (!isSafeCloudPath(cloudPath)) {
      throw new HttpError(400, 'INVALID_ARGUMENT', `cloudPath "${cloudPath}" is not a safe relative path`)
    } else {
      if (!type && !isImportFile(cloudPath, home)) throw refuse()
      path = cloudPath.startsWith(home) ? cloudPath : home + cloudPath
    }
    await this.write(path, body)
    sendJson(res, 200, { ok: true, data: { fileID: this.fileId(path), tempFileURL: this.tempUrl(path, TEMP_URL_MAX_AGE_S) } })
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
    // Unencoded on purpose: the SDK's downloadFile runs encodeURI on it (notes §7.3).
    return `${this.options.baseUrl}/files/${path}?expires=${expires}&sign=${this.sign('GET', path, expires)}`
  }

  private sign(method: 'GET' | 'PUT', path: string, expires: number): string {
    return createHmac('sha256', this.options.secret).update(`${method}\n${path}\n${expires}`).digest('base64url')
  }

  private verify(method: 'GET' | 'PUT', path: string, query: URLSearchParams): boolean {
    const expires = Number(query.get('expires'))
    const given = Buffer.from(query.get('sign') ?? '')
    const expected = Buffer.from(this.sign(method, path, expires))
    return Number.isInteger(expires) && expires >= this.options.clock.now() && given.length === expected.length && timingSafeEqual(given, expected)
  }

  private diskPath(path: string): string {
    const file = resolve(this.options.root, ...path.split('/'))
    if (!file.startsWith(resolve(this.options.root) + sep)) throw new HttpError(400, 'INVALID_ARGUMENT', 'unsafe file path')
    return file
  }

  private async exists(path: string): Promise<boolean> {
    return (await stat(this.diskPath(path)).catch(() => null))?.isFile() ?? false
  }

  /** Write to a temp file and rename, so a crash never leaves half a file under the real name. */
  private async write(path: string, body: Buffer): Promise<void> {
    const file = this.diskPath(path)
    await mkdir(dirname(file), { recursive: true })
    const temp = `${file}.${randomBytes(6).toString('hex')}.partial`
    try {
      await writeFile(temp, body)
      await rename(temp, file)
    } catch (error) {
      await rm(temp, { force: true })
      throw error
    }
  }
}

/** A CSV or JSON catalogue file the app uploads for import (`imports/<name>.csv|json`, in the user's folder). */
function isImportFile(cloudPath: string | null, home: string): boolean {
  if (!cloudPath) return false
  const relative = cloudPath.startsWith(home) ? cloudPath.slice(home.length) : cloudPath
  return /^imports\/[^/]+\.(csv|json)$/i.test(relative)
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

import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { contentTypeOf } from './mime'

/** Gateway error codes are the spec's (SPEC §4) so the app maps them like any function answer. */
type GatewayErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'INVALID_ARGUMENT' | 'FAILED_PRECONDITION' | 'INTERNAL'

/** A refusal the gateway answers with `{ok:false, error}` and the given HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: GatewayErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

const KiB = 1024
export const MiB = 1024 * KiB

/**
 * Reads the whole request body, refusing it past `limit` bytes: on its declared length before a
 * byte is read, else at the first chunk past the limit. Reading stops there: the 413 carries
 * `connection: close`, so the socket is closed once it is sent instead of draining the rest.
 * Messages are Chinese first: the app may show them to the user as they are.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = () =>
      new HttpError(413, 'INVALID_ARGUMENT', `请求内容过大（最多 ${formatBytes(limit)}） / request body exceeds ${formatBytes(limit)}`, {
        connection: 'close',
      })
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) return reject(tooLarge())
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      outcome()
    }
    req.on('data', (chunk: Buffer) => {
      if (settled) return
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      chunks.length = 0
      req.pause()
      settle(() => reject(tooLarge()))
    })
    req.on('end', () => settle(() => resolve(Buffer.concat(chunks))))
    req.on('error', (error) => settle(() => reject(error)))
    req.on('close', () => {
      if (!req.complete) settle(() => reject(new HttpError(400, 'INVALID_ARGUMENT', '请求内容不完整 / request body was cut off')))
    })
  })
}

function formatBytes(bytes: number): string {
  return bytes >= MiB ? `${bytes / MiB} MiB` : `${bytes / KiB} KiB`
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { ok: false, error: { code: error.code, message: error.message } }, error.headers)
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch (error) {
    throw new HttpError(400, 'INVALID_ARGUMENT', `请求内容不是有效的 JSON / body is not valid JSON: ${(error as Error).message}`)
  }
}

/** Whether a parsed JSON value nests objects or arrays deeper than `max` levels; iterative, so no depth overflows it. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number]
    if (node === null || typeof node !== 'object') continue
    if (depth + 1 > max) return true
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1])
  }
  return false
}

/** Streams a file with its Content-Type (HEAD: headers only); false when there is no such file. */
export async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, headers: Record<string, string>): Promise<boolean> {
  const info = await stat(file).catch(() => null)
  if (!info?.isFile()) return false
  const head = Buffer.alloc(16)
  const handle = await open(file, 'r')
  try {
    await handle.read(head, 0, head.length, 0)
  } finally {
    await handle.close()
  }
  res.writeHead(200, { 'content-type': contentTypeOf(file, head), 'content-length': info.size, ...headers })
  if (req.method === 'HEAD') res.end()
  else createReadStream(file).pipe(res)
  return true
}

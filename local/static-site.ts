import type { IncomingMessage, ServerResponse } from 'node:http'
import { join, resolve, sep } from 'node:path'
import { HttpError, sendFile } from './http'

/**
 * Serves the built H5 app (WEGONG_H5_DIR) at `/`. The app uses Taro's hash router, so every page
 * is `/index.html` plus a fragment and only real files need serving.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, pathname: string): Promise<void> {
  let relative: string
  try {
    relative = decodeURIComponent(pathname)
  } catch {
    throw new HttpError(400, 'INVALID_ARGUMENT', 'malformed path')
  }
  const base = resolve(root)
  const file = resolve(join(base, relative === '/' ? 'index.html' : relative))
  if (!file.startsWith(base + sep)) throw new HttpError(404, 'NOT_FOUND', 'not found')
  // no-cache: a rebuild during a session must show up on the next reload.
  const served = await sendFile(req, res, file, { 'cache-control': 'no-cache' })
  if (!served) throw new HttpError(404, 'NOT_FOUND', `no route or file for ${pathname}`)
}

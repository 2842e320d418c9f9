import { mkdtempSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '../../local/cloud'

export const FIXTURES = join(__dirname, 'fixtures')

export interface TestCloud extends LocalCloud {
  dataDir: string
  logs: string[]
  /** POST /fn/<name> as `openid` (none: anonymous). */
  call(name: string, event?: unknown, openid?: string): Promise<Reply>
  request(path: string, init?: RequestInit): Promise<Reply>
  /** GET with the path sent as is (fetch would resolve `..` before sending). */
  rawGet(path: string, headers?: Record<string, string>): Promise<number>
  /** Stops the cloud and deletes its data dir. */
  destroy(): Promise<void>
}

export interface Reply {
  status: number
  headers: Headers
  body: any
}

/** A local cloud on a random port with the fixture functions and a fresh data dir. */
export async function startTestCloud(options: Partial<LocalCloudOptions> = {}): Promise<TestCloud> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'wegong-cloud-'))
  const logs: string[] = []
  const cloud = await startLocalCloud({
    port: 0,
    dataDir,
    functionsDir: FIXTURES,
    declarationFile: join(FIXTURES, 'database.json'),
    operators: ['op-1', 'op-2'],
    log: (line) => logs.push(line),
    ...options,
  })
  const request = async (path: string, init?: RequestInit): Promise<Reply> => {
    const response = await fetch(cloud.url + path, init)
    const text = await response.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body }
  }
  return {
    ...cloud,
    close: () => cloud.close(),
    dataDir,
    logs,
    request,
    call: (name, event = {}, openid) =>
      request(`/fn/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openid ? { 'x-wegong-openid': openid } : {}) },
        body: JSON.stringify(event),
      }),
    rawGet: (path, headers = {}) =>
      new Promise((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: cloud.port, path, headers }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
        req.on('error', reject)
        req.end()
      }),
    async destroy() {
      await cloud.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

import { existsSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdkBundle } from '../../local/runner/sdk-bundle'
import { type TestCloud, startTestCloud } from './helpers'

const nodeRequire = createRequire(import.meta.url)

interface Sdk {
  init(options: { env: string }): void
  database(): { collection(name: string): { get(): Promise<unknown> } }
}

/** The headers of the first API call `sdk` makes, sent to a server of this test's that answers an error. */
async function headersOfCall(sdk: Sdk): Promise<IncomingHttpHeaders> {
  let seen: IncomingHttpHeaders | undefined
  const server = createServer((request, response) => {
    seen ??= request.headers
    request.resume()
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'SYS_ERR', message: 'test' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const saved = { ...process.env }
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin` }),
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TENCENTCLOUD: 'true',
    TCB_ENV: 'test-env',
  })
  try {
    sdk.init({ env: 'test-env' })
    await sdk
      .database()
      .collection('notes')
      .get()
      .catch(() => undefined)
  } finally {
    process.env = saved
    server.close()
  }
  if (!seen) throw new Error('the SDK sent nothing')
  return seen
}

describe('the wx-server-sdk a function loads', () => {
  let cloud: TestCloud
  beforeAll(async () => {
    cloud = await startTestCloud()
  })
  afterAll(() => cloud.destroy())

  it('when a function requires wx-server-sdk, then it gets the local cloud’s bundle of this version, with the package’s exports', async () => {
    const bundle = await sdkBundle()
    const { version } = nodeRequire('wx-server-sdk/package.json') as { version: string }
    expect(bundle).toContain(`wx-server-sdk-${version}-`)
    expect(existsSync(bundle)).toBe(true)
    expect((await cloud.call('whoami', {}, 'o-sdk')).body.sdkFile).toBe(bundle)
    expect(Object.keys(nodeRequire(bundle) as object).sort()).toEqual(Object.keys(nodeRequire('wx-server-sdk') as object).sort())
  })

  it('when the bundle calls the CloudBase API, then it sends the versions the package sends (each module keeps its own folder)', async () => {
    const fromPackage = await headersOfCall(nodeRequire('wx-server-sdk') as Sdk)
    const fromBundle = await headersOfCall(nodeRequire(await sdkBundle()) as Sdk)
    const { version } = nodeRequire('@cloudbase/node-sdk/package.json') as { version: string }
    expect(fromPackage['user-agent']).toBe(`tcb-node-sdk/${version}`)
    expect(fromBundle['user-agent']).toBe(fromPackage['user-agent'])
    expect(fromBundle['x-sdk-version']).toBe(fromPackage['x-sdk-version'])
  })
})

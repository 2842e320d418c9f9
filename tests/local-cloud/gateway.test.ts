import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestCloud, startTestCloud } from './helpers'

let cloud: TestCloud

beforeAll(async () => {
  // The default function timeout (20 s): a cold start on a loaded machine takes seconds, and a short
  // timeout here turned a slow start into a 500. The timeout itself is tested on a cloud of its own.
  cloud = await startTestCloud()
})
afterAll(() => cloud.destroy())

const expectEnvelope = (reply: { status: number; body: any }, status: number, code: string) => {
  expect(reply.status).toBe(status)
  expect(reply.body).toMatchObject({ ok: false, error: { code, message: expect.any(String) } })
}

/** The gateway still answers a normal call: it survived whatever came before. */
const expectAlive = async () => {
  expect((await cloud.request('/healthz')).body).toEqual({ ok: true })
  expect((await cloud.call('whoami', {}, 'still-alive')).body.after.OPENID).toBe('still-alive')
}

describe('gateway routing', () => {
  it('when the cloud is up, then /healthz answers 200 {ok:true}', async () => {
    const reply = await cloud.request('/healthz')
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ ok: true })
  })

  it('when a function is called with an identity, then the body is its answer and it sees that OPENID', async () => {
    const reply = await cloud.call('whoami', { action: 'hello', n: 1 }, 'o-alice')
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toContain('application/json')
    expect(reply.body.after).toMatchObject({ OPENID: 'o-alice', APPID: 'wx-local', ENV: 'local-env' })
    expect(reply.body.functionName).toBe('whoami')
    expect(reply.body.operators).toBe('op-1,op-2')
  })

  it('when the client sends its own userInfo, then the function gets the one WeChat would inject', async () => {
    const reply = await cloud.call('whoami', { userInfo: { openId: 'forged' }, n: 2 }, 'o-alice')
    expect(reply.body.event).toEqual({ n: 2, userInfo: { appId: 'wx-local', openId: 'o-alice' } })
    const anonymous = await cloud.call('whoami', { userInfo: { openId: 'forged' } })
    expect(anonymous.body.event).toEqual({})
  })

  it('when no x-wegong-openid is sent, then the function runs with no OPENID', async () => {
    const reply = await cloud.call('whoami', {})
    expect(reply.status).toBe(200)
    expect(reply.body.after.OPENID).toBeUndefined()
    expect(reply.body.after.APPID).toBe('wx-local')
  })

  it('when the body is empty, then the event is {}', async () => {
    const reply = await cloud.request('/fn/whoami', { method: 'POST', headers: { 'x-wegong-openid': 'o-empty' } })
    expect(reply.status).toBe(200)
    expect(reply.body.event).toEqual({ userInfo: { appId: 'wx-local', openId: 'o-empty' } })
  })

  it('when a call finishes, then its op counts are in the response headers', async () => {
    const reply = await cloud.call('whoami', {}, 'o-alice')
    expect(reply.headers.get('x-wegong-db-reads')).toBe('0')
    expect(reply.headers.get('x-wegong-db-writes')).toBe('0')
    expect(reply.headers.get('x-wegong-storage-ops')).toBe('0')
  })
})

const JSON_BODY = { 'content-type': 'application/json' }

describe('bad requests get the error envelope and the gateway survives', () => {
  it('when the function does not exist, then 404 NOT_FOUND', async () => {
    expectEnvelope(await cloud.call('nope', {}), 404, 'NOT_FOUND')
    expectEnvelope(await cloud.call('..%2Fwhoami', {}), 404, 'NOT_FOUND')
    await expectAlive()
  })

  it('when the path is unknown, then 404 NOT_FOUND', async () => {
    expectEnvelope(await cloud.request('/nowhere'), 404, 'NOT_FOUND')
  })

  it('when the body is not JSON, then 400 INVALID_ARGUMENT', async () => {
    const reply = await cloud.request('/fn/whoami', { method: 'POST', headers: JSON_BODY, body: '{"action":' })
    expectEnvelope(reply, 400, 'INVALID_ARGUMENT')
    expect(reply.body.error.message).toMatch(/not valid JSON/)
    await expectAlive()
  })

  it('when the event is JSON but not an object, then 400 INVALID_ARGUMENT', async () => {
    expectEnvelope(await cloud.request('/fn/whoami', { method: 'POST', headers: JSON_BODY, body: '[1,2]' }), 400, 'INVALID_ARGUMENT')
    expectEnvelope(await cloud.request('/fn/whoami', { method: 'POST', headers: JSON_BODY, body: '"text"' }), 400, 'INVALID_ARGUMENT')
  })

  it('when the x-wegong-openid header is malformed, then 400 INVALID_ARGUMENT', async () => {
    const reply = await cloud.request('/fn/whoami', {
      method: 'POST',
      headers: { 'x-wegong-openid': 'has spaces and / slashes' },
      body: '{}',
    })
    expectEnvelope(reply, 400, 'INVALID_ARGUMENT')
  })

  it('when the body is over 1 MiB, then 413 and the function does not run', async () => {
    const before = cloud.stats.snapshot().functions.whoami?.calls ?? 0
    const reply = await cloud.request('/fn/whoami', {
      method: 'POST',
      headers: JSON_BODY,
      body: JSON.stringify({ blob: 'x'.repeat(1024 * 1024) }),
    })
    expectEnvelope(reply, 413, 'INVALID_ARGUMENT')
    expect(cloud.stats.snapshot().functions.whoami?.calls ?? 0).toBe(before)
    await expectAlive()
  })

  it('when the method is wrong, then 405 with Allow', async () => {
    const reply = await cloud.request('/fn/whoami')
    expectEnvelope(reply, 405, 'INVALID_ARGUMENT')
    expect(reply.headers.get('allow')).toBe('POST')
    expectEnvelope(await cloud.request('/healthz', { method: 'POST' }), 405, 'INVALID_ARGUMENT')
    expectEnvelope(await cloud.request('/_local/clock', { method: 'DELETE' }), 405, 'INVALID_ARGUMENT')
  })

  it('when the function throws, then 500 INTERNAL with its message', async () => {
    const reply = await cloud.call('boom', {})
    expectEnvelope(reply, 500, 'INTERNAL')
    expect(reply.body.error.message).toContain('boom from the function')
    await expectAlive()
  })

  it('when the function never answers, then 500 INTERNAL after the timeout and the next call works', async () => {
    // A short timeout of its own: only `slow` runs there, which loads no SDK, so its fresh instance
    // starts well within it even on a loaded machine.
    const timed = await startTestCloud({ timeoutMs: 2_000 })
    try {
      const reply = await timed.call('slow', {})
      expectEnvelope(reply, 500, 'INTERNAL')
      expect(reply.body.error.message).toMatch(/timed out after 2000 ms/)
      // The timed-out instance was replaced: a call that answers runs in a new one.
      expect(await timed.call('slow', { answer: 'awake' })).toMatchObject({ status: 200, body: 'awake' })
      expect((await timed.request('/healthz')).body).toEqual({ ok: true })
    } finally {
      await timed.destroy()
    }
    await expectAlive()
  })

  it('when the function kills its instance, then 500 INTERNAL and a new instance serves the next call', async () => {
    const reply = await cloud.call('crash', {})
    expectEnvelope(reply, 500, 'INTERNAL')
    expect(reply.body.error.message).toMatch(/exited with code 3/)
    expectEnvelope(await cloud.call('crash', {}), 500, 'INTERNAL')
    await expectAlive()
  })

  it('when the function fails to load, then 500 INTERNAL says so', async () => {
    const reply = await cloud.call('broken', {})
    expectEnvelope(reply, 500, 'INTERNAL')
    expect(reply.body.error.message).toMatch(/failed to load.*this build is broken/)
  })

  it('when the request line is garbage, then the server answers 400 and keeps serving', async () => {
    const { createConnection } = await import('node:net')
    const answer = await new Promise<string>((resolve) => {
      const socket = createConnection(cloud.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'))
      let text = ''
      socket.on('data', (chunk) => (text += chunk))
      socket.on('close', () => resolve(text))
    })
    expect(answer).toMatch(/^HTTP\/1\.1 400/)
    await expectAlive()
  })

  it('when the client hangs up mid-body, then the gateway keeps serving', async () => {
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port: cloud.port,
        method: 'POST',
        path: '/fn/whoami',
        headers: { 'content-length': '1000' },
      })
      req.on('error', () => resolve())
      req.write('{"partial":')
      setTimeout(() => {
        req.destroy()
        resolve()
      }, 50)
    })
    await expectAlive()
  })

  it('when the Host header is not ours, then 403 (DNS rebinding)', async () => {
    expect(await cloud.rawGet('/healthz', { host: 'evil.example:80' })).toBe(403)
    expect(await cloud.rawGet('/healthz', { host: `localhost:${cloud.port}` })).toBe(200)
  })
})

describe('CORS', () => {
  it('when a loopback page preflights a call with x-wegong-openid, then it is allowed', async () => {
    const reply = await cloud.request('/fn/whoami', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:10086',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-wegong-openid',
      },
    })
    expect(reply.status).toBe(204)
    expect(reply.headers.get('access-control-allow-origin')).toBe('http://localhost:10086')
    expect(reply.headers.get('access-control-allow-headers')).toContain('x-wegong-openid')
  })

  it('when a loopback page calls, then it may read the answer and the op-count headers', async () => {
    const reply = await cloud.request('/fn/whoami', { method: 'POST', headers: { origin: 'http://127.0.0.1:5173' }, body: '{}' })
    expect(reply.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173')
    expect(reply.headers.get('access-control-expose-headers')).toContain('x-wegong-db-reads')
  })

  it('when another origin calls, then no CORS grant is given', async () => {
    const reply = await cloud.request('/fn/whoami', { method: 'POST', headers: { origin: 'https://evil.example' }, body: '{}' })
    expect(reply.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('serving the H5 build', () => {
  it('when staticDir is set, then / is index.html, assets have their types, and nothing outside is served', async () => {
    const site = mkdtempSync(join(tmpdir(), 'wegong-h5-'))
    mkdirSync(join(site, 'js'))
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>微供</title>')
    writeFileSync(join(site, 'js', 'app.1234abcd.js'), 'console.log(1)')
    const withSite = await startTestCloud({ staticDir: site })
    try {
      const index = await withSite.request('/')
      expect(index.status).toBe(200)
      expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(index.body).toContain('微供')
      const script = await withSite.request('/js/app.1234abcd.js')
      expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
      expect((await withSite.request('/js/missing.js')).status).toBe(404)
      expect(await withSite.rawGet('/../url-signing.key')).toBe(404)
      expect(await withSite.rawGet('/%2e%2e/url-signing.key')).toBe(404)
      expect((await withSite.call('whoami', {}, 'o-site')).body.after.OPENID).toBe('o-site')
    } finally {
      await withSite.destroy()
      rmSync(site, { recursive: true, force: true })
    }
  })
})

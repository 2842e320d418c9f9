import { createConnection } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestCloud, startTestCloud } from './helpers'

// The gateway as an attacker's page, a hostile client and a flaky network would try it.

let cloud: TestCloud

beforeAll(async () => {
  // The default function timeout: a cold start on a loaded machine takes seconds.
  cloud = await startTestCloud({ requestTimeoutMs: 1_500 })
})
afterAll(() => cloud.destroy())

const json = { 'content-type': 'application/json' }
const expectEnvelope = (reply: { status: number; body: any }, status: number, code: string) => {
  expect(reply.status).toBe(status)
  expect(reply.body).toMatchObject({ ok: false, error: { code, message: expect.any(String) } })
}

describe('local controls (/_local/*) refuse other web pages and non-JSON bodies', () => {
  const advance = (headers: Record<string, string>, body = JSON.stringify({ advanceMs: 60_000 })) =>
    cloud.request('/_local/clock', { method: 'POST', headers, body })

  it('when any web page posts a "simple" text/plain request, then the clock does not move', async () => {
    const before = cloud.clock.offsetMs
    // What <form> or fetch(no-cors) from https://evil.example sends: no preflight, no CORS needed to act.
    expectEnvelope(await advance({ origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8' }), 403, 'FORBIDDEN')
    expectEnvelope(await advance({ origin: 'null', 'content-type': 'application/x-www-form-urlencoded' }), 403, 'FORBIDDEN')
    expectEnvelope(await advance({ origin: 'https://evil.example', ...json }), 403, 'FORBIDDEN')
    expect(cloud.clock.offsetMs).toBe(before)
  })

  it('when the body is not declared JSON, then 415 even from a loopback page, and nothing moves', async () => {
    const before = cloud.clock.offsetMs
    expectEnvelope(await advance({ 'content-type': 'text/plain' }), 415, 'INVALID_ARGUMENT')
    expectEnvelope(
      await advance({ origin: 'http://localhost:10086', 'content-type': 'multipart/form-data; boundary=x' }),
      415,
      'INVALID_ARGUMENT',
    )
    expectEnvelope(await advance({}), 415, 'INVALID_ARGUMENT')
    expect(cloud.clock.offsetMs).toBe(before)
  })

  it('when a foreign page posts to the trigger, pay and crash controls, then they are refused before anything runs', async () => {
    const calls = cloud.stats.snapshot().totals.calls
    for (const path of ['/_local/trigger/expire', '/_local/pay', '/_local/crash']) {
      expectEnvelope(await cloud.request(path, { method: 'POST', headers: { origin: 'https://evil.example' } }), 403, 'FORBIDDEN')
      expectEnvelope(
        await cloud.request(path, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }),
        415,
        'INVALID_ARGUMENT',
      )
    }
    expect(cloud.stats.snapshot().totals.calls).toBe(calls)
  })

  it('when a foreign page reads stats or messages, then 403', async () => {
    for (const path of ['/_local/stats', '/_local/messages', '/_local/clock'])
      expectEnvelope(await cloud.request(path, { headers: { origin: 'https://evil.example' } }), 403, 'FORBIDDEN')
  })

  it('when the developer (no Origin) or the app on a loopback page posts JSON, then it works', async () => {
    const before = cloud.clock.offsetMs
    expect((await advance(json)).status).toBe(200)
    expect((await advance({ origin: 'http://127.0.0.1:10086', 'content-type': 'application/json; charset=utf-8' })).status).toBe(200)
    expect(cloud.clock.offsetMs).toBe(before + 120_000)
    expect((await cloud.request('/_local/trigger/expire', { method: 'POST', headers: json })).status).toBe(200)
  })
})

describe('deeply nested events', () => {
  const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)

  it('when an event nests 5,000 levels (10 KB), then 400 INVALID_ARGUMENT in Chinese, not 500, and the gateway keeps serving', async () => {
    const body = `{"action":"x","deep":${nested(5_000)}}`
    expect(body.length).toBeLessThan(40_000)
    const reply = await cloud.request('/fn/whoami', { method: 'POST', headers: json, body })
    expectEnvelope(reply, 400, 'INVALID_ARGUMENT')
    expect(reply.body.error.message).toMatch(/嵌套/)
    expect((await cloud.call('whoami', {}, 'o-after')).body.after.OPENID).toBe('o-after')
  })

  it('when an event is an array nested 100,000 levels, then the same refusal', async () => {
    const body = `{"deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}`
    expectEnvelope(await cloud.request('/fn/whoami', { method: 'POST', headers: json, body }), 400, 'INVALID_ARGUMENT')
  })

  it('when an event nests as deep as the gateway allows, then the function gets it', async () => {
    const reply = await cloud.request('/fn/whoami', { method: 'POST', headers: json, body: `{"deep":${nested(99)}}` })
    expect(reply.status).toBe(200)
  })
})

/**
 * A trickling client is cut by the 1.5 s request time, checked every 0.75 s: about 2 s on a quiet
 * machine. The bound only tells that cut from Node's own defaults (60 s for headers, 300 s for a
 * request), with room for a loaded machine's late timers.
 */
const CUT_OFF_WITHIN_MS = 15_000

describe('slow clients are cut off', () => {
  /** Sends `head`, then one byte of `trickle` every 200 ms; resolves with what came back and when the socket closed. */
  const trickle = (head: string, drip: string) =>
    new Promise<{ answer: string; ms: number }>((resolve) => {
      const started = Date.now()
      let answer = ''
      let timer: NodeJS.Timeout | undefined
      const socket = createConnection(cloud.port, '127.0.0.1', () => {
        socket.write(head)
        let i = 0
        timer = setInterval(() => {
          if (socket.writable) socket.write(drip[i++ % drip.length])
        }, 200)
      })
      socket.on('data', (chunk) => (answer += chunk))
      socket.on('error', () => undefined)
      socket.on('close', () => {
        clearInterval(timer)
        resolve({ answer, ms: Date.now() - started })
      })
      // The test's own bound: fail rather than hang if the server never cuts the connection (then no
      // 408 came). Far beyond the 1.5 s request time, so a loaded machine's slow timers cannot reach it.
      setTimeout(() => socket.destroy(), 25_000)
    })

  it('when a body trickles in, then 408 once the request time is up, and the connection is closed', async () => {
    const { answer, ms } = await trickle(
      `POST /fn/whoami HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"a":"`,
      'x',
    )
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
    expect(ms).toBeLessThan(CUT_OFF_WITHIN_MS)
    expect((await cloud.call('whoami', {}, 'o-after')).status).toBe(200)
  })

  it('when headers trickle in, then 408 too', async () => {
    const { answer, ms } = await trickle(`GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: `, 'y')
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
    expect(ms).toBeLessThan(CUT_OFF_WITHIN_MS)
  })
})

const CJK = /[\u4e00-\u9fff]/
const whoamiCalls = () => cloud.stats.snapshot().functions.whoami?.calls ?? 0

/** A raw HTTP exchange: writes `head`, then `chunk` every tick while the socket takes it (at most `maxBytes`); resolves with the answer and how much was written. */
function exchange(head: string, chunk = '', maxBytes = 0) {
  return new Promise<{ answer: string; written: number }>((resolve) => {
    let answer = ''
    let written = 0
    const socket = createConnection(cloud.port, '127.0.0.1', () => {
      socket.write(head)
      const pump = () => {
        while (chunk && written < maxBytes && socket.writable && !answer) {
          written += chunk.length
          if (!socket.write(chunk)) return void socket.once('drain', pump)
        }
      }
      pump()
    })
    socket.on('data', (data) => (answer += data))
    socket.on('error', () => undefined)
    socket.on('close', () => resolve({ answer, written }))
    // The test's own bound: a server that waits for the whole body is cut here and fails the test.
    // Generous, so that a loaded machine's slow answer is not mistaken for one.
    setTimeout(() => socket.destroy(), 20_000)
  })
}

describe('what the app-facing gateway refuses, and that it says so in Chinese', () => {
  const post = (body: string, headers: Record<string, string> = json) => cloud.request('/fn/whoami', { method: 'POST', headers, body })

  it.each([['{"action":'], ['{a:1}'], ["{'a':1}"], ['{"a":1,}'], ['NaN'], ['\ufeff{}'], ['{"a":"\\x"}'], ['\u0000']])(
    'when the body is malformed JSON (%j), then 400 INVALID_ARGUMENT in Chinese and the function does not run',
    async (body) => {
      const calls = whoamiCalls()
      const reply = await post(body)
      expectEnvelope(reply, 400, 'INVALID_ARGUMENT')
      expect(reply.body.error.message).toMatch(CJK)
      expect(whoamiCalls()).toBe(calls)
    },
  )

  it('when the event is JSON but not an object, then 400 in Chinese', async () => {
    for (const body of ['[1,2]', '"text"', 'null', '42']) expect((await post(body)).body.error.message).toMatch(CJK)
  })

  it.each([['text/plain;charset=UTF-8'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x'], ['application/xml']])(
    'when the body is declared %s, then 415 INVALID_ARGUMENT in Chinese and the function does not run',
    async (type) => {
      const calls = whoamiCalls()
      const reply = await post('{}', { 'content-type': type })
      expectEnvelope(reply, 415, 'INVALID_ARGUMENT')
      expect(reply.body.error.message).toMatch(CJK)
      expect(whoamiCalls()).toBe(calls)
    },
  )

  it('when the body is declared JSON (any charset), or not declared (curl), then the call runs', async () => {
    expect((await post('{}', { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200)
    expect((await post('{}', { 'content-type': 'Application/JSON' })).status).toBe(200)
    expect((await cloud.request('/fn/whoami', { method: 'POST', body: new Uint8Array(Buffer.from('{}')) })).status).toBe(200)
  })

  it('when the event carries a "__proto__" key, then the function gets it as the own key it was sent as', async () => {
    const reply = await post('{"__proto__":{"polluted":true},"a":1}')
    expect(reply.status).toBe(200)
    expect(Object.keys(reply.body.event)).toEqual(expect.arrayContaining(['__proto__', 'a']))
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('bodies over the limit: a clear 413, and the server stops reading', () => {
  it('when a body declares 50 MiB, then 413 in Chinese comes before the body is sent, and the connection closes', async () => {
    const calls = whoamiCalls()
    const { answer, written } = await exchange(
      `POST /fn/whoami HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${50 * 1024 * 1024}\r\n\r\n{"a":"`,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 413/)
    expect(answer).toMatch(/connection: close/i)
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(CJK) },
    })
    expect(written).toBe(0)
    expect(whoamiCalls()).toBe(calls)
  })

  it('when a chunked body of unknown length runs past 1 MiB, then 413 and the server stops reading well before 32 MiB', async () => {
    const chunk = `10000\r\n${'x'.repeat(0x10000)}\r\n`
    const { answer, written } = await exchange(
      `POST /fn/whoami HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`,
      chunk,
      32 * 1024 * 1024,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 413/)
    expect(written).toBeLessThan(32 * 1024 * 1024)
    expect((await cloud.call('whoami', {}, 'o-after')).status).toBe(200)
  })
})

describe('odd identity headers', () => {
  const withOpenid = (value: string) =>
    exchange(
      `POST /fn/whoami HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n${value}\r\n\r\n{}`,
    )
  const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as any

  it('when x-wegong-openid is empty, then the call is anonymous', async () => {
    const { answer } = await withOpenid('x-wegong-openid: ')
    expect(answer).toMatch(/^HTTP\/1\.1 200/)
    expect(bodyOf(answer).after.OPENID).toBeUndefined()
  })

  it.each([
    ['8 KB long', `x-wegong-openid: ${'a'.repeat(8_000)}`],
    ['not ASCII', 'x-wegong-openid: 微供用户'],
    ['sent twice', 'x-wegong-openid: o-alice\r\nx-wegong-openid: o-mallory'],
    ['a list', 'x-wegong-openid: o-alice, o-mallory'],
  ])('when x-wegong-openid is %s, then 400 INVALID_ARGUMENT in Chinese and the function does not run as anyone', async (_case, header) => {
    const calls = whoamiCalls()
    const { answer } = await withOpenid(header)
    expect(answer).toMatch(/^HTTP\/1\.1 400/)
    expect(bodyOf(answer)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(CJK) } })
    expect(whoamiCalls()).toBe(calls)
  })

  it('when the headers are larger than the server takes (20 KB), then 431 and the gateway keeps serving', async () => {
    const { answer } = await withOpenid(`x-wegong-openid: ${'a'.repeat(20_000)}`)
    expect(answer).toMatch(/^HTTP\/1\.1 431/)
    expect((await cloud.call('whoami', {}, 'o-after')).status).toBe(200)
  })
})

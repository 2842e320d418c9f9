import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURES, type TestCloud, startTestCloud } from './helpers'

let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud({ instancesPerFunction: 3 })
})
afterAll(() => cloud.destroy())

describe('identity per invocation', () => {
  it('when 20 callers with different OPENIDs call at once, then each sees only its own identity', async () => {
    const openids = Array.from({ length: 20 }, (_, i) => `o-user-${i}`)
    const replies = await Promise.all(openids.map((openid, i) => cloud.call('whoami', { delayMs: 20 + ((i * 7) % 50), i }, openid)))
    replies.forEach((reply, i) => {
      expect(reply.status).toBe(200)
      expect(reply.body.before.OPENID).toBe(openids[i])
      expect(reply.body.after.OPENID).toBe(openids[i])
      expect(reply.body.event.i).toBe(i)
    })
  })

  it('when 20 callers write at once through the SDK, then every document is stamped with its own caller', async () => {
    const openids = Array.from({ length: 20 }, (_, i) => `o-writer-${i}`)
    const replies = await Promise.all(openids.map((openid) => cloud.call('notes', { action: 'add', text: `by ${openid}` }, openid)))
    expect(replies.every((reply) => reply.status === 200)).toBe(true)
    for (const openid of openids) {
      expect(cloud.db.find('notes', { _openid: openid }).map((note) => note.text)).toEqual([`by ${openid}`])
    }
    const mine = await Promise.all(openids.map((openid) => cloud.call('notes', { action: 'mine' }, openid)))
    mine.forEach((reply, i) => expect(reply.body).toEqual([`by ${openids[i]}`]))
  })

  it('when an anonymous call follows an identified one on the same warm instance, then it has no OPENID', async () => {
    for (let i = 0; i < 4; i++) {
      expect((await cloud.call('whoami', {}, 'o-known')).body.after.OPENID).toBe('o-known')
      expect((await cloud.call('whoami', {})).body.after.OPENID).toBeUndefined()
    }
  })
})

describe('warm instances', () => {
  it('when a function is called again, then its module state survives like a warm WeChat instance', async () => {
    const first = (await cloud.call('whoami', {}, 'o-warm')).body.invocations
    const second = (await cloud.call('whoami', {}, 'o-warm')).body.invocations
    expect(second).toBeGreaterThan(first)
  })

  it('when more callers than instances arrive, then they queue and all get answers', async () => {
    const replies = await Promise.all(Array.from({ length: 9 }, (_, i) => cloud.call('whoami', { delayMs: 100 }, `o-queue-${i}`)))
    expect(replies.map((reply) => reply.body.after.OPENID)).toEqual(Array.from({ length: 9 }, (_, i) => `o-queue-${i}`))
  })
})

describe('instance lifecycle', () => {
  const instances = async (c: TestCloud) => (await c.request('/_local/stats')).body.instances.whoami as number
  /** Six overlapping calls on a pool of three: the instances that answered them. */
  const burst = async (c: TestCloud) => {
    const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => c.call('whoami', { delayMs: 100 }, `o-burst-${i}`)))
    return new Set(replies.map((reply) => reply.body.instance as number))
  }

  it('when a burst ends, then the extra instances stay warm while their idle time has not run out', async () => {
    // Idle time far beyond any pause of a loaded machine: nothing may shut down during this test.
    const c = await startTestCloud({ instancesPerFunction: 3, idleInstanceMs: 10 * 60_000 })
    try {
      expect((await burst(c)).size).toBe(3)
      expect(await instances(c)).toBe(3)
    } finally {
      await c.destroy()
    }
  })

  it('when a burst ends, then extra instances are shut down after idling and one stays warm', async () => {
    const c = await startTestCloud({ instancesPerFunction: 3, idleInstanceMs: 300 })
    try {
      const served = await burst(c)
      expect(served.size).toBe(3)
      // Waits for the shutdowns themselves (however late a loaded machine runs the idle timers); the
      // test's timeout bounds it.
      let live = await instances(c)
      while (live > 1) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        live = await instances(c)
      }
      expect(live).toBe(1)
      // The survivor is one of the burst's instances, still warm (its module state kept).
      const after = await c.call('whoami', {}, 'o-after')
      expect(after.body.after.OPENID).toBe('o-after')
      expect(served.has(after.body.instance)).toBe(true)
      expect(after.body.invocations).toBeGreaterThan(1)
      expect(await instances(c)).toBe(1)
    } finally {
      await c.destroy()
    }
  })

  it('when a function is rebuilt, then the next call runs the new code in a fresh instance', async () => {
    const functionsDir = mkdtempSync(join(FIXTURES, '..', '.rebuild-'))
    cpSync(join(FIXTURES, 'whoami'), join(functionsDir, 'whoami'), { recursive: true })
    const c = await startTestCloud({ functionsDir })
    try {
      expect((await c.call('whoami', {}, 'o-v1')).body.invocations).toBe(1)
      expect((await c.call('whoami', {}, 'o-v1')).body.invocations).toBe(2)
      const later = new Date(Date.now() + 5000)
      utimesSync(join(functionsDir, 'whoami', 'index.js'), later, later)
      expect((await c.call('whoami', {}, 'o-v2')).body.invocations).toBe(1)
    } finally {
      await c.destroy()
      rmSync(functionsDir, { recursive: true, force: true })
    }
  })
})

describe("the functions' console", () => {
  it('when a cloud is given a stream for function logs, then what functions print goes there, stdout and stderr alike', async () => {
    const functionsDir = mkdtempSync(join(FIXTURES, '..', '.logs-'))
    mkdirSync(join(functionsDir, 'talk'))
    writeFileSync(
      join(functionsDir, 'talk', 'index.js'),
      "exports.main = async (event) => { console.log('said ' + event.n); console.error('warned ' + event.n); return {} }\n",
    )
    const logs = new PassThrough()
    let printed = ''
    logs.on('data', (chunk: Buffer) => (printed += chunk.toString()))
    const c = await startTestCloud({ functionsDir, functionLogs: logs })
    try {
      expect((await c.call('talk', { n: 1 })).status).toBe(200)
      expect((await c.call('talk', { n: 2 })).status).toBe(200)
      // A worker's output reaches its parent a moment after the answer.
      for (let i = 0; i < 100 && !printed.includes('warned 2'); i += 1) await new Promise((resolve) => setTimeout(resolve, 10))
      expect(printed.split('\n').sort()).toEqual(['', 'said 1', 'said 2', 'warned 1', 'warned 2'])
    } finally {
      await c.destroy()
      rmSync(functionsDir, { recursive: true, force: true })
    }
  })
})

describe('callFunction between functions', () => {
  it('when a function calls another, then the callee runs as the same caller and its answer comes back', async () => {
    const reply = await cloud.call('caller', { callee: 'whoami', data: { hello: 'world' } }, 'o-chain')
    expect(reply.status).toBe(200)
    expect(reply.body.caller).toBe('o-chain')
    expect(reply.body.result.after.OPENID).toBe('o-chain')
    expect(reply.body.result.event).toEqual({ hello: 'world' })
  })

  it('when the callee throws, then the caller gets FUNCTIONS_EXECUTE_FAIL', async () => {
    const reply = await cloud.call('caller', { callee: 'boom' }, 'o-chain')
    expect(reply.body.error.code).toBe('FUNCTIONS_EXECUTE_FAIL')
    expect(reply.body.error.message).toContain('boom from the function')
  })

  it('when the callee does not exist, then the caller gets FUNCTIONS_REQUEST_FAIL', async () => {
    const reply = await cloud.call('caller', { callee: 'ghost' }, 'o-chain')
    expect(reply.body.error).toMatchObject({ code: 'FUNCTIONS_REQUEST_FAIL', message: expect.stringContaining('ghost') })
  })

  it('when the callee writes, then the gateway call counts the write and stats charge the callee', async () => {
    const before = cloud.stats.snapshot().functions
    const reply = await cloud.call('caller', { callee: 'notes', data: { action: 'add', text: 'via caller' } }, 'o-chain')
    expect(reply.headers.get('x-wegong-db-writes')).toBe('1')
    const after = cloud.stats.snapshot().functions
    expect(after.notes.dbWrites - before.notes.dbWrites).toBe(1)
    expect(after.caller.dbWrites - (before.caller?.dbWrites ?? 0)).toBe(0)
    expect(cloud.db.find('notes', { text: 'via caller' })[0]._openid).toBe('o-chain')
  })
})

describe('the /admin API', () => {
  it('when a request carries no running invocation token, then it is refused in the CloudBase envelope', async () => {
    const reply = await cloud.request('/admin', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.getDocument', collectionName: 'notes', queryType: 'WHERE', wxCloudApiToken: 'forged' }),
    })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({
      requestId: expect.any(String),
      code: 'INVALID_PARAM',
      message: expect.stringContaining('wxCloudApiToken'),
    })
  })
})

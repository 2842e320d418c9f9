import { spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LocalClock } from '../../local/clock'
import { type TestCloud, startTestCloud } from './helpers'

// Every file the local cloud writes is written atomically, and a state file a crash left
// empty or cut off never stops the next start nor is trusted (an empty URL-signing key).

const dirs: string[] = []
const clouds: TestCloud[] = []
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wegong-state-'))
  dirs.push(dir)
  return dir
}
const start = async (dataDir: string) => {
  const cloud = await startTestCloud({ dataDir })
  clouds.push(cloud)
  return cloud
}
afterEach(async () => {
  for (const cloud of clouds.splice(0)) await cloud.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const HOUR = 3_600_000

describe('the clock state', () => {
  it('when clock.json was left empty by a crash, then the next start runs on the previous good copy and says so', async () => {
    const dataDir = freshDir()
    writeFileSync(join(dataDir, 'clock.json'), '')
    writeFileSync(join(dataDir, 'clock.json.bak'), JSON.stringify({ offsetMs: 5 * HOUR }))
    const cloud = await start(dataDir)
    expect(cloud.clock.offsetMs).toBe(5 * HOUR)
    expect(cloud.logs.join('\n')).toMatch(/clock\.json is unreadable/)
    // Repaired: the next start reads the main copy again.
    expect(JSON.parse(readFileSync(join(dataDir, 'clock.json'), 'utf8'))).toEqual({ offsetMs: 5 * HOUR })
  })

  it('when both copies can be read, then the later (larger) offset wins: the clock never goes back', async () => {
    const dataDir = freshDir()
    writeFileSync(join(dataDir, 'clock.json'), JSON.stringify({ offsetMs: 7 * HOUR }))
    writeFileSync(join(dataDir, 'clock.json.bak'), JSON.stringify({ offsetMs: 6 * HOUR }))
    expect((await start(dataDir)).clock.offsetMs).toBe(7 * HOUR)
  })

  it('when the only clock file is cut off, then the cloud still starts, and the log says the clock restarted at real time', async () => {
    const dataDir = freshDir()
    writeFileSync(join(dataDir, 'clock.json'), '{"offsetMs": 36')
    const cloud = await start(dataDir)
    expect(cloud.clock.offsetMs).toBe(0)
    expect(cloud.logs.join('\n')).toMatch(/restarts at real time/)
  })

  it('when the clock advances, then both copies hold the new offset and no temp file is left', async () => {
    const cloud = await start(freshDir())
    const moved = await cloud.request('/_local/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: HOUR }),
    })
    expect(moved.status).toBe(200)
    for (const name of ['clock.json', 'clock.json.bak'])
      expect(JSON.parse(readFileSync(join(cloud.dataDir, name), 'utf8'))).toEqual({ offsetMs: HOUR })
    expect(readdirSync(cloud.dataDir).filter((name) => name.includes('.partial'))).toEqual([])
  })

  it('when a process advancing the clock is SIGKILLed at random moments, then the clock always loads, never behind an answered advance', async () => {
    const dataDir = freshDir()
    const file = join(dataDir, 'clock.json')
    const script = `
      const { LocalClock } = require(${JSON.stringify(join(__dirname, '../../local/clock.ts'))})
      const clock = new LocalClock(${JSON.stringify(file)})
      for (;;) { clock.advance(1); process.stdout.write(clock.offsetMs + '\\n') }`
    for (let kill = 0; kill < 4; kill++) {
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
      let answered = 0
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const lines = out.split('\n')
        out = lines.pop() ?? ''
        if (lines.length > 0) answered = Number(lines[lines.length - 1])
      })
      await new Promise((resolve) => child.stdout.once('data', resolve))
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80))
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
      const logs: string[] = []
      const loaded = new LocalClock(file, (line) => logs.push(line))
      expect(loaded.offsetMs).toBeGreaterThanOrEqual(answered)
      expect(logs.join('\n')).not.toMatch(/restarts at real time/)
    }
  })
})

describe('the URL-signing key', () => {
  const upload = (cloud: TestCloud, path: string) =>
    cloud.request(`/storage/upload?cloudPath=${encodeURIComponent(path)}`, {
      method: 'POST',
      headers: { 'x-wegong-openid': 'o-key' },
      body: 'bytes',
    })
  const signedWith = (key: Buffer, cloud: TestCloud, path: string) => {
    const expires = cloud.clock.now() + 60_000
    const sign = createHmac('sha256', key).update(`GET\n${path}\n${expires}`).digest('base64url')
    return `/files/${path}?expires=${expires}&sign=${sign}`
  }

  for (const [what, content] of [
    ['empty (a crash at the first start)', ''],
    ['cut off', 'a1b2c3'],
    ['not hex', 'z'.repeat(64)],
  ] as const) {
    it(`when url-signing.key is ${what}, then it is replaced by a new key and a URL signed with the old one is refused`, async () => {
      const dataDir = freshDir()
      writeFileSync(join(dataDir, 'url-signing.key'), content)
      const cloud = await start(dataDir)
      expect((await upload(cloud, 'k/a.txt')).status).toBe(200)
      const weak = Buffer.from(content.trim(), 'hex')
      expect((await cloud.request(signedWith(weak, cloud, 'k/a.txt'))).status).toBe(403)
      const key = readFileSync(join(dataDir, 'url-signing.key'), 'utf8')
      expect(key).toMatch(/^[0-9a-f]{64}$/)
      expect((await cloud.request(signedWith(Buffer.from(key, 'hex'), cloud, 'k/a.txt'))).status).toBe(200)
      expect(cloud.logs.join('\n')).toMatch(/url-signing\.key does not hold a 32-byte hex key/)
    })
  }

  it('when the key is created, then it is private to the user and the same key is used after a restart', async () => {
    const dataDir = freshDir()
    const first = await start(dataDir)
    const { body } = await upload(first, 'k/b.txt')
    await first.close()
    clouds.splice(clouds.indexOf(first), 1)
    const file = join(dataDir, 'url-signing.key')
    expect(existsSync(file)).toBe(true)
    const { statSync } = await import('node:fs')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const second = await start(dataDir)
    expect((await fetch(encodeURI(body.data.tempFileURL.replace(/:\d+\//, `:${second.port}/`)))).status).toBe(200)
  })
})

describe('the subscribe-message log', () => {
  it('when its last line was cut off by a crash, then the cloud starts with the messages before it and drops the cut line', async () => {
    const dataDir = freshDir()
    const message = {
      msgid: 1,
      at: 1,
      from: 'f',
      touser: 'o',
      templateId: 't',
      page: '',
      miniprogramState: 'formal',
      lang: 'zh_CN',
      data: {},
    }
    writeFileSync(join(dataDir, 'messages.jsonl'), `${JSON.stringify(message)}\n{"msgid":2,"at`)
    const cloud = await start(dataDir)
    expect((await cloud.request('/_local/messages')).body.data.items).toEqual([message])
    expect(readFileSync(join(dataDir, 'messages.jsonl'), 'utf8')).toBe(`${JSON.stringify(message)}\n`)
  })
})

import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleLocalCloud } from '../../local/build'
import { FIXTURES } from './helpers'

const ROOT = join(__dirname, '..', '..')
const dataDir = mkdtempSync(join(tmpdir(), 'wegong-main-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/**
 * demo/main.ts bundled as `npm start` and `npm run cloud` bundle it (demo/build.ts), beside their
 * bundle so that it finds what theirs finds: what runs in the bundle only (each module's folder, the
 * externals) is tested too.
 */
const BUNDLE = join(ROOT, 'dist', 'local', 'main-under-test.cjs')
beforeAll(() => bundleLocalCloud(join(ROOT, 'demo', 'main.ts'), BUNDLE), 60_000)

/** The bundle as `npm run cloud` runs it, minus the functions build. */
function startMain(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BUNDLE], {
    cwd: ROOT,
    env: { ...process.env, WEGONG_DATA: dataDir, WEGONG_FUNCTIONS_DIR: FIXTURES, ...env },
  })
  let text = ''
  child.stdout?.on('data', (chunk) => (text += chunk))
  child.stderr?.on('data', (chunk) => (text += chunk))
  // 'close', not 'exit': by then the child's output has all been read.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return { child, output: () => text, exited }
}

/** A port the system just handed out as free (listen on 0), for a child that must be told its port. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/**
 * Polls `probe` until it answers true, or fails with the child's output once the child has exited:
 * no deadline of its own (a loaded machine starts and seeds in its own time), the test's timeout
 * bounds it.
 */
async function until(probe: () => Promise<boolean> | boolean, started: ReturnType<typeof startMain>, everyMs = 50): Promise<void> {
  let gone = false
  void started.exited.then(() => (gone = true))
  while (!(await probe())) {
    if (gone) throw new Error(`the local cloud exited first:\n${started.output()}`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}

// Starting the local cloud in a child takes a second on a quiet machine and far longer at
// load 20 on two cores: the tests wait for what the child does, bounded only by these timeouts.
const START_MS = 180_000

describe('npm run cloud (demo/main.ts)', { timeout: START_MS }, () => {
  it('when the environment is invalid, then it exits at once naming each bad variable', async () => {
    const { exited, output } = startMain({ WEGONG_PORT: 'eighty', WEGONG_SEED: 'maybe', WEGONG_OPERATORS: 'ok-1,not ok' })
    expect(await exited).toBe(2)
    expect(output()).toMatch(/WEGONG_PORT: /)
    expect(output()).toMatch(/WEGONG_SEED: /)
    expect(output()).toMatch(/WEGONG_OPERATORS\.1: an OPENID/)
  })

  it('when started, then /healthz answers and SIGTERM stops it cleanly', async () => {
    const port = await freePort()
    const started = startMain({ WEGONG_PORT: String(port), WEGONG_SEED: 'none' })
    const { child, exited, output } = started
    try {
      await until(
        () =>
          fetch(`http://127.0.0.1:${port}/healthz`).then(
            (r) => r.ok,
            () => false,
          ),
        started,
      )
      // /healthz answers from the moment the server listens; the SIGTERM handler is set up right after
      // the start line. A signal before it would kill the process outright (exit 143).
      await until(() => output().includes('微供 local cloud on'), started)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
    expect(output()).toContain('SIGTERM: stopping')
  })

  it('when it starts on the demo data, then /healthz answers 200 only once the demo data is loaded', async () => {
    const port = await freePort()
    const demoData = mkdtempSync(join(tmpdir(), 'wegong-main-demo-'))
    const started = startMain({
      WEGONG_PORT: String(port),
      WEGONG_SEED: 'demo',
      WEGONG_DATA: demoData,
      WEGONG_FUNCTIONS_DIR: join(ROOT, 'dist', 'cloudfunctions'),
    })
    const { child, exited, output } = started
    try {
      const statuses = new Set<number>()
      let status = 0
      await until(
        async () => {
          status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
            (r) => r.status,
            () => 0,
          )
          statuses.add(status)
          return status === 200
        },
        started,
        10,
      )
      expect(status, output()).toBe(200)
      // The start line is printed once startLocalCloud has loaded the demo data; it comes through its
      // own pipe, so it may arrive after the 200.
      await until(() => output().includes('微供 local cloud on'), started)
      expect([...statuses].filter((s) => s !== 0 && s !== 200)).toEqual([503])
    } finally {
      child.kill('SIGTERM')
      await exited
      rmSync(demoData, { recursive: true, force: true })
    }
  })
})

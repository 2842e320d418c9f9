import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FIXTURES } from './helpers'

const ROOT = join(__dirname, '..', '..')
const dataDir = mkdtempSync(join(tmpdir(), 'wegong-main-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** `tsx demo/main.ts` as `npm run cloud` runs it (bundled), minus the functions build. */
function startMain(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'demo', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, WEGONG_DATA: dataDir, WEGONG_FUNCTIONS_DIR: FIXTURES, ...env },
  })
  let text = ''
  child.stdout?.on('data', (chunk) => (text += chunk))
  child.stderr?.on('data', (chunk) => (text += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => text, exited }
}

describe('npm run cloud (demo/main.ts)', () => {
  it('when the environment is invalid, then it exits at once naming each bad variable', async () => {
    const { exited, output } = startMain({ WEGONG_PORT: 'eighty', WEGONG_SEED: 'maybe', WEGONG_OPERATORS: 'ok-1,not ok' })
    expect(await exited).toBe(2)
    expect(output()).toMatch(/WEGONG_PORT: /)
    expect(output()).toMatch(/WEGONG_SEED: /)
    expect(output()).toMatch(/WEGONG_OPERATORS\.1: an OPENID/)
  })

  it('when started, then /healthz answers and SIGTERM stops it cleanly', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000)
    const { child, exited, output } = startMain({ WEGONG_PORT: String(port), WEGONG_SEED: 'none' })
    const deadline = Date.now() + 20_000
    let healthy = false
    while (!healthy && Date.now() < deadline) {
      healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
      if (!healthy) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(healthy, output()).toBe(true)
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(output()).toContain('SIGTERM: stopping')
  })

  it('when it starts on the demo data, then /healthz answers 200 only once the demo data is loaded', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000)
    const demoData = mkdtempSync(join(tmpdir(), 'wegong-main-demo-'))
    const { child, exited, output } = startMain({
      WEGONG_PORT: String(port),
      WEGONG_SEED: 'demo',
      WEGONG_DATA: demoData,
      WEGONG_FUNCTIONS_DIR: join(ROOT, 'dist', 'cloudfunctions'),
    })
    try {
      // Seeding the demo through the functions takes seconds alone and longer beside other test files.
      const deadline = Date.now() + 90_000
      const statuses = new Set<number>()
      let status = 0
      while (status !== 200 && Date.now() < deadline) {
        status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.status,
          () => 0,
        )
        statuses.add(status)
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 10))
      }
      expect(status, output()).toBe(200)
      // The start line is printed once startLocalCloud has loaded the demo data.
      expect(output()).toContain('微供 local cloud on')
      expect([...statuses].filter((s) => s !== 0 && s !== 200)).toEqual([503])
    } finally {
      child.kill('SIGTERM')
      await exited
      rmSync(demoData, { recursive: true, force: true })
    }
  }, 120_000)
})

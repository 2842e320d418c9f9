/**
 * Prints the project's figures, one per line as `name value unit`:
 * - weapp main package and total size, and the same for a bare Taro 4 React page built with this
 *   project's config (the floor we compare against);
 * - the local cloud's cold start (process start → /healthz 200);
 * - p50/p95 latency and database operations per call of user.login and supplier.me under 20
 *   concurrent callers;
 * - the cost of each user action and the agent feed at 1k and 100k products (bench-scale.ts).
 * Figures are measured, never asserted: this is not a test. `--check` exits 1 when a budget of
 * issue 12 is broken (each budget is also printed on stderr); `--cloud-only` skips the weapp builds.
 */
import { spawn, execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { scaleFigures } from './bench-scale'

const root = path.resolve(__dirname, '..')
const CONCURRENCY = 20
const CALLS_PER_CALLER = 25

function figure(name: string, value: number, unit: string): void {
  console.log(`${name} ${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`)
}

function dirSize(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    total += entry.isDirectory() ? dirSize(full) : statSync(full).size
  }
  return total
}

/** WeChat counts the main package as everything outside the subpackage roots. */
function weappSizes(outDir: string): { main: number; total: number } {
  const appJson = JSON.parse(readFileSync(path.join(outDir, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>
    subpackages?: Array<{ root: string }>
  }
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => path.join(outDir, p.root))
  const total = dirSize(outDir)
  const sub = roots.filter((r) => existsSync(r)).reduce((sum, r) => sum + dirSize(r), 0)
  return { main: total - sub, total }
}

function buildWeapp(env: Record<string, string>): void {
  execFileSync('npx', ['taro', 'build', '--type', 'weapp'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: 'ignore',
  })
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

async function call(url: string, fn: string, event: object, openid: string) {
  const started = performance.now()
  const response = await fetch(`${url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wegong-openid': openid },
    body: JSON.stringify(event),
  })
  const body = (await response.json()) as { ok: boolean }
  if (!body.ok) throw new Error(`${fn} failed: ${JSON.stringify(body)}`)
  const ops = Number(response.headers.get('x-wegong-db-reads') ?? 0) + Number(response.headers.get('x-wegong-db-writes') ?? 0)
  return { ms: performance.now() - started, ops }
}

async function underLoad(url: string, name: string, fn: string, event: object, openidOf: (caller: number) => string) {
  const samples: Array<{ ms: number; ops: number }> = []
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, caller) => {
      for (let i = 0; i < CALLS_PER_CALLER; i += 1) samples.push(await call(url, fn, event, openidOf(caller)))
    }),
  )
  const latencies = samples.map((s) => s.ms).sort((a, b) => a - b)
  figure(`${name}_p50`, percentile(latencies, 50), 'ms')
  figure(`${name}_p95`, percentile(latencies, 95), 'ms')
  figure(`${name}_db_ops_per_call`, samples.reduce((sum, s) => sum + s.ops, 0) / samples.length, 'ops')
}

async function cloudFigures(): Promise<void> {
  execFileSync('npx', ['tsx', 'cloudfunctions/build.ts'], { cwd: root, stdio: 'ignore' })
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wegong-bench-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const started = performance.now()
  const child = spawn('npx', ['tsx', 'local/main.ts'], {
    cwd: root,
    env: { ...process.env, WEGONG_PORT: String(port), WEGONG_DATA: dataDir, WEGONG_SEED: 'demo' },
    stdio: 'ignore',
  })
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error('local cloud exited')
      const ready = await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
      if (ready) break
      await new Promise((r) => setTimeout(r, 20))
    }
    figure('local_cloud_cold_start', performance.now() - started, 'ms')
    const openidOf = (caller: number) => `bench-user-${caller}`
    // Warm up: create the users and their suppliers, and warm the function instances.
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, caller) => {
        await call(url, 'user', { action: 'login' }, openidOf(caller))
        await call(
          url,
          'supplier',
          { action: 'register', name: `压测供应商${caller}`, contact: '13800138000', mainCategory: '女装' },
          openidOf(caller),
        )
      }),
    )
    await underLoad(url, 'user_login', 'user', { action: 'login' }, openidOf)
    await underLoad(url, 'supplier_me', 'supplier', { action: 'me' }, openidOf)
  } finally {
    child.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check')
  if (!process.argv.includes('--cloud-only')) await phoneFigures()
  await cloudFigures()
  const budgets = await scaleFigures(figure)
  const broken = budgets.filter((b) => !b.ok)
  for (const b of budgets) console.error(`budget ${b.ok ? 'ok    ' : 'BROKEN'} ${b.name}: ${b.detail}`)
  if (check && broken.length > 0) {
    console.error(`${broken.length} of ${budgets.length} budgets broken`)
    process.exit(1)
  }
}

async function phoneFigures(): Promise<void> {
  buildWeapp({})
  const app = weappSizes(path.join(root, 'dist/weapp'))
  figure('weapp_main_package', app.main, 'bytes')
  figure('weapp_total', app.total, 'bytes')
  const floorOut = path.join(root, 'dist/bench-floor')
  buildWeapp({ WEGONG_SOURCE_ROOT: 'scripts/bench-floor', WEGONG_OUTPUT_ROOT: 'dist/bench-floor' })
  const floor = weappSizes(floorOut)
  figure('floor_weapp_main_package', floor.main, 'bytes')
  figure('floor_weapp_total', floor.total, 'bytes')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})

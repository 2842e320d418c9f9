/**
 * The local cloud's own figures for `npm run bench`, run on the
 * process `npm start` runs (the bundle dist/local/main.cjs on plain Node):
 * - cold start to healthy on an empty store (budget ≤ 1 s), loading the demo data, restarting on
 *   it, and at 100k products; a function instance's cold start (its first call over a warm one);
 * - per-call overhead: a function that does nothing, against /healthz (the HTTP round trip alone);
 * - throughput of one function under 20 concurrent callers (the no-op, and user.login);
 * - resident memory of the whole process (gateway, store and warm function instances) on the demo
 *   data and with 100k products.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openDatabase } from '../local/db'
import { LOCAL_CLOUD_BUNDLE } from '../demo/build'
import { percentile, type Budget, type Figure } from './bench-figures'

const root = path.resolve(__dirname, '..')
const FUNCTIONS = path.join(root, 'dist/cloudfunctions')
const CONCURRENCY = 20
const COLD_STARTS = 5
const DEMO_AGENT = 'demo-agent-1'

export interface CloudProcess {
  url: string
  pid: number
  /** Process start → /healthz 200. */
  startMs: number
  /** Resident and peak resident memory of the process, in bytes (Linux /proc). */
  memory(): { rss: number; peak: number }
  stop(): Promise<void>
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

/** Starts the bundled local cloud as `npm start` does and waits until /healthz answers 200. */
export async function startCloudProcess(options: {
  seed: 'demo' | 'none'
  dataDir?: string
  functionsDir?: string
  h5Dir?: string
}): Promise<CloudProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'wegong-bench-cloud-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const started = performance.now()
  const child: ChildProcess = spawn(process.execPath, [LOCAL_CLOUD_BUNDLE], {
    cwd: root,
    env: {
      ...process.env,
      WEGONG_PORT: String(port),
      WEGONG_DATA: dataDir,
      WEGONG_SEED: options.seed,
      WEGONG_FUNCTIONS_DIR: options.functionsDir ?? FUNCTIONS,
      WEGONG_H5_DIR: options.h5Dir ?? '',
      WEGONG_OPERATORS: 'demo-operator',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bench: the local cloud exited at start:\n${errors}`)
    const healthy = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (healthy) break
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  const startMs = performance.now() - started
  const pid = child.pid as number
  return {
    url,
    pid,
    startMs,
    memory() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024
      return { rss: kib('VmRSS'), peak: kib('VmHWM') }
    },
    async stop() {
      child.kill('SIGTERM')
      await exited
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function call(url: string, fn: string, event: object, openid?: string): Promise<number> {
  const started = performance.now()
  const response = await fetch(`${url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wegong-openid': openid } : {}) },
    body: JSON.stringify(event),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`bench: ${fn} answered ${response.status}: ${text.slice(0, 300)}`)
  return performance.now() - started
}

async function sequential(times: number, run: () => Promise<number>): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < times; i += 1) samples.push(await run())
  return samples.sort((a, b) => a - b)
}

/** Calls per second of `run` with `CONCURRENCY` callers in a loop, `perCaller` calls each. */
async function throughput(perCaller: number, run: (caller: number) => Promise<number>): Promise<{ perSecond: number; sorted: number[] }> {
  const samples: number[] = []
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, caller) => {
      for (let i = 0; i < perCaller; i += 1) samples.push(await run(caller))
    }),
  )
  const seconds = (performance.now() - started) / 1000
  return { perSecond: samples.length / seconds, sorted: samples.sort((a, b) => a - b) }
}

/** Copies a demo product `count` times straight into the stopped cloud's store. */
function addProducts(dataDir: string, count: number): void {
  const db = openDatabase({
    file: path.join(dataDir, 'db.sqlite'),
    declaration: JSON.parse(readFileSync(path.join(root, 'cloudfunctions', 'database.json'), 'utf8')),
    now: () => Date.now(),
  })
  try {
    const [product] = db.find('products', { status: 'on_sale' })
    if (!product) throw new Error('bench: the demo data has no product on sale')
    const suppliers = [...new Set(db.find('suppliers', {}).map((s) => String(s._id)))]
    const now = Date.now()
    for (let made = 0; made < count;) {
      const batch: Array<Record<string, unknown>> = []
      for (; batch.length < 10_000 && made < count; made += 1) {
        const publishedAt = now - made * 60_000
        batch.push({
          ...product,
          _id: `bench-mem-${made}`,
          supplierId: suppliers[made % suppliers.length],
          publishedAt,
          createdAt: publishedAt,
          updatedAt: publishedAt,
        })
      }
      db.insertMany('products', batch)
    }
  } finally {
    db.close()
  }
}

/** On the bundle `npm run bench` built before its parts (demo/build.ts). */
export async function cloudFigures(figure: Figure, budget: Budget): Promise<void> {
  // ---- cold start -------------------------------------------------------------------------------
  const empty: number[] = []
  // A function's first call on a fresh cloud starts its instance (a thread, wx-server-sdk, the bundle),
  // as in WeChat; the second finds it warm.
  const firstCalls: number[] = []
  const warmCalls: number[] = []
  for (let i = 0; i < COLD_STARTS; i += 1) {
    const cloud = await startCloudProcess({ seed: 'none' })
    empty.push(cloud.startMs)
    firstCalls.push(await call(cloud.url, 'user', { action: 'login' }, DEMO_AGENT))
    warmCalls.push(await call(cloud.url, 'user', { action: 'login' }, DEMO_AGENT))
    await cloud.stop()
  }
  empty.sort((a, b) => a - b)
  firstCalls.sort((a, b) => a - b)
  warmCalls.sort((a, b) => a - b)
  figure('function_instance_cold_start_p50', percentile(firstCalls, 50) - percentile(warmCalls, 50), 'ms')
  figure('local_cloud_cold_start_empty_p50', percentile(empty, 50), 'ms')
  figure('local_cloud_cold_start_empty_max', empty[empty.length - 1], 'ms')
  budget(
    'local_cloud_cold_start_empty',
    percentile(empty, 50) <= 1000,
    `${percentile(empty, 50).toFixed(0)} ms p50 of ${COLD_STARTS} (≤ 1000 ms)`,
  )

  const dataDir = mkdtempSync(path.join(tmpdir(), 'wegong-bench-demo-'))
  try {
    const seeding = await startCloudProcess({ seed: 'demo', dataDir })
    figure('local_cloud_cold_start_demo', seeding.startMs, 'ms')
    await seeding.stop()
    // The reference for memory: the same store restarted and visited the same way, without the 100k.
    const demo = await startCloudProcess({ seed: 'demo', dataDir })
    figure('local_cloud_restart_demo', demo.startMs, 'ms')
    await warm(demo.url)
    const demoMemory = demo.memory()
    figure('local_cloud_rss_demo', demoMemory.rss, 'bytes')
    await demo.stop()

    // ---- 100k products --------------------------------------------------------------------------
    addProducts(dataDir, 100_000)
    const big = await startCloudProcess({ seed: 'demo', dataDir })
    figure('local_cloud_cold_start_100k_products', big.startMs, 'ms')
    await warm(big.url)
    const bigMemory = big.memory()
    figure('local_cloud_rss_100k_products', bigMemory.rss, 'bytes')
    figure('local_cloud_rss_peak_100k_products', bigMemory.peak, 'bytes')
    figure('local_cloud_rss_100k_over_demo', bigMemory.rss / demoMemory.rss, 'x')
    await big.stop()
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }

  // ---- per-call overhead and throughput ---------------------------------------------------------
  const functionsDir = mkdtempSync(path.join(tmpdir(), 'wegong-bench-fns-'))
  mkdirSync(path.join(functionsDir, 'noop'))
  writeFileSync(path.join(functionsDir, 'noop', 'index.js'), 'exports.main = async () => ({})\n')
  const noopCloud = await startCloudProcess({ seed: 'none', functionsDir })
  try {
    const url = noopCloud.url
    await throughput(5, () => call(url, 'noop', {}))
    const health = await sequential(300, async () => {
      const started = performance.now()
      await (await fetch(`${url}/healthz`)).text()
      return performance.now() - started
    })
    const noop = await sequential(300, () => call(url, 'noop', {}))
    figure('local_cloud_healthz_p50', percentile(health, 50), 'ms')
    figure('local_cloud_noop_call_p50', percentile(noop, 50), 'ms')
    figure('local_cloud_noop_call_p95', percentile(noop, 95), 'ms')
    figure('local_cloud_call_overhead_p50', percentile(noop, 50) - percentile(health, 50), 'ms')
    const loaded = await throughput(100, () => call(url, 'noop', {}))
    figure(`local_cloud_noop_${CONCURRENCY}_callers_throughput`, loaded.perSecond, 'calls/s')
    figure(`local_cloud_noop_${CONCURRENCY}_callers_p50`, percentile(loaded.sorted, 50), 'ms')
    figure(`local_cloud_noop_${CONCURRENCY}_callers_p95`, percentile(loaded.sorted, 95), 'ms')
  } finally {
    await noopCloud.stop()
    rmSync(functionsDir, { recursive: true, force: true })
  }

  // A real function beside it: user.login (a read, and a write of the login time).
  const real = await startCloudProcess({ seed: 'none' })
  try {
    const openid = (caller: number) => `bench-user-${caller}`
    await throughput(2, (caller) => call(real.url, 'user', { action: 'login' }, openid(caller)))
    const loaded = await throughput(25, (caller) => call(real.url, 'user', { action: 'login' }, openid(caller)))
    figure(`user_login_${CONCURRENCY}_callers_throughput`, loaded.perSecond, 'calls/s')
    figure(`user_login_${CONCURRENCY}_callers_p50`, percentile(loaded.sorted, 50), 'ms')
    figure(`user_login_${CONCURRENCY}_callers_p95`, percentile(loaded.sorted, 95), 'ms')
  } finally {
    await real.stop()
  }
}

/** What a visit does: the demo agent's feed and a product, so the store and function instances are in use. */
async function warm(url: string): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await call(url, 'user', { action: 'login' }, DEMO_AGENT)
    await call(url, 'feed', { action: 'products', limit: 20 }, DEMO_AGENT)
  }
}

/**
 * `npm run soak:crash -- [runs] [--load busy-loops]`: runs the crash test (tests/stress/crash.stress.test.ts)
 * `runs` times in a row (default 20) while `busy-loops` Node processes spin on the CPU (default one
 * per core), as CI runs `npm run test:stress` on a developer machine that is busy with other work.
 * Builds the cloud functions once first. Ends with `N passed, M failed`; a failed run's output is
 * kept in dist/reports/crash-soak/run-<n>.log, and every run's local cloud log (each call, each
 * payment callback) in run-<n>.cloud.log. Exits non-zero when any run failed.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const logs = path.join(root, 'dist/reports/crash-soak')

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name)
  return at >= 0 ? process.argv[at + 1] : undefined
}
const runs = Number(process.argv.slice(2).find((arg, i, all) => /^\d+$/.test(arg) && all[i - 1] !== '--load') ?? 20)
const loops = Number(option('--load') ?? availableParallelism())
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(loops) || loops < 0) {
  console.error('usage: npm run soak:crash -- [runs ≥ 1] [--load busy-loops ≥ 0]')
  process.exit(2)
}

const built = spawnSync('npm', ['run', 'build:functions'], { cwd: root, stdio: 'inherit' })
if (built.status !== 0) process.exit(built.status ?? 1)

// The artificial load: processes that only spin, each its own, stopped by id when the soak ends.
const busy: ChildProcess[] = Array.from({ length: loops }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }))
/** The test run under way, stopped with the load when the soak is interrupted. */
let current: ChildProcess | null = null
const stopLoad = () => {
  for (const loop of busy) if (loop.exitCode === null && loop.signalCode === null) loop.kill('SIGKILL')
}
process.on('exit', stopLoad)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopLoad()
    // Its own process group (detached), so the local cloud it started goes with it.
    if (current?.pid && current.exitCode === null) process.kill(-current.pid, 'SIGKILL')
    process.exit(130)
  })
}

function runOnce(run: number): Promise<{ passed: boolean; output: string }> {
  return new Promise((resolve) => {
    const test = spawn('npx', ['vitest', 'run', '-c', 'vitest.stress.config.mts', 'tests/stress/crash.stress.test.ts'], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0', WEGONG_CRASH_LOG: path.join(logs, `run-${run}.cloud.log`) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    current = test
    let output = ''
    test.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    test.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    test.on('close', (code) => resolve({ passed: code === 0, output }))
  })
}

async function main(): Promise<void> {
  rmSync(logs, { recursive: true, force: true })
  mkdirSync(logs, { recursive: true })
  console.log(`crash soak: ${runs} runs of the crash test, ${loops} busy loop(s) on ${availableParallelism()} core(s)`)
  let passed = 0
  let failed = 0
  for (let run = 1; run <= runs; run++) {
    const started = Date.now()
    const outcome = await runOnce(run)
    const seconds = Math.round((Date.now() - started) / 1000)
    if (outcome.passed) passed += 1
    else {
      failed += 1
      writeFileSync(path.join(logs, `run-${run}.log`), outcome.output)
    }
    console.log(`run ${run}/${runs}: ${outcome.passed ? 'passed' : `FAILED (dist/reports/crash-soak/run-${run}.log)`} in ${seconds} s`)
  }
  stopLoad()
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed === 0 ? 0 : 1)
}

void main()

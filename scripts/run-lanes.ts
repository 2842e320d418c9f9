/**
 * Runs npm scripts in lanes: each argument is one lane, its scripts comma-separated and run one after
 * another (a failure ends its lane); the lanes run side by side. tsc, ESLint and webpack each use about
 * one core, so `npm test`'s checks beside its builds keep both of CI's cores busy.
 *
 *   tsx scripts/run-lanes.ts typecheck,lint build:functions,build:weapp,build:h5
 *
 * Each script's output is printed whole when it ends, never interleaved with another's. Exits 1 when
 * any script failed, after every lane has ended, naming each failure.
 */
import { spawn } from 'node:child_process'

interface Failure {
  script: string
  status: string
}

function runScript(script: string): Promise<Failure | null> {
  const started = performance.now()
  console.log(`run-lanes: ${script} started`)
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] })
    const output: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk))
    const finish = (status: string | null) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      process.stdout.write(Buffer.concat(output))
      console.log(`run-lanes: ${script} ${status === null ? 'passed' : `FAILED (${status})`} in ${seconds} s\n`)
      resolve(status === null ? null : { script, status })
    }
    child.on('error', (error) => finish(error.message))
    child.on('close', (code, signal) => finish(code === 0 ? null : (signal ?? `exit ${code}`)))
  })
}

async function runLane(scripts: string[]): Promise<Failure | null> {
  for (const script of scripts) {
    const failure = await runScript(script)
    if (failure) return failure
  }
  return null
}

async function main(): Promise<void> {
  const lanes = process.argv.slice(2).map((lane) => lane.split(',').filter((script) => script !== ''))
  if (lanes.length === 0 || lanes.some((lane) => lane.length === 0)) {
    console.error('usage: tsx scripts/run-lanes.ts script[,script…] [script[,script…] …]')
    process.exit(2)
  }
  const failures = (await Promise.all(lanes.map(runLane))).filter((failure) => failure !== null)
  for (const { script, status } of failures) console.error(`run-lanes: ${script} failed (${status})`)
  process.exit(failures.length === 0 ? 0 : 1)
}

void main()

import { type ChildProcess, spawn } from 'node:child_process'
import { appendFileSync } from 'node:fs'
import path from 'node:path'
import type { Answer } from '@/domain/errors'
import { LOCAL_CLOUD_BUNDLE, buildLocalCloud } from '../../../demo/build'

/**
 * The local cloud as its own process (`demo/main.ts` bundled, as `npm run cloud` runs it), so that SIGKILL
 * hits the process that holds the store, and the calls the crash test makes to it.
 */

export const root = path.resolve(__dirname, '../../..')
export const OPERATOR = 'crash-operator'

/** Bundles demo/main.ts into dist/local/main.cjs (demo/build.ts), from the sources as they are now. */
export const buildCloud = buildLocalCloud

export class CloudProcess {
  child: ChildProcess | null = null

  constructor(readonly dataDir: string) {}

  /**
   * Starts the local cloud on the data folder and waits until it serves; answers its URL. It runs
   * the bundle `npm run cloud` runs (buildCloud), which starts in half the time of `tsx demo/main.ts`:
   * the run restarts it after every kill, on a machine that may be busy with other work.
   */
  async start(): Promise<string> {
    const started = spawn(process.execPath, [LOCAL_CLOUD_BUNDLE], {
      cwd: root,
      env: { ...process.env, WEGONG_PORT: '0', WEGONG_DATA: this.dataDir, WEGONG_SEED: 'none', WEGONG_OPERATORS: OPERATOR },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = started
    // WEGONG_CRASH_LOG names a file that keeps the processes' logs (every call, every callback) for a failed run.
    const logFile = process.env.WEGONG_CRASH_LOG
    let output = ''
    started.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (logFile) appendFileSync(logFile, chunk)
    })
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = ''
      started.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        const found = /local cloud on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
        if (found?.[1]) resolve(found[1])
      })
      started.once('exit', (code) => reject(new Error(`local cloud exited (${code}) before serving:\n${stdout}${output}`)))
    })
    started.stdout?.resume()
    return url
  }

  /** Kills the process with SIGKILL (if its crash control has not) and waits until it is gone. */
  async kill(): Promise<void> {
    const running = this.child
    if (!running) return
    if (running.exitCode === null && running.signalCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve))
      running.kill('SIGKILL')
      await exited
    }
    this.child = null
  }
}

/** Resolves once the process is gone (killed from outside, or by its own crash control). */
export function exitOf(process: ChildProcess): Promise<void> {
  if (process.exitCode !== null || process.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => process.once('exit', () => resolve()))
}

/** A request whose connection broke (the process died): we do not know whether it was done. */
export class Unanswered extends Error {}

/** A call that ran past its function's timeout on a live process: as unknown as Unanswered, but the process goes on. */
export class TimedOut extends Unanswered {}

export async function post(url: string, body: unknown, openid?: string): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wegong-openid': openid } : {}) },
      body: JSON.stringify(body),
    })
    return await response.json()
  } catch (error) {
    throw new Unanswered((error as Error).message)
  }
}

/**
 * One call of a function. A call that ran past the function's timeout is, like a broken connection,
 * one whose outcome nobody knows (its writes may have committed): a loaded machine makes some, and
 * the run treats them as unanswered, never as acknowledged or refused.
 */
export async function call<T>(base: string, fn: string, action: string, input: object, openid?: string): Promise<Answer<T>> {
  const answer = (await post(`${base}/fn/${fn}`, { action, ...input }, openid)) as Answer<T>
  if (!answer.ok && /function timed out/.test(answer.error.message)) throw new TimedOut(`${fn}.${action}: ${answer.error.message}`)
  return answer
}

export async function ok<T>(base: string, fn: string, action: string, input: object, openid?: string): Promise<T> {
  const answer = await call<T>(base, fn, action, input, openid)
  if (!answer.ok) throw new Error(`${fn}.${action}: ${answer.error.code} ${answer.error.message}`)
  return answer.data
}

import { statSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'

const BOOTSTRAP = join(__dirname, 'worker.cjs')

export interface InvokeMessage {
  id: string
  event: unknown
  context: Record<string, unknown>
  /** Per-invocation env; null deletes the variable (an anonymous caller has no WX_OPENID). */
  env: Record<string, string | null>
}

type FromWorker =
  | { type: 'ready' }
  | { type: 'loadError'; message: string }
  | { type: 'result'; id: string; json: string | undefined }
  | { type: 'error'; id: string; message: string }

/** The function threw or rejected: the instance stays warm, as in WeChat. */
export class FunctionError extends Error {}

/** The instance is gone (timeout, crash, load failure) and must not be reused. */
class InstanceFailure extends Error {}

interface Pending {
  id: string
  resolve: (json: string | undefined) => void
  reject: (error: Error) => void
}

/** One warm instance of one function: a worker thread that runs one invocation at a time. */
class Instance {
  private readonly worker: Worker
  private readonly ready: Promise<void>
  private pending: Pending | null = null
  dead = false
  /** Set while the instance sits idle beyond the first: it is shut down when this fires. */
  idleTimer: NodeJS.Timeout | undefined

  constructor(
    readonly file: string,
    readonly mtimeMs: number,
    functionName: string,
    env: Record<string, string>,
    clockOffset: SharedArrayBuffer,
    sdkBundle: string,
    logs?: NodeJS.WritableStream,
  ) {
    // execArgv []: no TS loader or test hooks from the parent; the built function runs on plain Node.
    // Without `logs` the worker's stdout and stderr are the process's own.
    this.worker = new Worker(BOOTSTRAP, {
      env,
      execArgv: [],
      workerData: { file, functionName, clockOffset, sdkBundle },
      stdout: logs !== undefined,
      stderr: logs !== undefined,
    })
    if (logs) {
      // Written, not piped: a pipe per instance would add listeners to the one stream (a warning past 10).
      const write = (chunk: Buffer) => void logs.write(chunk)
      this.worker.stdout.on('data', write)
      this.worker.stderr.on('data', write)
    }
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve()
        else if (message.type === 'loadError') {
          reject(new InstanceFailure(`function failed to load: ${message.message}`))
          this.kill()
        } else this.settle(message)
      })
      const fail = (error: Error) => {
        this.dead = true
        reject(error)
        this.pending?.reject(error)
        this.pending = null
      }
      this.worker.on('error', (error) => fail(new InstanceFailure(`function instance crashed: ${error.stack ?? error.message}`)))
      this.worker.on('exit', (code) => fail(new InstanceFailure(`function instance exited with code ${code}`)))
    })
    // A load failure surfaces through run(); keep it from being reported as unhandled meanwhile.
    this.ready.catch(() => undefined)
  }

  async run(message: InvokeMessage, timeoutMs: number): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new InstanceFailure(`function timed out after ${timeoutMs} ms`))
        this.kill()
      }, timeoutMs)
    })
    try {
      return await Promise.race([
        this.ready.then(
          () =>
            new Promise<string | undefined>((resolve, reject) => {
              this.pending = { id: message.id, resolve, reject }
              this.worker.postMessage(message)
            }),
        ),
        timeout,
      ])
    } finally {
      clearTimeout(timer)
      this.pending = null
    }
  }

  kill(): void {
    this.dead = true
    clearTimeout(this.idleTimer)
    void this.worker.terminate()
  }

  private settle(message: Extract<FromWorker, { id: string }>): void {
    const pending = this.pending
    if (!pending || pending.id !== message.id) return
    if (message.type === 'result') pending.resolve(message.json)
    else pending.reject(new FunctionError(message.message))
  }
}

/**
 * Warm instances of one function. At most `max` run at once and further callers wait, except
 * nested calls (callFunction from a function), which may add an instance so that a function calling
 * itself cannot deadlock on its own pool. A rebuilt `index.js` retires the old instances.
 */
export class FunctionPool {
  private readonly idle: Instance[] = []
  private readonly live = new Set<Instance>()
  private readonly waiting: ((instance: Instance) => void)[] = []
  private mtimeMs = 0

  constructor(
    private readonly file: string,
    private readonly spawn: (file: string, mtimeMs: number) => Instance,
    private readonly max: number,
    /** Extra instances idle this long are shut down (one stays warm): each holds tens of MB. */
    private readonly idleMs: number,
  ) {}

  get size(): number {
    return this.live.size
  }

  acquire(nested: boolean): Promise<Instance> {
    this.retireIfRebuilt()
    const instance = this.idle.pop()
    if (instance) {
      clearTimeout(instance.idleTimer)
      return Promise.resolve(instance)
    }
    if (this.live.size < this.max || nested) return Promise.resolve(this.add())
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  release(instance: Instance): void {
    if (instance.dead || instance.mtimeMs !== this.mtimeMs) {
      this.remove(instance)
      if (this.waiting.length > 0 && this.live.size < this.max) this.waiting.shift()?.(this.add())
      return
    }
    const next = this.waiting.shift()
    if (next) return next(instance)
    this.idle.push(instance)
    if (this.idle.length > 1) {
      instance.idleTimer = setTimeout(() => {
        const index = this.idle.indexOf(instance)
        if (index < 0 || this.idle.length < 2) return
        this.idle.splice(index, 1)
        this.remove(instance)
      }, this.idleMs)
      instance.idleTimer.unref()
    }
  }

  close(): void {
    for (const instance of this.live) instance.kill()
    this.live.clear()
    this.idle.length = 0
  }

  private add(): Instance {
    const instance = this.spawn(this.file, this.mtimeMs)
    this.live.add(instance)
    return instance
  }

  private remove(instance: Instance): void {
    instance.kill()
    this.live.delete(instance)
  }

  private retireIfRebuilt(): void {
    // A build writing the file right now keeps the current instances until the next call.
    const mtimeMs = statSync(this.file, { throwIfNoEntry: false })?.mtimeMs ?? this.mtimeMs
    if (mtimeMs === this.mtimeMs) return
    this.mtimeMs = mtimeMs
    for (const instance of this.idle.splice(0)) this.remove(instance)
  }
}

export function spawnInstance(
  functionName: string,
  env: Record<string, string>,
  clockOffset: SharedArrayBuffer,
  sdkBundle: string,
  logs?: NodeJS.WritableStream,
) {
  return (file: string, mtimeMs: number) => new Instance(file, mtimeMs, functionName, env, clockOffset, sdkBundle, logs)
}

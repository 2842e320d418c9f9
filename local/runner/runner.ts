import { performance } from 'node:perf_hooks'
import type { LocalClock } from '../clock'
import { LOCAL_APPID, LOCAL_ENV_ID } from '../cloud-env'
import type { FunctionsDir } from '../functions'
import type { Stats } from '../stats'
import { type Invocation, Invocations } from './invocations'
import { FunctionError, FunctionPool, type InvokeMessage, spawnInstance } from './pool'

export interface RunnerOptions {
  functions: FunctionsDir
  clock: LocalClock
  stats: Stats
  invocations: Invocations
  /** Where the SDK sends its API calls: this server's /admin. */
  adminUrl: string
  operators: readonly string[]
  /** More environment variables of every function (their configuration, as set in the console). */
  functionEnv: Readonly<Record<string, string>>
  /** A deployed function's own variables (set through the management API), over functionEnv. */
  envOf?: (functionName: string) => Readonly<Record<string, string>>
  /**
   * WeChat's default function timeout is 3 s (configurable up to 60 s); locally 20 s, so a breakpoint
   * or a cold start on a busy laptop does not kill the call while the code itself is fine.
   */
  timeoutMs: number
  instancesPerFunction: number
  idleInstanceMs: number
  log: (line: string) => void
  /** What the functions print; default this process's stdout and stderr. */
  functionLogs?: NodeJS.WritableStream
  /** The file every `require('wx-server-sdk')` of a function loads (./sdk-bundle.ts). */
  sdkBundle: string
}

export interface InvokeRequest {
  functionName: string
  event: unknown
  openid: string | undefined
  /** The calling invocation for callFunction: the callee shares its call tree and counts. */
  parent?: Invocation
}

export type Outcome = { invocation: Invocation } & ({ ok: true; json: string | undefined } | { ok: false; message: string })

export class UnknownFunctionError extends Error {
  constructor(readonly functionName: string) {
    super(`no cloud function named "${functionName}" is built`)
  }
}

/** Runs built functions in warm worker instances, each invocation with its own caller identity. */
export class FunctionRunner {
  private readonly pools = new Map<string, FunctionPool>()
  private readonly env: Record<string, string>

  constructor(private readonly options: RunnerOptions) {
    // What the unmodified wx-server-sdk needs to talk to us (docs/cloudbase/wire.md §1.1, §3).
    this.env = {
      ...options.functionEnv,
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: options.adminUrl }),
      // Dummy secrets: without them the SDK raises an unhandledRejection on every call.
      TENCENTCLOUD_SECRETID: 'local',
      TENCENTCLOUD_SECRETKEY: 'local',
      // Skips the SDK's metadata.tencentyun.com probes (about 50 ms per call).
      TENCENTCLOUD: 'true',
      TCB_ENV: LOCAL_ENV_ID,
      TCB_CONTEXT_KEYS: 'TCB_ENV',
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_API_TOKEN',
      WX_APPID: LOCAL_APPID,
      // In production an env var of the function (SPEC §2: operators come from configuration).
      WEGONG_OPERATORS: options.operators.join(','),
    }
  }

  has(functionName: string): boolean {
    return this.options.functions.entry(functionName) !== null
  }

  async invoke(request: InvokeRequest): Promise<Outcome> {
    const { functionName, openid, parent } = request
    const file = this.options.functions.entry(functionName)
    if (!file) throw new UnknownFunctionError(functionName)
    const pool = this.pool(functionName, file)
    const invocation = this.options.invocations.begin(functionName, openid, parent)
    let started = performance.now()
    try {
      const instance = await pool.acquire(invocation.nested)
      // Time waiting for a free instance is not billed run time.
      started = performance.now()
      try {
        const json = await instance.run(this.message(invocation, request.event), this.options.timeoutMs)
        this.options.stats.recordCall(functionName, performance.now() - started, false)
        return { invocation, ok: true, json }
      } finally {
        pool.release(instance)
      }
    } catch (error) {
      this.options.stats.recordCall(functionName, performance.now() - started, true)
      const message = (error as Error).message
      this.options.log(`[${functionName}] ${error instanceof FunctionError ? 'threw' : 'failed'}: ${message}`)
      return { invocation, ok: false, message: message.split('\n')[0] }
    } finally {
      this.options.invocations.end(invocation)
    }
  }

  private message(invocation: Invocation, event: unknown): InvokeMessage {
    return {
      id: invocation.requestId,
      event,
      // The fields of WeChat's context object that a function might read.
      context: {
        function_name: invocation.functionName,
        request_id: invocation.requestId,
        namespace: LOCAL_ENV_ID,
        memory_limit_in_mb: 256,
        time_limit_in_ms: this.options.timeoutMs,
      },
      env: { WX_OPENID: invocation.openid ?? null, WX_API_TOKEN: invocation.apiToken },
    }
  }

  /** Live instances per function, for /_local/stats (memory estimates). */
  instances(): Record<string, number> {
    return Object.fromEntries([...this.pools].map(([name, pool]) => [name, pool.size]))
  }

  /** New code or variables: the function's instances are shut down and the next call starts fresh ones. */
  reload(functionName: string): void {
    this.pools.get(functionName)?.close()
    this.pools.delete(functionName)
  }

  close(): void {
    for (const pool of this.pools.values()) pool.close()
    this.pools.clear()
  }

  private pool(functionName: string, file: string): FunctionPool {
    let pool = this.pools.get(functionName)
    if (!pool) {
      pool = new FunctionPool(
        file,
        spawnInstance(
          functionName,
          { ...this.env, ...this.options.envOf?.(functionName) },
          this.options.clock.shared,
          this.options.sdkBundle,
          this.options.functionLogs,
        ),
        this.options.instancesPerFunction,
        this.options.idleInstanceMs,
      )
      this.pools.set(functionName, pool)
    }
    return pool
  }
}

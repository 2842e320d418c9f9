import type { LocalClock } from './clock'
import type { LocalDatabase } from './db'
import type { Stats } from './stats'
import type { LocalStorage } from './storage'

export interface LocalCloudOptions {
  /** 0 picks a free port. */
  port?: number
  /** Loopback only: the gateway trusts the x-wegong-openid header, which only a local caller may set. */
  host?: '127.0.0.1'
  dataDir: string
  /** The built functions (dist/cloudfunctions); not read by a managed cloud. */
  functionsDir?: string
  /**
   * Starts as an empty CloudBase environment that `npm run deploy` fills through the management API
   * (local/management.ts): database.json and functionsDir are not read; collections, indexes,
   * functions, their variables and timers are what was deployed into dataDir.
   */
  managed?: boolean
  /**
   * Fills a store that starts empty (the product's demo data); a store with any document is left
   * as it is. Without it the store starts empty.
   */
  seed?: SeedHook
  operators: string[]
  /**
   * More environment variables every function gets, as a deployment sets them per function in the
   * cloud console (the functions' own configuration; the local cloud does not read them).
   */
  functionEnv?: Record<string, string>
  /**
   * The deployment's storage rule for front-end writes (storage.json's `write`, as pasted into the
   * console): `true`, `false` or an expression, evaluated for every app upload. Default CloudBase's
   * 仅创建者可读写. A rule the local cloud cannot evaluate stops the start.
   */
  storageWriteRule?: string | boolean
  /**
   * Where browsers open the H5 app; QR codes link there. Default http://127.0.0.1:<port>, right when
   * this server serves the app (staticDir). Temp file URLs always point at this server.
   */
  publicUrl?: string
  /** The built H5 app to serve at `/`. */
  staticDir?: string
  /** Collections, indexes and rules; default `cloudfunctions/database.json` of this repo. */
  declarationFile?: string
  timeoutMs?: number
  /** How long a client may take to send a whole request (headers: at most 10 s of it); default 30 s. */
  requestTimeoutMs?: number
  /** How long the gateway keeps an idle keep-alive socket open; default 10 s (tests shorten it). */
  keepAliveTimeoutMs?: number
  instancesPerFunction?: number
  /** How long an extra warm instance may sit idle before it is shut down. */
  idleInstanceMs?: number
  /** Problems (function errors, timer failures); default stderr. */
  log?: (line: string) => void
  /**
   * Where what the functions print (console.log and console.error) goes, as WeChat keeps it in the
   * console's function logs; default this process's stdout and stderr as printed. The bench sends it
   * to stderr, so its stdout carries only figures.
   */
  functionLogs?: NodeJS.WritableStream
  /** Also log one line per gateway call (npm run cloud does; tests stay quiet). */
  logCalls?: boolean
  /** How long WeChat Pay takes to complete an accepted refund and send its notice; default 100 ms. */
  refundDelayMs?: number
  /**
   * Timers also fire when real time reaches them (default). Tests turn it off so that only their
   * own clock advances and triggers run the timer, never a wall-clock mark inside a comparison.
   */
  realTimeTimers?: boolean
}

/**
 * What a seed hook may do: write documents, upload files as a user would (the uploader is the
 * file's creator) and call the functions, once they answer, as a caller.
 */
export interface SeedTools {
  /** The local clock's time when seeding starts. */
  now: number
  insert(collection: string, documents: ReadonlyArray<Record<string, unknown>>): void
  upload(openid: string, cloudPath: string, bytes: Buffer): Promise<{ fileID: string }>
  /** Calls a cloud function as `openid` and answers its JSON answer, as the gateway would. */
  invoke(functionName: string, event: Record<string, unknown>, openid: string): Promise<unknown>
  /** Pays a payment `package` in the payment sheet as its payer would (`POST /_local/pay`), its notice sent. */
  pay(pkg: string): Promise<unknown>
}

export type SeedHook = (tools: SeedTools) => Promise<void>

export interface LocalCloud {
  url: string
  port: number
  clock: LocalClock
  db: LocalDatabase
  stats: Stats
  /** Its storage, for tests that place a file as a function would (`uploadAsAdmin`). */
  storage: LocalStorage
  close(): Promise<void>
}

import { mkdirSync, readFileSync } from 'node:fs'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { LocalClock } from './clock'
import { CrashPoint } from './crash'
import { LOCAL_APPID } from './cloud-env'
import { type LocalDatabase, openDatabase } from './db'
import { FunctionsDir } from './functions'
import { createGateway } from './gateway'
import { HttpError } from './http'
import { MessageLog } from './messages'
import { LocalSecurity } from './security'
import { LocalShippingReports } from './shipping-reports'
import { LocalPay, PayError } from './pay'
import { Invocations } from './runner/invocations'
import { FunctionRunner } from './runner/runner'
import { Stats } from './stats'
import { LocalStorage, loadSecret } from './storage'
import { TimerScheduler, timerEvent } from './timers'

export interface LocalCloudOptions {
  /** 0 picks a free port. */
  port?: number
  /** Loopback only: the gateway trusts the x-wegong-openid header, which only a local caller may set. */
  host?: '127.0.0.1'
  dataDir: string
  functionsDir: string
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
  instancesPerFunction?: number
  /** How long an extra warm instance may sit idle before it is shut down. */
  idleInstanceMs?: number
  /** Problems (function errors, timer failures); default stderr. */
  log?: (line: string) => void
  /** Also log one line per gateway call (npm run cloud does; tests stay quiet). */
  logCalls?: boolean
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
}

export type SeedHook = (tools: SeedTools) => Promise<void>

export interface LocalCloud {
  url: string
  port: number
  clock: LocalClock
  db: LocalDatabase
  stats: Stats
  close(): Promise<void>
}

/** Starts the local cloud: store, storage, clock, timers, function runner, and the HTTP gateway. */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const log = options.log ?? ((line: string) => console.error(line))
  const dataDir = resolve(options.dataDir)
  mkdirSync(dataDir, { recursive: true })
  const functions = new FunctionsDir(resolve(options.functionsDir))
  const triggers = functions.timerTriggers()
  const clock = new LocalClock(join(dataDir, 'clock.json'), log)
  const declarationFile = options.declarationFile ?? join(__dirname, '..', 'cloudfunctions', 'database.json')
  const db = openDatabase({
    file: join(dataDir, 'db.sqlite'),
    declaration: JSON.parse(readFileSync(declarationFile, 'utf8')),
    now: () => clock.now(),
  })
  // Decided before anything runs: the seed fills only a store that starts empty.
  const seed = options.seed && db.isEmpty() ? options.seed : null
  let ready = seed === null

  // A client that trickles its headers or body is cut off with 408 once the request time is up
  // (Node's default lets it hold the connection for five minutes); bodies are also bounded in size.
  const requestTimeout = options.requestTimeoutMs ?? 30_000
  const server = createServer({
    requestTimeout,
    headersTimeout: Math.min(10_000, requestTimeout),
    connectionsCheckingInterval: Math.min(1_000, requestTimeout / 2),
  })
  // Longer than the SDK's 4.8 s keep-alive, so we never close a socket it is about to reuse.
  server.keepAliveTimeout = 10_000
  const port = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1').catch((error: Error) => {
    db.close()
    throw error
  })
  const internalUrl = `http://127.0.0.1:${port}`
  const publicUrl = (options.publicUrl ?? internalUrl).replace(/\/+$/, '')

  const stats = new Stats()
  const invocations = new Invocations(stats)
  const runner = new FunctionRunner({
    functions,
    clock,
    stats,
    invocations,
    adminUrl: `${internalUrl}/admin`,
    operators: options.operators,
    functionEnv: options.functionEnv ?? {},
    timeoutMs: options.timeoutMs ?? 20_000,
    instancesPerFunction: options.instancesPerFunction ?? 4,
    idleInstanceMs: options.idleInstanceMs ?? 60_000,
    log,
  })
  const storage = new LocalStorage({
    root: join(dataDir, 'files'),
    metaRoot: join(dataDir, 'files-meta'),
    secret: loadSecret(dataDir, log),
    clock,
    baseUrl: internalUrl,
  })

  const crash = new CrashPoint()
  const pay = new LocalPay(join(dataDir, 'payments.json'), clock, () => crash.wrote())
  const messages = new MessageLog(join(dataDir, 'messages.jsonl'), clock, log)
  const security = new LocalSecurity(clock)
  const shippingReports = new LocalShippingReports(clock)
  const openApis = (from: string) => ({
    'security.msgSecCheck': (params: Record<string, unknown>) => security.msgSecCheck(params, from),
    'wxa.sec.order.uploadShippingInfo': (params: Record<string, unknown>) => shippingReports.upload(params, from),
  })

  /**
   * WeChat calls the payment's callback function with the notice, with no user as caller; the notice
   * counts as delivered once the callback answers `errcode: 0`, else it is sent again at the next start.
   */
  const notify = async ({ payment, notice }: ReturnType<LocalPay['pay']>): Promise<unknown> => {
    const outcome = await runner.invoke({ functionName: payment.functionName, event: notice, openid: undefined })
    if (!outcome.ok) {
      log(`[pay] callback ${payment.functionName} for ${payment.outTradeNo} failed: ${outcome.message}`)
      return { failed: outcome.message }
    }
    const answer = JSON.parse(outcome.json ?? 'null') as unknown
    if ((answer as { errcode?: unknown } | null)?.errcode === 0) pay.acknowledged(payment.outTradeNo)
    return answer
  }

  /** The payer paid in the payment sheet; then WeChat notifies the callback. */
  const payAndNotify = async (pkg: string) => {
    let paid: ReturnType<LocalPay['pay']>
    try {
      paid = pay.pay(pkg)
    } catch (error) {
      if (error instanceof PayError) throw new HttpError(error.status, error.code, error.message)
      throw error
    }
    const callback = await notify(paid)
    return { outTradeNo: paid.payment.outTradeNo, totalFee: paid.payment.totalFee, transactionId: paid.payment.transactionId, callback }
  }

  // Timer invocations have no caller, as in WeChat.
  const runTimer = (functionName: string, triggerName: string, at: number) =>
    runner.invoke({ functionName, event: timerEvent(triggerName, at), openid: undefined })
  const timers = new TimerScheduler(triggers, clock, async (firing) => {
    const outcome = await runTimer(firing.functionName, firing.triggerName, firing.at)
    if (!outcome.ok) log(`[timer] ${firing.functionName}/${firing.triggerName} failed: ${outcome.message}`)
  })

  server.on(
    'request',
    createGateway({
      runner,
      storage,
      clock,
      stats,
      admin: { db, storage, runner, invocations, publicUrl: () => publicUrl, log, pay, messages, openApis, crash },
      pay: payAndNotify,
      messages: () => messages.list(),
      platform: { messages, security, shippingReports },
      afterClockAdvance: () => timers.tick(),
      runTrigger: async (functionName, triggerName) => {
        const trigger = triggers.find((t) => t.functionName === functionName && (triggerName === null || t.name === triggerName))
        if (!trigger)
          throw new HttpError(
            404,
            'NOT_FOUND',
            `function "${functionName}" has no timer trigger${triggerName ? ` named "${triggerName}"` : ''}`,
          )
        return runTimer(functionName, trigger.name, clock.now())
      },
      staticDir: options.staticDir && resolve(options.staticDir),
      publicHost: () => new URL(publicUrl).hostname,
      log,
      logCall: options.logCalls ? log : () => undefined,
      ready: () => ready,
    }),
  )
  // A malformed request never reaches the gateway; answer it and keep serving.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? '408 Request Timeout'
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : '400 Bad Request'
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\n\r\n`)
    else socket.destroy()
  })

  const close = async () => {
    timers.stop()
    const closed = new Promise<void>((done) => server.close(() => done()))
    server.closeAllConnections()
    runner.close()
    await closed
    db.close()
  }

  if (seed) {
    try {
      // It runs once the functions answer: a seed may ask them what the app would (an upload folder).
      await seed({
        now: clock.now(),
        insert: (collection, documents) => db.insertMany(collection, [...documents]),
        upload: (openid, cloudPath, bytes) => storage.uploadAsUser(openid, cloudPath, bytes),
        invoke: async (functionName, event, openid) => {
          const outcome = await runner.invoke({
            functionName,
            event: { ...event, userInfo: { appId: LOCAL_APPID, openId: openid } },
            openid,
          })
          if (!outcome.ok) throw new Error(`${functionName} failed: ${outcome.message}`)
          return JSON.parse(outcome.json ?? 'null') as unknown
        },
      })
    } catch (error) {
      await close()
      throw new Error(`seeding ${dataDir} failed (delete that folder to start over): ${(error as Error).message}`)
    }
    ready = true
  }

  // WeChat Pay keeps sending a notice its callback never acknowledged (the last run died between the
  // payment and its callback): sent again before anyone is told the cloud is up.
  for (const unacknowledged of pay.unacknowledged()) {
    log(`[pay] sending the notice of ${unacknowledged.payment.outTradeNo} again: its callback never acknowledged it`)
    await notify(unacknowledged)
  }

  return { url: internalUrl, port, clock, db, stats, close }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail)
    server.listen(port, host, () => {
      server.off('error', fail)
      done((server.address() as AddressInfo).port)
    })
  })
}

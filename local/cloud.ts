import { mkdirSync, readFileSync } from 'node:fs'
import { type Server, createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { join, resolve } from 'node:path'
import type { LocalCloud, LocalCloudOptions } from './cloud-options'
import { LocalClock } from './clock'
import { CrashPoint } from './crash'
import { LOCAL_APPID, LOCAL_ENV_ID } from './cloud-env'
import { parseCron } from './cron'
import { type DatabaseDeclaration, openDatabase } from './db'
import { FunctionsDir, type TimerTrigger } from './functions'
import { createGateway } from './gateway'
import { HttpError } from './http'
import { Management, type ManagementState, readManagementState } from './management'
import { MessageLog } from './messages'
import { LocalSecurity, MEDIA_CHECK_FUNCTION } from './security'
import { LocalShippingReports } from './shipping-reports'
import { LocalPay, PayError } from './pay'
import { LocalRefunds } from './refunds'
import { Invocations } from './runner/invocations'
import { FunctionRunner } from './runner/runner'
import { sdkBundle } from './runner/sdk-bundle'
import { Stats } from './stats'
import { LocalStorage, loadSecret } from './storage'
import { compileStorageRule, storageWriteRuleOf } from './storage-rule'
import { TimerScheduler, timerEvent } from './timers'

export type { LocalCloud, LocalCloudOptions, SeedHook, SeedTools } from './cloud-options'

/** Starts the local cloud: store, storage, clock, timers, function runner, and the HTTP gateway. */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const log = options.log ?? ((line: string) => console.error(line))
  const dataDir = resolve(options.dataDir)
  const managementFile = join(dataDir, 'management.json')
  const managed = options.managed ? readManagementState(managementFile) : null
  // Judged first: a rule that cannot be evaluated starts nothing. A managed cloud's is the deployed one.
  const writeRule =
    options.storageWriteRule !== undefined
      ? compileStorageRule(options.storageWriteRule)
      : managed
        ? storageWriteRuleOf(managed.storage)
        : undefined
  mkdirSync(dataDir, { recursive: true })
  const sdk = await sdkBundle()
  const functionsDir = managed ? join(dataDir, 'functions') : options.functionsDir
  if (!functionsDir) throw new Error('functionsDir is required unless the cloud is managed')
  if (managed) mkdirSync(functionsDir, { recursive: true })
  const functions = new FunctionsDir(resolve(functionsDir))
  let triggers = managed ? managedTriggers(managed) : functions.timerTriggers()
  const clock = new LocalClock(join(dataDir, 'clock.json'), log)
  const declarationFile = options.declarationFile ?? join(__dirname, '..', 'cloudfunctions', 'database.json')
  const db = openDatabase({
    file: join(dataDir, 'db.sqlite'),
    declaration: managed ? managedDeclaration(managed) : JSON.parse(readFileSync(declarationFile, 'utf8')),
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
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 10_000
  closeIdleSocketsAfterGrace(server)
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
    envOf: (name) => Object.fromEntries((management?.state.functions[name]?.variables ?? []).map((v) => [v.Key, v.Value])),
    timeoutMs: options.timeoutMs ?? 20_000,
    instancesPerFunction: options.instancesPerFunction ?? 4,
    idleInstanceMs: options.idleInstanceMs ?? 60_000,
    log,
    functionLogs: options.functionLogs,
    sdkBundle: sdk,
  })
  const storage = new LocalStorage({
    root: join(dataDir, 'files'),
    metaRoot: join(dataDir, 'files-meta'),
    secret: loadSecret(dataDir, log),
    clock,
    baseUrl: internalUrl,
    writeRule,
  })

  const crash = new CrashPoint()
  const pay = new LocalPay(join(dataDir, 'payments.json'), clock, () => crash.wrote())
  const messages = new MessageLog(join(dataDir, 'messages.jsonl'), clock, log)
  const security = new LocalSecurity(clock)
  const shippingReports = new LocalShippingReports(clock)
  const openApis = (from: string) => ({
    'security.msgSecCheck': (params: Record<string, unknown>) => security.msgSecCheck(params, from),
    'security.mediaCheckAsync': (params: Record<string, unknown>) => security.mediaCheckAsync(params, from),
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

  /**
   * Refunds (local/refunds.ts): an accepted refund succeeds a moment later and its notice goes to the
   * refund's callback function, which acknowledges it with `errcode: 0` (else the next start sends it again).
   */
  const refunds = new LocalRefunds(
    join(dataDir, 'refunds.json'),
    clock,
    (outTradeNo, transactionId) => pay.trade(outTradeNo, transactionId),
    () => crash.wrote(),
  )
  const notifyRefund = async ({ refund, notice }: NonNullable<ReturnType<LocalRefunds['succeed']>>): Promise<void> => {
    if (!refund.functionName) return
    const outcome = await runner.invoke({ functionName: refund.functionName, event: notice, openid: undefined })
    if (!outcome.ok) return log(`[refund] callback ${refund.functionName} for ${refund.outRefundNo} failed: ${outcome.message}`)
    const answer = JSON.parse(outcome.json ?? 'null') as { errcode?: unknown } | null
    if (answer?.errcode === 0) refunds.acknowledged(refund.outRefundNo)
    else log(`[refund] callback ${refund.functionName} did not acknowledge ${refund.outRefundNo}: ${outcome.json ?? ''}`)
  }
  const settling = new Set<NodeJS.Timeout>()
  const settleRefund = async (outRefundNo: string): Promise<void> => {
    const done = refunds.succeed(outRefundNo)
    if (done) await notifyRefund(done)
  }
  pay.attachRefunds(refunds, (refund) => {
    const timer = setTimeout(() => {
      settling.delete(timer)
      settleRefund(refund.outRefundNo).catch((error: unknown) => log(`[refund] completing ${refund.outRefundNo} failed: ${String(error)}`))
    }, options.refundDelayMs ?? 100)
    settling.add(timer)
  })

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

  /**
   * WeChat's message push of an image verdict (console: 消息推送, event wxa_media_check → the function):
   * the push event, no user as caller, as WeChat invokes it. Answers what the function answered.
   */
  const pushMediaVerdict = async (traceId: string, suggest: 'pass' | 'review' | 'risky') => {
    const push = security.mediaVerdictPush(traceId, suggest)
    if (!push) return null
    const outcome = await runner.invoke({ functionName: MEDIA_CHECK_FUNCTION, event: push, openid: undefined })
    if (!outcome.ok) throw new HttpError(500, 'INTERNAL', `${MEDIA_CHECK_FUNCTION} failed: ${outcome.message}`)
    return { callback: JSON.parse(outcome.json ?? 'null') as unknown }
  }

  // Timer invocations have no caller, as in WeChat.
  const runTimer = (functionName: string, triggerName: string, at: number) =>
    runner.invoke({ functionName, event: timerEvent(triggerName, at), openid: undefined })
  const timers = new TimerScheduler(
    triggers,
    clock,
    async (firing) => {
      const outcome = await runTimer(firing.functionName, firing.triggerName, firing.at)
      if (!outcome.ok) log(`[timer] ${firing.functionName}/${firing.triggerName} failed: ${outcome.message}`)
    },
    { realTime: options.realTimeTimers ?? true },
  )

  const management = managed
    ? new Management({
        envId: LOCAL_ENV_ID,
        db,
        stateFile: managementFile,
        functionsDir,
        now: () => clock.now(),
        codeChanged: (name) => runner.reload(name),
        triggersChanged: () => {
          triggers = managedTriggers(management?.state ?? managed)
          timers.replace(triggers)
        },
        storageRuleChanged: (rule) => storage.judgeWritesBy(storageWriteRuleOf(rule)),
      })
    : null

  server.on(
    'request',
    createGateway({
      runner,
      storage,
      clock,
      stats,
      admin: {
        db,
        storage,
        runner,
        invocations,
        publicUrl: () => publicUrl,
        log,
        pay,
        messages,
        openApiPermissions: (name) => functions.openApiPermissions(name),
        openApis,
        crash,
      },
      pay: payAndNotify,
      refunds: { list: () => refunds.list(), failNext: (failure) => refunds.armFailure(failure) },
      messages: () => messages.list(),
      platform: { messages, security, shippingReports, pushMediaVerdict },
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
      management: management ? (req, res, service) => management.handle(req, res, service) : undefined,
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
    for (const timer of settling) clearTimeout(timer)
    settling.clear()
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
        pay: payAndNotify,
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
  // Refunds WeChat Pay accepted before the last run died complete now, and notices never
  // acknowledged are sent again: each refund is recorded once, and paid once.
  for (const refund of refunds.processing()) await settleRefund(refund.outRefundNo)
  for (const unacknowledged of refunds.unacknowledged()) {
    log(`[refund] sending the notice of ${unacknowledged.refund.outRefundNo} again: its callback never acknowledged it`)
    await notifyRefund(unacknowledged)
  }

  return { url: internalUrl, port, clock, db, stats, storage, close }
}

/** A managed cloud's collections as the store declares them at start (the rules are the management state's). */
function managedDeclaration(state: ManagementState): DatabaseDeclaration {
  return {
    collections: Object.entries(state.collections).map(([name, indexes]) => ({ name, rules: { read: false, write: false }, indexes })),
  }
}

function managedTriggers(state: ManagementState): TimerTrigger[] {
  return Object.entries(state.functions).flatMap(([functionName, fn]) =>
    fn.triggers.map((t) => ({ functionName, name: t.TriggerName, cron: t.TriggerDesc, schedule: parseCron(t.TriggerDesc) })),
  )
}

/** How long an idle socket is kept after its keep-alive time ran out, counted from when that is seen. */
const KEEP_ALIVE_GRACE_MS = 1_000

/**
 * Node closes an idle keep-alive socket in the event loop's timers phase, before its poll phase reads
 * what arrived meanwhile (its fixed second beyond the keep-alive time does not help a longer busy
 * spell): when the process was busy past that time — the bench grows the store it runs in-process by
 * 100k products in one go — a request its client sent on the socket, the client's own idle timer not
 * yet run either, is reset (ECONNRESET). So the time running out starts a grace instead, in which such
 * a request is read and answered and the client closes what it no longer uses; a socket that received
 * nothing by its end is closed.
 */
function closeIdleSocketsAfterGrace(server: Server): void {
  const readAtGrace = new WeakMap<Socket, number>()
  server.on('timeout', (socket: Socket) => {
    if (readAtGrace.get(socket) === socket.bytesRead) return void socket.destroy()
    readAtGrace.set(socket, socket.bytesRead)
    socket.setTimeout(KEEP_ALIVE_GRACE_MS)
  })
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

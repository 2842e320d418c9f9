import type { IncomingMessage, ServerResponse } from 'node:http'
import { performance } from 'node:perf_hooks'
import { z } from 'zod'
import { type AdminApiDeps, handleAdmin } from './admin-api'
import type { LocalClock } from './clock'
import { LOCAL_APPID, Openid } from './cloud-env'
import { HttpError, MiB, nestedDeeperThan, parseJson, readBody, sendError, sendJson } from './http'
import type { FunctionRunner, Outcome } from './runner/runner'
import type { Stats } from './stats'
import { type PlatformStandIns, platformRoutes } from './platform-routes'
import { serveStatic } from './static-site'
import type { LocalStorage } from './storage'
import type { Firing } from './timers'

/** The request size the gateway takes for a call; the event of a function call is small. */
const EVENT_LIMIT = 1 * MiB
/** Far deeper than any event the app sends, far shallower than what overflows a stack. */
const EVENT_MAX_DEPTH = 100
const TEN_YEARS_MS = 10 * 366 * 24 * 3600_000

const AdvanceClock = z.object({ advanceMs: z.number().int().min(0).max(TEN_YEARS_MS) }).strict()
const PayRequest = z.object({ package: z.string().min(1).max(200) }).strict()
const FailRefund = z.object({ errCode: z.string().min(1).max(32).optional(), errCodeDes: z.string().min(1).max(128).optional() }).strict()
const ArmCrash = z.object({ afterWrites: z.number().int().min(1).max(1_000_000) }).strict()

export interface GatewayDeps {
  runner: FunctionRunner
  storage: LocalStorage
  clock: LocalClock
  stats: Stats
  admin: AdminApiDeps
  /** Advances the clock's consequences: fires due timers and waits for them. */
  afterClockAdvance: () => Promise<Firing[]>
  /** Completes a cloudPay payment as the payer would, then notifies its callback function (local/pay.ts). */
  pay: (pkg: string) => Promise<unknown>
  /** cloudPay's refunds (local/refunds.ts): what was refunded, and making the next refund request fail. */
  refunds: { list: () => unknown[]; failNext: (failure?: { errCode: string; errCodeDes: string }) => void }
  /** Every subscribe message functions have sent. */
  messages: () => unknown[]
  /** The stand-ins for WeChat's platform services and their local controls (local/platform-routes.ts). */
  platform: PlatformStandIns
  /** Runs a function's timer trigger now; throws HttpError 404 when it has none. */
  runTrigger: (functionName: string, triggerName: string | null) => Promise<Outcome>
  staticDir: string | undefined
  /** Host names (without port) the server answers to, besides loopback. */
  publicHost: () => string
  log: (line: string) => void
  logCall: (line: string) => void
  /** The management API of a managed local cloud (local/management.ts); absent otherwise. */
  management?: (req: IncomingMessage, res: ServerResponse, service: string) => Promise<void>
  /** False while the store is being filled at start (the demo data): /healthz then answers 503. */
  ready: () => boolean
}

type Handler = (req: IncomingMessage, res: ServerResponse, match: RegExpExecArray, query: URLSearchParams) => Promise<void>
interface Route {
  path: RegExp
  methods: Record<string, Handler>
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** The one HTTP entry of the local cloud: app-facing gateway, SDK-facing /admin, and local controls. */
export function createGateway(deps: GatewayDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const routes: Route[] = [
    {
      path: /^\/healthz$/,
      // Healthy means ready to serve: the demo data is loaded over this same server, so it listens before that.
      methods: {
        GET: async (_req, res) =>
          deps.ready()
            ? sendJson(res, 200, { ok: true })
            : sendError(res, new HttpError(503, 'INTERNAL', 'starting: the demo data is loading')),
      },
    },
    { path: /^\/fn\/([^/]+)$/, methods: { POST: (req, res, match) => callFunction(req, res, match[1], deps) } },
    { path: /^\/admin$/, methods: { POST: (req, res) => handleAdmin(req, res, deps.admin) } },
    {
      path: /^\/tcapi\/([a-z]+)$/,
      methods: {
        POST: async (req, res, match) => {
          if (!deps.management)
            throw new HttpError(404, 'NOT_FOUND', 'the management API answers only a managed local cloud (WEGONG_MANAGED=1)')
          await deps.management(req, res, match[1])
        },
      },
    },
    { path: /^\/upload\/(.+)$/, methods: { PUT: (req, res, match, query) => deps.storage.receiveSdkUpload(req, res, match[1], query) } },
    {
      path: /^\/files\/(.+)$/,
      methods: {
        GET: (req, res, match, query) => deps.storage.serve(req, res, match[1], query),
        HEAD: (req, res, match, query) => deps.storage.serve(req, res, match[1], query),
      },
    },
    {
      path: /^\/storage\/upload$/,
      methods: {
        POST: async (req, res, _match, query) => {
          const openid = callerOpenid(req)
          if (!openid) throw new HttpError(401, 'UNAUTHENTICATED', 'uploading needs a signed-in user (x-wegong-openid)')
          await deps.storage.receiveAppUpload(req, res, openid, query.get('cloudPath'))
        },
      },
    },
    {
      path: /^\/_local\/clock$/,
      methods: {
        GET: async (_req, res) => sendJson(res, 200, { now: deps.clock.now() }),
        POST: async (req, res) => {
          const parsed = AdvanceClock.safeParse(parseJson(await readBody(req, EVENT_LIMIT)))
          if (!parsed.success) throw new HttpError(400, 'INVALID_ARGUMENT', 'expected {"advanceMs": n} with n a non-negative integer')
          deps.clock.advance(parsed.data.advanceMs)
          const fired = await deps.afterClockAdvance()
          sendJson(res, 200, { now: deps.clock.now(), fired })
        },
      },
    },
    {
      path: /^\/_local\/trigger\/([^/]+)$/,
      methods: {
        POST: async (_req, res, match, query) => sendOutcome(res, await deps.runTrigger(match[1], query.get('name'))),
      },
    },
    {
      path: /^\/_local\/pay$/,
      methods: {
        POST: async (req, res) => {
          const parsed = PayRequest.safeParse(parseJson(await readBody(req, EVENT_LIMIT)))
          if (!parsed.success)
            throw new HttpError(400, 'INVALID_ARGUMENT', 'expected {"package": "prepay_id=…"} (payment.package from cloudPay.unifiedOrder)')
          sendJson(res, 200, { ok: true, data: await deps.pay(parsed.data.package) })
        },
      },
    },
    {
      path: /^\/_local\/refunds$/,
      methods: { GET: async (_req, res) => sendJson(res, 200, { ok: true, data: { items: deps.refunds.list() } }) },
    },
    {
      path: /^\/_local\/refunds\/fail-next$/,
      methods: {
        POST: async (req, res) => {
          const raw = await readBody(req, EVENT_LIMIT)
          const parsed = FailRefund.safeParse(raw.length === 0 ? {} : parseJson(raw))
          if (!parsed.success) throw new HttpError(400, 'INVALID_ARGUMENT', 'expected {} or {"errCode": "…", "errCodeDes": "…"}')
          const { errCode = 'NOTENOUGH', errCodeDes = '基本账户余额不足，请充值后重新发起' } = parsed.data
          deps.refunds.failNext({ errCode, errCodeDes })
          sendJson(res, 200, { ok: true, data: { errCode, errCodeDes } })
        },
      },
    },
    {
      path: /^\/_local\/crash$/,
      methods: {
        POST: async (req, res) => {
          const parsed = ArmCrash.safeParse(parseJson(await readBody(req, EVENT_LIMIT)))
          if (!parsed.success) throw new HttpError(400, 'INVALID_ARGUMENT', 'expected {"afterWrites": n} with n a positive integer')
          deps.admin.crash.arm(parsed.data.afterWrites)
          sendJson(res, 200, { ok: true, data: { afterWrites: parsed.data.afterWrites } })
        },
      },
    },
    {
      path: /^\/_local\/messages$/,
      methods: { GET: async (_req, res) => sendJson(res, 200, { ok: true, data: { items: deps.messages() } }) },
    },
    ...platformRoutes(deps.platform),
    {
      path: /^\/_local\/stats$/,
      methods: { GET: async (_req, res) => sendJson(res, 200, { ...deps.stats.snapshot(), instances: deps.runner.instances() }) },
    },
  ]

  return (req, res) => {
    handle(req, res, routes, deps).catch((error: unknown) => {
      if (error instanceof HttpError) {
        if (!res.headersSent) return sendError(res, error)
      } else deps.log(`[gateway] ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`)
      if (!res.headersSent) sendError(res, new HttpError(500, 'INTERNAL', '本地云出错 / the local cloud failed to handle this request'))
      else res.destroy()
    })
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, routes: Route[], deps: GatewayDeps): Promise<void> {
  // Only answer to our own names: a web page that rebinds its DNS name to 127.0.0.1 gets nothing.
  const host = (req.headers.host ?? '').replace(/:\d+$/, '')
  if (!LOOPBACK_HOSTS.has(host) && host !== deps.publicHost()) throw new HttpError(403, 'FORBIDDEN', `unexpected Host "${host}"`)
  allowLoopbackOrigin(req, res)
  // The raw path (not URL-normalized) so that `..` reaches the path checks and is refused there.
  const [pathname, search = ''] = (req.url ?? '/').split('?', 2)
  if (pathname.startsWith('/_local/') || pathname.startsWith('/tcapi/')) requireLocalControlCaller(req, deps)
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, PUT, HEAD',
      'access-control-allow-headers': 'content-type, x-wegong-openid',
      'access-control-max-age': '600',
    })
    return void res.end()
  }
  const query = new URLSearchParams(search)
  for (const route of routes) {
    const match = route.path.exec(pathname)
    if (!match) continue
    const handler = route.methods[req.method ?? '']
    if (!handler) {
      const allowed = Object.keys(route.methods).join(', ')
      throw new HttpError(405, 'INVALID_ARGUMENT', `请求方法不支持 / ${req.method} is not allowed on ${pathname}; use ${allowed}`, {
        allow: allowed,
      })
    }
    return handler(req, res, match, query)
  }
  if (deps.staticDir && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(req, res, deps.staticDir, pathname)
  throw new HttpError(404, 'NOT_FOUND', `no route for ${req.method} ${pathname}`)
}

/** The H5 dev server runs on another loopback port; pages from anywhere else get no CORS grant. */
function allowLoopbackOrigin(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin
  if (!origin || !LOOPBACK_HOSTS.has(hostOf(origin) ?? '')) return
  res.setHeader('access-control-allow-origin', origin)
  res.setHeader('vary', 'Origin')
  res.setHeader('access-control-expose-headers', 'x-wegong-db-reads, x-wegong-db-writes, x-wegong-storage-ops')
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).hostname
  } catch {
    return null
  }
}

/**
 * The local controls move the clock, run timers and pay: only the developer's own tools (no Origin,
 * as curl and tests send) and the app's pages on loopback or the public URL may use them. Browsers
 * send any page's "simple" cross-origin POST (`text/plain`, forms) without asking first, so a
 * foreign Origin is refused before anything runs, and a POST must declare a JSON body (which a
 * foreign page cannot send without a preflight, which gets no CORS grant).
 */
function requireLocalControlCaller(req: IncomingMessage, deps: GatewayDeps): void {
  const origin = req.headers.origin
  if (origin !== undefined) {
    const host = hostOf(origin)
    if (host === null || (!LOOPBACK_HOSTS.has(host) && host !== deps.publicHost()))
      throw new HttpError(403, 'FORBIDDEN', `local controls do not answer pages from ${origin}`)
  }
  if (req.method === 'POST') {
    if (mediaTypeOf(req) !== 'application/json')
      throw new HttpError(415, 'INVALID_ARGUMENT', 'local controls take a JSON body: send content-type: application/json')
  }
}

/** The request's declared media type, lower case without parameters ('' when none is declared). */
function mediaTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
}

/** The caller's OPENID from `x-wegong-openid` (local stand-in for WeChat's signed identity). */
function callerOpenid(req: IncomingMessage): string | undefined {
  const header = req.headers['x-wegong-openid']
  if (header === undefined || header === '') return undefined
  const parsed = Openid.safeParse(header)
  if (!parsed.success) throw new HttpError(400, 'INVALID_ARGUMENT', `身份标识无效 / x-wegong-openid: ${parsed.error.issues[0].message}`)
  return parsed.data
}

async function callFunction(req: IncomingMessage, res: ServerResponse, functionName: string, deps: GatewayDeps): Promise<void> {
  if (!deps.runner.has(functionName)) throw new HttpError(404, 'NOT_FOUND', `云函数不存在 / no cloud function named "${functionName}"`)
  const openid = callerOpenid(req)
  // An event is JSON; curl and other tools that declare nothing are taken as JSON too.
  const type = mediaTypeOf(req)
  if (type !== '' && type !== 'application/json')
    throw new HttpError(415, 'INVALID_ARGUMENT', `请求内容须为 JSON / the event must be sent as application/json, not ${type}`)
  const raw = await readBody(req, EVENT_LIMIT)
  const json = raw.length === 0 ? {} : parseJson(raw)
  // Handing the event to a worker clones it recursively: bound the nesting before anything walks it.
  if (nestedDeeperThan(json, EVENT_MAX_DEPTH))
    throw new HttpError(
      400,
      'INVALID_ARGUMENT',
      `请求内容嵌套过深（最多 ${EVENT_MAX_DEPTH} 层） / event nested deeper than ${EVENT_MAX_DEPTH} levels`,
    )
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new HttpError(400, 'INVALID_ARGUMENT', '请求内容须为 JSON 对象 / the event must be a JSON object')
  // WeChat injects the caller into every event from the mini-program and overwrites what the client sent.
  // The event is passed on as parsed (own keys such as "__proto__" included), as WeChat passes it.
  const { userInfo: _clientSupplied, ...event } = json as Record<string, unknown>
  const started = performance.now()
  const outcome = await deps.runner.invoke({
    functionName,
    event: openid ? { ...event, userInfo: { appId: LOCAL_APPID, openId: openid } } : event,
    openid,
  })
  sendOutcome(res, outcome)
  const { tree } = outcome.invocation
  const action = typeof event.action === 'string' ? `.${event.action}` : ''
  deps.logCall(
    `${functionName}${action} as ${openid ?? '(anonymous)'}: ${outcome.ok ? 'ok' : 'FAILED'} in ${Math.round(performance.now() - started)} ms, db ${tree.dbReads}r/${tree.dbWrites}w, storage ${tree.storageOps}`,
  )
}

/** A function's answer as the body, plus what this call (and the calls it made) cost. */
function sendOutcome(res: ServerResponse, outcome: Outcome): void {
  const { tree } = outcome.invocation
  const counts = {
    'x-wegong-db-reads': String(tree.dbReads),
    'x-wegong-db-writes': String(tree.dbWrites),
    'x-wegong-storage-ops': String(tree.storageOps),
  }
  if (!outcome.ok) return sendError(res, new HttpError(500, 'INTERNAL', `云函数运行失败 / the function failed: ${outcome.message}`, counts))
  const body = outcome.json ?? 'null'
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...counts })
  res.end(body)
}

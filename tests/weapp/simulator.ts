import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { JSDOM, VirtualConsole } from 'jsdom'

/**
 * The built mini-program (dist/weapp) run headlessly. WeChat's own WXML compiler (wcc, shipped in
 * miniprogram-simulate's miniprogram-compiler) turns Taro's templates into render functions, and
 * j-component renders them into jsdom; the build's JS runs as in WeChat — app.js, then the page's
 * own index.js registering `Page()` — against a `wx` that records what the page asks of WeChat and
 * forwards `wx.cloud` to a local cloud as the chosen user.
 *
 * Every `open()` is a cold start (fresh module scope, fresh `wx`, App onLaunch with the page as its
 * launch path), the way WeChat starts a mini-program from a shared card or a scanned code, so each
 * page runs as exactly one user. One Weapp per process at a time: it owns the globals (`window`,
 * `wx`, `Page`, …) while started.
 */

export interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { pagePath: string }[] }
}

export type NavigationApi = 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack'

export interface CloudCall {
  name: string
  action: string
  ok: boolean
  /** The error code of a refused call; `NETWORK` when the local cloud did not answer. */
  code?: string
  message?: string
}

export interface Navigation {
  api: NavigationApi
  url: string
}

export interface WxCall {
  api: string
  args: unknown
}

export interface Upload {
  cloudPath: string
  fileID: string
  bytes: number
}

/** Everything one opened page did, for the suite's assertions. */
export interface PageRecord {
  route: string
  query: Record<string, string>
  persona: string
  /** Uncaught errors, console.error, errors thrown by lifecycles and handlers. */
  errors: string[]
  /** console.warn, including WeChat's "Template `…` not found" (an element dropped). */
  warnings: string[]
  cloudCalls: CloudCall[]
  navigations: Navigation[]
  /** Every other wx API the page called (environment queries and storage left out). */
  wxCalls: WxCall[]
  uploads: Upload[]
  album: { filePath: string; bytes: number }[]
  clipboard: string[]
}

export interface SimulatorOptions {
  /** The built mini-program, e.g. dist/weapp. */
  distDir: string
  /** The local cloud's gateway, e.g. http://127.0.0.1:41234. */
  cloudUrl: string
}

/** A file on the "phone" (wxfile://…): what chooseMedia and friends hand the app. */
export interface TempFile {
  path: string
  bytes: Buffer
  name?: string
}

type Fn = (...args: unknown[]) => unknown
type WxOptions = Record<string, unknown> & { success?: Fn; fail?: Fn; complete?: Fn }
type Dict = Record<string, unknown>

/** A node of Taro's data tree: text nodes carry `v`, elements `cn` (children). */
export interface TaroNode {
  nn?: string
  sid?: string
  v?: string
  /** class */
  cl?: string
  cn?: TaroNode[]
}

interface RenderedComponent {
  dom: HTMLElement
  instance: PageInstance
  attach(parent: Element): void
  detach(): void
}

export interface PageInstance extends Dict {
  data: { root?: TaroNode }
  route?: string
  __route__?: string
  options?: Record<string, string>
  onLoad?: (query: Record<string, string>) => void
  onShow?: () => void
  onReady?: () => void
  onUnload?: () => void
  onShareAppMessage?: (event: Dict) => unknown
  onShareTimeline?: () => unknown
  setData: (data: Dict, callback?: () => void) => void
  createSelectorQuery: () => unknown
}

interface Simulate {
  load(componentPath: string, tagName: string, options: Dict): string
  render(id: string, properties?: Dict): RenderedComponent
}

interface Exparser {
  Event: { dispatchEvent(target: unknown, event: unknown): void; create(name: string, detail: Dict, options: Dict): unknown }
}

const require = createRequire(__filename)

/** The host's own timers: the harness waits with these, never with the ones it counts for the page. */
const real = { setTimeout, clearTimeout, setImmediate, clearImmediate }
const sleep = (ms: number) => new Promise<void>((resolve) => real.setTimeout(resolve, ms))
/** Timers shorter than this are work the page is still doing (React's scheduler, Taro's batches, a redirect after a toast). */
const SHORT_TIMER_MS = 1000

/** The files every Taro weapp build has; their absence means there is no build. */
const BUILD_FILES = ['app.js', 'app.json', 'runtime.js', 'taro.js', 'vendors.js', 'common.js', 'base.wxml']

/** Fails with what to do when `distDir` holds no mini-program build. */
export function assertBuilt(distDir: string): void {
  const missing = BUILD_FILES.filter((file) => !existsSync(path.join(distDir, file)))
  if (missing.length) throw new Error(`${distDir} has no mini-program build (missing ${missing.join(', ')}): run npm run build:weapp first`)
}

export function readAppJson(distDir: string): AppJson {
  assertBuilt(distDir)
  return JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson
}

/** Every page of app.json, main package first, as `pages/feed/index`, `supplier/home/index`. */
export function allPages(app: AppJson): string[] {
  return [...app.pages, ...(app.subPackages ?? []).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root.replace(/\/$/, '')}/${page}`))]
}

export function tabPages(app: AppJson): string[] {
  return (app.tabBar?.list ?? []).map((item) => item.pagePath)
}

/** The route a URL opens (absolute, or relative to the page `from`), without its query. */
export function routeOf(url: string, from = ''): string {
  const [target] = url.split('?')
  return target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(from), target)
}

/** What WeChat refuses: an unknown page, a tab page by navigateTo/redirectTo, a non-tab page by switchTab. */
export function navigationProblem(app: AppJson, from: string, nav: Navigation): string | null {
  if (nav.api === 'navigateBack') return null
  const route = routeOf(nav.url, from)
  const tabs = tabPages(app)
  if (!allPages(app).includes(route)) return `${nav.api}(${nav.url}): no such page in app.json`
  if (nav.api === 'switchTab' && !tabs.includes(route)) return `switchTab(${nav.url}): not a tab page, WeChat refuses it`
  if (nav.api === 'switchTab' && nav.url.includes('?')) return `switchTab(${nav.url}): a tab page takes no query`
  if ((nav.api === 'navigateTo' || nav.api === 'redirectTo') && tabs.includes(route))
    return `${nav.api}(${nav.url}): a tab page opens only with switchTab`
  return null
}

/** The elements of Taro's data tree (text nodes render no element). */
export function countTaroElements(node: TaroNode | undefined): number {
  return (node?.cn ?? []).reduce((sum, child) => sum + (child.v === undefined ? 1 + countTaroElements(child) : 0), 0)
}

const NAVIGATION_APIS: NavigationApi[] = ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack']
/** Environment queries and storage: called all the time, never what a test asserts. */
const QUIET_APIS = new Set([
  'canIUse',
  'getSystemInfoSync',
  'getSystemInfo',
  'getSystemInfoAsync',
  'getWindowInfo',
  'getDeviceInfo',
  'getAppBaseInfo',
  'getSystemSetting',
  'getAppAuthorizeSetting',
  'getMenuButtonBoundingClientRect',
  'getAccountInfoSync',
  'getLaunchOptionsSync',
  'getEnterOptionsSync',
  'getStorageSync',
  'setStorageSync',
  'removeStorageSync',
  'getStorage',
  'setStorage',
  'removeStorage',
  'nextTick',
  'createSelectorQuery',
  'createIntersectionObserver',
  'onAppShow',
  'onAppHide',
  'offAppShow',
  'offAppHide',
  'onWindowResize',
  'offWindowResize',
  'onError',
  'onUnhandledRejection',
  'onPageNotFound',
  'onThemeChange',
  'onMemoryWarning',
  'onNetworkStatusChange',
  'getNetworkType',
])

/** The simulator's own `wx` (captured once: miniprogram-simulate installs it when first required). */
let simulatorWx: Dict | null = null

/** A wx API answer: callbacks when the caller passed any, a promise otherwise (as WeChat does). */
function answer(options: WxOptions | undefined, work: Promise<Dict>): Promise<Dict> | undefined {
  if (options && (options.success || options.fail || options.complete)) {
    work.then(
      (result) => {
        options.success?.(result)
        options.complete?.(result)
      },
      (error: unknown) => {
        options.fail?.(error)
        options.complete?.(error)
      },
    )
    return undefined
  }
  return work
}

const ok = (options: WxOptions | undefined, result: Dict) => answer(options, Promise.resolve(result))
const refuse = (options: WxOptions | undefined, errMsg: string) => answer(options, Promise.reject({ errMsg }))

export class Weapp {
  readonly distDir: string
  readonly app: AppJson
  /** The local cloud wx.cloud talks to (a test may point it at a dead port to see the app offline). */
  cloudUrl: string
  /** The record of the page shown now (null between pages). */
  current: PageRecord | null = null
  /** What the next chooseMedia / chooseMessageFile answers (then emptied; empty means the user cancelled). */
  nextChosen: TempFile[] = []

  private simulate!: Simulate
  private exparser!: Exparser
  private dom!: JSDOM
  private appInstance: Dict | null = null
  private launchOptions: Dict = {}
  private shown: RenderedComponent | null = null
  private readonly files = new Map<string, TempFile>()
  private readonly storage = new Map<string, unknown>()
  private tempSeq = 0
  private pending = 0
  /** Short timers and immediates the build's code scheduled and that have not run yet. */
  private readonly timers = new Set<unknown>()
  private lastActivity = 0
  private restore: (() => void)[] = []
  private started = false

  constructor(options: SimulatorOptions) {
    this.distDir = path.resolve(options.distDir)
    this.app = readAppJson(this.distDir)
    this.cloudUrl = options.cloudUrl.replace(/\/+$/, '')
  }

  /** Installs jsdom, the console capture and WeChat's constructors (App, Page, getApp, getCurrentPages). */
  start(): void {
    if (this.started) return
    this.started = true
    this.installDom()
    const g = globalThis as unknown as Dict
    const previousWx = g.wx
    this.restore.push(() => (g.wx = previousWx))
    this.simulate = require('miniprogram-simulate') as Simulate
    this.exparser = require('miniprogram-exparser') as Exparser
    simulatorWx ??= g.wx as Dict
    this.installConsole()
    this.installTimers()
    this.installConstructors()
  }

  /** Unmounts the page and gives back every global this instance replaced. */
  close(): void {
    this.unmountShown()
    for (const undo of this.restore.reverse()) undo()
    this.restore = []
    this.dom?.window.close()
    this.started = false
  }

  /** A file on the phone (e.g. a photo in the album), for the next chooser to hand over. */
  addTempFile(bytes: Buffer, ext: string, name?: string): TempFile {
    const file = { path: `wxfile://tmp_${++this.tempSeq}.${ext}`, bytes, name }
    this.files.set(file.path, file)
    return file
  }

  /**
   * Cold-starts the mini-program at `route` with `query` as the WeChat user `persona`: a fresh JS
   * context (app.js and the page's code run anew, so the session logs in as this user), the app's
   * onLaunch/onShow with this page as the launch path, then the page's onLoad/onShow/onReady.
   * Resolves when the page has settled.
   */
  async open(route: string, query: Record<string, string>, persona: string): Promise<OpenedPage> {
    this.start()
    this.unmountShown()
    await this.settle(10, 2000)
    const record: PageRecord = {
      route,
      query,
      persona,
      errors: [],
      warnings: [],
      cloudCalls: [],
      navigations: [],
      wxCalls: [],
      uploads: [],
      album: [],
      clipboard: [],
    }
    this.current = record
    this.launchOptions = { path: route, query: { ...query }, scene: 1001, referrerInfo: {}, apiCategory: 'default' }
    const base = path.join(this.distDir, route)
    if (!['js', 'json', 'wxml'].every((ext) => existsSync(`${base}.${ext}`))) {
      record.errors.push(`${route} is in app.json but the build has no ${route}.js/.json/.wxml`)
      return new OpenedPage(this, record, null)
    }
    let rendered: RenderedComponent
    try {
      this.relaunch(record, persona)
      // Registers the page in this launch: its index.js calls Page(). wcc compiles a folder once.
      const id = this.simulate.load(base, 'page', { rootPath: this.distDir, compiler: 'official' })
      rendered = this.simulate.render(id)
    } catch (error) {
      record.errors.push(`loading ${route}: ${describe(error)}`)
      return new OpenedPage(this, record, null)
    }
    const host = this.dom.window.document.createElement('div')
    host.setAttribute('data-page', route)
    this.dom.window.document.body.appendChild(host)
    const page = rendered.instance
    page.route = route
    page.__route__ = route
    page.options = { ...query }
    // Taro renders through the page's setData: each one counts as activity for settle().
    const setData = page.setData.bind(page)
    page.setData = (data, callback) => {
      this.touch()
      setData(data, callback)
    }
    this.shown = rendered
    this.guard(record, 'page lifecycle', () => {
      rendered.attach(host)
      page.onLoad?.call(page, { ...query })
      page.onShow?.call(page)
      page.onReady?.call(page)
    })
    await this.settle()
    return new OpenedPage(this, record, rendered)
  }

  /**
   * Resolves once the page is idle: no cloud call or download in flight, no short timer of the
   * build's code pending (React's scheduler, Taro's batched setData, a redirect after a toast; a
   * timer that keeps re-arming is not waited for beyond 3 s) and nothing rendered for `quietMs`.
   * Reports an error on the page after `timeoutMs`.
   */
  async settle(quietMs = 30, timeoutMs = 10_000): Promise<void> {
    const started = Date.now()
    this.touch()
    for (;;) {
      await sleep(5)
      const now = Date.now()
      const timersDone = this.timers.size === 0 || now - started > 3000
      if (this.pending === 0 && timersDone && now - this.lastActivity >= quietMs) return
      if (now - started > timeoutMs) {
        this.current?.errors.push(`did not settle within ${timeoutMs} ms (${this.pending} calls in flight)`)
        return
      }
    }
  }

  /** Resolves when `condition` holds (true) or after `timeoutMs` (false), then lets the page settle. */
  async waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    const started = Date.now()
    while (!condition() && Date.now() - started < timeoutMs) await sleep(10)
    await this.settle()
    return condition()
  }

  /** Runs `action` as WeChat runs page code: what it throws is the page's error, not the test's. */
  guard(record: PageRecord, label: string, action: () => void): void {
    try {
      action()
    } catch (error) {
      record.errors.push(`${label}: ${describe(error)}`)
    }
  }

  touch(): void {
    this.lastActivity = Date.now()
  }

  /** Dispatches a tap (an exparser event bubbling from `element`, as WeChat delivers it). */
  tap(record: PageRecord, element: Element): void {
    const target = (element as unknown as { __wxElement?: unknown }).__wxElement
    if (!target) throw new Error(`${record.route}: the element to tap is not a mini-program node`)
    const event = this.exparser.Event.create(
      'tap',
      { x: 0, y: 0 },
      { bubbles: true, composed: true, capturePhase: true, extraFields: { touches: [], changedTouches: [] } },
    )
    this.guard(record, 'tap', () => this.exparser.Event.dispatchEvent(target, event))
    this.touch()
  }

  /** A fresh JS context for `persona`: the build's modules evaluate again against a fresh `wx`. */
  private relaunch(record: PageRecord, persona: string): void {
    const root = this.distDir + path.sep
    for (const key of Object.keys(require.cache)) if (key.startsWith(root)) delete require.cache[key]
    this.appInstance = null
    ;(globalThis as unknown as Dict).wx = this.createWx(record, persona)
    require(path.join(this.distDir, 'app.js'))
    const app = this.appInstance as Dict | null
    if (!app) throw new Error('app.js did not call App()')
    this.guard(record, 'app launch', () => {
      ;(app.onLaunch as Fn | undefined)?.call(app, this.launchOptions)
      ;(app.onShow as Fn | undefined)?.call(app, this.launchOptions)
    })
  }

  private unmountShown(): void {
    const shown = this.shown
    if (!shown) return
    this.shown = null
    const record = this.current
    const page = shown.instance
    try {
      page.onUnload?.call(page)
    } catch (error) {
      record?.errors.push(`onUnload: ${describe(error)}`)
    }
    shown.detach()
  }

  private installDom(): void {
    const virtualConsole = new VirtualConsole()
    virtualConsole.on('jsdomError', (error: Error) => this.current?.errors.push(`uncaught: ${describe(error)}`))
    this.dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
      url: 'https://servicewechat.com/',
      pretendToBeVisual: true,
      virtualConsole,
    })
    const window = this.dom.window as unknown as Dict
    const g = globalThis as unknown as Dict
    // Node's own Event/CustomEvent would shadow jsdom's: taps would silently do nothing.
    const names = [
      'window',
      'document',
      'Event',
      'CustomEvent',
      'TouchEvent',
      'Element',
      'HTMLElement',
      'Node',
      'Text',
      'DocumentFragment',
      'getComputedStyle',
      'requestAnimationFrame',
      'cancelAnimationFrame',
    ]
    for (const name of names) {
      const had = Object.prototype.hasOwnProperty.call(g, name)
      const previous = g[name]
      Object.defineProperty(g, name, { value: name === 'window' ? window : window[name], configurable: true, writable: true })
      this.restore.push(() => {
        if (had) Object.defineProperty(g, name, { value: previous, configurable: true, writable: true })
        else delete g[name]
      })
    }
    const onRejection = (reason: unknown) => this.current?.errors.push(`unhandled rejection: ${describe(reason)}`)
    process.on('unhandledRejection', onRejection)
    this.restore.push(() => process.off('unhandledRejection', onRejection))
  }

  /** console.error/warn go to the page's record (React's and Taro's errors, wcc's "Template … not found"). */
  private installConsole(): void {
    const original = { error: console.error, warn: console.warn }
    this.restore.push(() => Object.assign(console, original))
    const capture =
      (kind: 'errors' | 'warnings') =>
      (...args: unknown[]) => {
        const line = args.map((arg) => (arg instanceof Error ? describe(arg) : typeof arg === 'string' ? arg : json(arg))).join(' ')
        if (this.current) this.current[kind].push(line)
        else (kind === 'errors' ? original.error : original.warn)(...args)
      }
    console.error = capture('errors')
    console.warn = capture('warnings')
  }

  /**
   * setTimeout/setImmediate of the build's code are counted while they are pending, so settle()
   * knows when a page is still working. Only calls from the build (its files on the stack) count:
   * the local cloud and the test runner share this process.
   */
  private installTimers(): void {
    const g = globalThis as unknown as Dict
    const build = this.distDir + path.sep
    // V8's structured frames: no string formatting or source-map lookups (vitest maps every stack).
    const fromBuild = () => {
      const previous = Error.prepareStackTrace
      Error.prepareStackTrace = (_error, frames) => frames
      const holder: { stack?: NodeJS.CallSite[] } = {}
      Error.captureStackTrace(holder)
      const frames = holder.stack ?? []
      Error.prepareStackTrace = previous
      return frames.some((frame) => frame.getFileName()?.startsWith(build))
    }
    const track = (schedule: (run: () => void) => unknown, fn: unknown, args: unknown[]) => {
      if (typeof fn !== 'function' || !fromBuild()) return schedule(() => (fn as Fn)(...args))
      let handle: unknown = null
      handle = schedule(() => {
        this.timers.delete(handle)
        try {
          ;(fn as Fn)(...args)
        } finally {
          this.touch()
        }
      })
      this.timers.add(handle)
      return handle
    }
    g.setTimeout = (fn: unknown, ms?: number, ...args: unknown[]) =>
      (ms ?? 0) < SHORT_TIMER_MS ? track((run) => real.setTimeout(run, ms), fn, args) : real.setTimeout(fn as Fn, ms, ...args)
    g.clearTimeout = (handle: unknown) => {
      this.timers.delete(handle)
      real.clearTimeout(handle as NodeJS.Timeout)
    }
    g.setImmediate = (fn: unknown, ...args: unknown[]) => track((run) => real.setImmediate(run), fn, args)
    g.clearImmediate = (handle: unknown) => {
      this.timers.delete(handle)
      real.clearImmediate(handle as NodeJS.Immediate)
    }
    this.restore.push(() => Object.assign(g, real))
  }

  private installConstructors(): void {
    const g = globalThis as unknown as Dict
    const names = ['App', 'Page', 'getApp', 'getCurrentPages']
    const previous = names.map((name) => g[name])
    this.restore.push(() => names.forEach((name, index) => (g[name] = previous[index])))
    g.App = (options: Dict) => {
      this.appInstance = options
    }
    g.getApp = () => this.appInstance
    g.getCurrentPages = () => (this.shown ? [this.shown.instance] : [])
    // miniprogram-simulate knows only Component(): a page becomes a component whose methods are the
    // page's functions; open() calls onLoad/onShow/onReady itself, in WeChat's order.
    g.Page = (options: Dict) => {
      const methods: Dict = {}
      const rest: Dict = {}
      for (const [key, value] of Object.entries(options)) {
        if (typeof value === 'function') methods[key] = value
        else if (key !== 'data') rest[key] = value
      }
      // No class prefix: the page's elements keep the class names the code gives them (`.feed-card`).
      const componentOptions = { ...(rest.options as Dict | undefined), classPrefix: '' }
      ;(g.Component as (definition: Dict) => void)({
        ...rest,
        options: componentOptions,
        data: (options.data as Dict | undefined) ?? {},
        methods,
      })
    }
  }

  /** The `wx` of one launch: everything recorded into `record`, the cloud called as `persona`. */
  private createWx(record: PageRecord, persona: string): Dict {
    const base = simulatorWx
    if (!base) throw new Error('miniprogram-simulate did not install wx')
    const wx: Dict = {}
    const note = (api: string, args: unknown) => {
      this.touch()
      if (!QUIET_APIS.has(api)) record.wxCalls.push({ api, args: plain(args) })
    }
    for (const [key, value] of Object.entries(base)) {
      wx[key] =
        typeof value === 'function'
          ? (...args: unknown[]) => {
              note(key, args[0])
              return (value as Fn).apply(base, args)
            }
          : value
    }
    const own = (api: string, implementation: (options: WxOptions) => unknown) => {
      wx[api] = (options: WxOptions = {}) => {
        note(api, options)
        return implementation(options)
      }
    }
    // A real storage, so what a page keeps (drafts, seen markers) behaves as on the phone.
    const copy = (value: unknown) => JSON.parse(JSON.stringify(value ?? null)) as unknown
    wx.getStorageSync = (key: string) => (this.storage.has(key) ? copy(this.storage.get(key)) : '')
    wx.setStorageSync = (key: string, value: unknown) => void this.storage.set(key, copy(value))
    wx.removeStorageSync = (key: string) => void this.storage.delete(key)
    wx.getStorage = (options: WxOptions) => {
      const key = String(options.key)
      return this.storage.has(key)
        ? ok(options, { errMsg: 'getStorage:ok', data: copy(this.storage.get(key)) })
        : refuse(options, 'getStorage:fail data not found')
    }
    wx.setStorage = (options: WxOptions) => {
      this.storage.set(String(options.key), copy(options.data))
      return ok(options, { errMsg: 'setStorage:ok' })
    }
    wx.removeStorage = (options: WxOptions) => {
      this.storage.delete(String(options.key))
      return ok(options, { errMsg: 'removeStorage:ok' })
    }
    wx.getLaunchOptionsSync = () => plain(this.launchOptions)
    wx.getEnterOptionsSync = () => plain(this.launchOptions)
    // Navigations are recorded, not followed: the suite checks each target against app.json.
    for (const api of NAVIGATION_APIS) {
      own(api, (options) => {
        record.navigations.push({ api, url: String(options.url ?? '') })
        return ok(options, { errMsg: `${api}:ok` })
      })
    }
    // The simulator's query is a stub: ask the page's own (NutUI Tabs measures its titles).
    wx.createSelectorQuery = () => (this.shown ? this.shown.instance.createSelectorQuery() : (base.createSelectorQuery as Fn)())
    own('setClipboardData', (options) => {
      record.clipboard.push(String(options.data ?? ''))
      return ok(options, { errMsg: 'setClipboardData:ok' })
    })
    own('getClipboardData', (options) =>
      ok(options, { errMsg: 'getClipboardData:ok', data: record.clipboard[record.clipboard.length - 1] ?? '' }),
    )
    own('downloadFile', (options) => this.download(options))
    own('saveImageToPhotosAlbum', (options) => {
      const file = this.files.get(String(options.filePath))
      if (!file) return refuse(options, `saveImageToPhotosAlbum:fail file not found ${String(options.filePath)}`)
      record.album.push({ filePath: file.path, bytes: file.bytes.length })
      return ok(options, { errMsg: 'saveImageToPhotosAlbum:ok' })
    })
    own('chooseMedia', (options) => {
      const chosen = this.nextChosen.splice(0)
      if (!chosen.length) return refuse(options, 'chooseMedia:fail cancel')
      return ok(options, {
        errMsg: 'chooseMedia:ok',
        type: 'image',
        tempFiles: chosen.map((file) => ({ tempFilePath: file.path, size: file.bytes.length, fileType: 'image' })),
      })
    })
    own('chooseMessageFile', (options) => {
      const chosen = this.nextChosen.splice(0)
      if (!chosen.length) return refuse(options, 'chooseMessageFile:fail cancel')
      const tempFiles = chosen.map((file) => ({
        path: file.path,
        size: file.bytes.length,
        name: file.name ?? path.basename(file.path),
        type: 'file',
        time: 0,
      }))
      return ok(options, { errMsg: 'chooseMessageFile:ok', tempFiles })
    })
    own('getImageInfo', (options) => {
      const file = this.files.get(String(options.src))
      if (!file) return refuse(options, 'getImageInfo:fail file not found')
      return ok(options, { errMsg: 'getImageInfo:ok', ...imageSize(file.bytes), path: file.path, type: path.extname(file.path).slice(1) })
    })
    own('compressImage', (options) => {
      const file = this.files.get(String(options.src))
      if (!file) return refuse(options, 'compressImage:fail file not found')
      return ok(options, {
        errMsg: 'compressImage:ok',
        tempFilePath: this.addTempFile(file.bytes, path.extname(file.path).slice(1) || 'jpg').path,
      })
    })
    own('showModal', (options) => ok(options, { errMsg: 'showModal:ok', confirm: true, cancel: false }))
    own('openSetting', (options) => ok(options, { errMsg: 'openSetting:ok', authSetting: { 'scope.writePhotosAlbum': true } }))
    wx.cloud = this.createCloud(record, persona, note)
    return wx
  }

  /** wx.cloud on the local cloud: callFunction → POST /fn/<name>, uploadFile → POST /storage/upload, as `persona`. */
  private createCloud(record: PageRecord, persona: string, note: (api: string, args: unknown) => void): Dict {
    let initialised = false
    // WeChat refuses every cloud API before wx.cloud.init().
    const notReady = (api: string) => `cloud.${api}:fail 请先调用 wx.cloud.init() 完成初始化后再调用其他云 API`
    return {
      init: (options: unknown) => {
        note('cloud.init', options)
        initialised = true
      },
      callFunction: (options: WxOptions) => {
        const name = String(options.name)
        const data = (options.data ?? {}) as Dict
        const call: CloudCall = { name, action: String(data.action ?? ''), ok: false }
        record.cloudCalls.push(call)
        if (!initialised) {
          call.code = 'NOT_INITIALISED'
          return refuse(options, notReady('callFunction'))
        }
        return answer(
          options,
          this.track(async () => {
            let body: { ok?: boolean; error?: { code?: string; message?: string } }
            try {
              const response = await fetch(`${this.cloudUrl}/fn/${encodeURIComponent(name)}`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'x-wegong-openid': persona },
                body: JSON.stringify(data),
              })
              body = (await response.json()) as typeof body
            } catch (error) {
              call.code = 'NETWORK'
              call.message = describe(error)
              throw { errMsg: `cloud.callFunction:fail ${call.message}` }
            }
            call.ok = body.ok === true
            if (!call.ok) Object.assign(call, { code: body.error?.code ?? 'MALFORMED', message: body.error?.message })
            return { errMsg: 'cloud.callFunction:ok', result: body, requestID: `local-${Date.now()}` }
          }),
        )
      },
      uploadFile: (options: WxOptions) => {
        note('cloud.uploadFile', { cloudPath: options.cloudPath, filePath: options.filePath })
        const listeners: Fn[] = []
        const work = !initialised
          ? Promise.reject({ errMsg: notReady('uploadFile') })
          : this.track(async () => {
              const file = this.files.get(String(options.filePath))
              if (!file) throw { errMsg: `cloud.uploadFile:fail file not found ${String(options.filePath)}` }
              const cloudPath = String(options.cloudPath ?? '')
              const response = await fetch(`${this.cloudUrl}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
                method: 'POST',
                headers: { 'content-type': 'application/octet-stream', 'x-wegong-openid': persona },
                body: new Uint8Array(file.bytes),
              })
              const body = (await response.json().catch(() => ({}))) as {
                data?: { fileID?: string }
                fileID?: string
                error?: { message?: string }
              }
              const fileID = body.data?.fileID ?? body.fileID
              if (!response.ok || !fileID) throw { errMsg: `cloud.uploadFile:fail ${response.status} ${body.error?.message ?? ''}`.trim() }
              const total = file.bytes.length
              listeners.forEach((listener) => listener({ progress: 100, totalBytesSent: total, totalBytesExpectedToSend: total }))
              record.uploads.push({ cloudPath, fileID, bytes: total })
              return { errMsg: 'cloud.uploadFile:ok', fileID, statusCode: 200 }
            })
        const result = answer(options, work)
        // An UploadTask with callbacks, a promise without (as wx.cloud answers).
        const task = { onProgressUpdate: (listener: Fn) => void listeners.push(listener), abort: () => undefined }
        return result ? Object.assign(result, task) : task
      },
      getTempFileURL: (options: WxOptions) => {
        note('cloud.getTempFileURL', options)
        return refuse(options, 'cloud.getTempFileURL:fail the functions answer temporary URLs; the app never asks for them')
      },
    }
  }

  /** downloadFile fetches for real (a temp URL of the local cloud must answer) into a phone temp file. */
  private download(options: WxOptions): unknown {
    const url = String(options.url ?? '')
    const work = this.track(async () => {
      const response = await fetch(url)
      const bytes = Buffer.from(await response.arrayBuffer())
      const ext = /\.(png|jpe?g|gif|webp)(\?|$)/i.exec(url)?.[1] ?? 'png'
      return { errMsg: 'downloadFile:ok', statusCode: response.status, tempFilePath: this.addTempFile(bytes, ext).path }
    })
    const result = answer(options, work)
    const task = { onProgressUpdate: () => undefined, abort: () => undefined }
    return result ? Object.assign(result, task) : task
  }

  /** Counts `work` as in flight for settle(). */
  private track<T>(work: () => Promise<T>): Promise<T> {
    this.pending++
    this.touch()
    return work().finally(() => {
      this.pending--
      this.touch()
    })
  }
}

/** A page on screen: what it rendered, and taps on it. */
export class OpenedPage {
  constructor(
    private readonly weapp: Weapp,
    readonly record: PageRecord,
    private readonly rendered: RenderedComponent | null,
  ) {}

  get instance(): PageInstance | null {
    return this.rendered?.instance ?? null
  }

  /** The visible text and the values of inputs and text areas, whitespace collapsed. */
  text(): string {
    const root = this.rendered?.dom
    if (!root) return ''
    const values = Array.from(root.querySelectorAll('wx-input, wx-textarea')).map((element) => {
      const attrs =
        (element as unknown as { __wxElement?: { _vt?: { attrs?: { name: string; value: unknown }[] } } }).__wxElement?._vt?.attrs ?? []
      const value = attrs.find((attr) => attr.name === 'value')?.value
      return value === undefined || value === null ? '' : String(value)
    })
    return [root.textContent ?? '', ...values].join(' ').replace(/\s+/g, ' ').trim()
  }

  /** Elements of Taro's node tree: what React rendered. */
  taroElementCount(): number {
    return countTaroElements(this.instance?.data.root)
  }

  /** Elements WeChat's templates produced (each carries Taro's data-sid). */
  renderedElementCount(): number {
    return this.rendered?.dom.querySelectorAll('[data-sid]').length ?? 0
  }

  /** The Taro nodes with no element on screen (their template does not exist), as `<nn class="…">`. */
  droppedNodes(): string[] {
    const root = this.rendered?.dom
    if (!root) return []
    const rendered = new Set(Array.from(root.querySelectorAll('[data-sid]')).map((element) => element.getAttribute('data-sid')))
    const dropped = new Set<string>()
    const walk = (node: TaroNode) => {
      for (const child of node.cn ?? []) {
        if (child.v !== undefined) continue
        if (!rendered.has(child.sid ?? '')) dropped.add(`<${String(child.nn)}${child.cl ? ` class="${child.cl}"` : ''}>`)
        walk(child)
      }
    }
    walk(this.instance?.data.root ?? {})
    return [...dropped]
  }

  /** Elements matching `selector` whose text contains `text` (all of them without `text`). */
  find(selector: string, text?: string): Element[] {
    const root = this.rendered?.dom
    if (!root) return []
    return Array.from(root.querySelectorAll(selector)).filter((element) => text === undefined || (element.textContent ?? '').includes(text))
  }

  /** Taps the first element matching `selector` (containing `text`) and waits until the page settles. */
  async tap(selector: string, text?: string): Promise<void> {
    const [element] = this.find(selector, text)
    if (!element) throw new Error(`nothing to tap at ${selector}${text ? ` containing 「${text}」` : ''}`)
    this.weapp.tap(this.record, element)
    await this.weapp.settle()
  }

  /** What WeChat's share menu gets from the page: onShareAppMessage / onShareTimeline, or null without one. */
  share(kind: 'message' | 'timeline'): unknown {
    const page = this.instance
    const handler = kind === 'message' ? page?.onShareAppMessage : page?.onShareTimeline
    if (!page || !handler) return null
    let result: unknown = null
    this.weapp.guard(this.record, `share ${kind}`, () => (result = handler.call(page, { from: 'menu' })))
    return result
  }
}

/** A PNG's or JPEG's pixel size, for getImageInfo. */
function imageSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.length > 24 && bytes.readUInt32BE(0) === 0x89504e47) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
  for (let offset = 2; offset + 9 < bytes.length && bytes[offset] === 0xff; offset += 2 + bytes.readUInt16BE(offset + 2)) {
    const marker = bytes[offset + 1]
    if (marker >= 0xc0 && marker <= 0xc3) return { width: bytes.readUInt16BE(offset + 7), height: bytes.readUInt16BE(offset + 5) }
  }
  return { width: 1, height: 1 }
}

export function describe(error: unknown): string {
  if (error instanceof Error) return `${error.message}${error.stack ? `\n${error.stack.split('\n').slice(1, 4).join('\n')}` : ''}`
  if (error && typeof error === 'object' && 'errMsg' in error) return String((error as { errMsg: unknown }).errMsg)
  return String(error)
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

function plain(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'function' ? undefined : v)) ?? 'null') as unknown
  } catch {
    return String(value)
  }
}

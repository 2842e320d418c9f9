import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { JSDOM } from 'jsdom'
import { readAppJson } from './app-json'
import { installDom, installTimers, sleep, type Restore } from './globals'
import { OpenedPage } from './opened-page'
import { agreeTapped, newPrivacyRecord } from './privacy'
import type {
  AppJson,
  Dict,
  Exparser,
  Fn,
  PageRecord,
  RenderedComponent,
  Simulate,
  SimulatorOptions,
  SubscribeAnswer,
  TempFile,
  WxHost,
} from './types'
import { describe, json } from './values'
import { createWx } from './wx'

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
 *
 * The parts: the `wx` of a launch (wx.ts, cloud.ts), the globals it replaces (globals.ts), a page on
 * screen (opened-page.ts), app.json's rules (app-json.ts). README.md says how to use it.
 */
export * from './app-json'
export * from './types'
export { OpenedPage } from './opened-page'
export * from './privacy'
export { describe } from './values'

const require = createRequire(__filename)

/** A property of a rendered mini-program element as WXML set it (`openType`, `id`). */
function attributeOf(element: Element, name: string): string | undefined {
  const attrs = (element as unknown as { __wxElement?: { _vt?: { attrs?: { name: string; value: unknown }[] } } }).__wxElement?._vt?.attrs
  const value = attrs?.find((attr) => attr.name === name)?.value ?? element.getAttribute(name)
  return value === undefined || value === null ? undefined : String(value)
}

/** The simulator's own `wx` (captured once: miniprogram-simulate installs it when first required). */
let simulatorWx: Dict | null = null

export class Weapp {
  readonly distDir: string
  readonly app: AppJson
  /** The local cloud wx.cloud talks to (a test may point it at a dead port to see the app offline). */
  cloudUrl: string
  /** The record of the page shown now (null between pages). */
  current: PageRecord | null = null
  /** What the next chooseMedia / chooseMessageFile answers (then emptied; empty means the user cancelled). */
  nextChosen: TempFile[] = []
  /** What the user answers when the app asks for subscribe messages: by default, as a user who closes the dialog. */
  subscribeAnswer: SubscribeAnswer = 'reject'

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
  private tapping = false
  private restore: Restore = []
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
    this.dom = installDom(this.restore, (line) => this.current?.errors.push(line))
    const g = globalThis as unknown as Dict
    const previousWx = g.wx
    this.restore.push(() => (g.wx = previousWx))
    this.simulate = require('miniprogram-simulate') as Simulate
    this.exparser = require('miniprogram-exparser') as Exparser
    simulatorWx ??= g.wx as Dict
    this.installConsole()
    installTimers(this.restore, this.distDir, this.timers, () => this.touch())
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
      privacy: newPrivacyRecord(),
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
   * Reports an error on the page after `timeoutMs` (30 s: a call in flight ends it sooner on a healthy
   * page; a second instance's cold start at load 20 overran 10 s).
   */
  async settle(quietMs = 30, timeoutMs = 30_000): Promise<void> {
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

  /**
   * Resolves when `condition` holds (true) or after `timeoutMs` (false), then lets the page settle.
   * The default bound is generous: a wait that succeeds ends when its condition holds, and a loaded
   * machine's cold function start takes seconds before the page can go on.
   */
  async waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<boolean> {
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
    // What the handlers do before their first await happens within the tap, as WeChat counts it.
    this.tapping = true
    try {
      this.guard(record, 'tap', () => this.exparser.Event.dispatchEvent(target, event))
    } finally {
      this.tapping = false
    }
    // WeChat's own agree button records the consent, then tells the page (bindagreeprivacyauthorization).
    if (attributeOf(element, 'openType') === 'agreePrivacyAuthorization') {
      agreeTapped(record, attributeOf(element, 'id') ?? '')
      const agreed = this.exparser.Event.create('agreeprivacyauthorization', {}, { bubbles: false, composed: true, capturePhase: true })
      this.guard(record, 'agreeprivacyauthorization', () => this.exparser.Event.dispatchEvent(target, agreed))
    }
    this.touch()
  }

  /** A fresh JS context for `persona`: the build's modules evaluate again against a fresh `wx`. */
  private relaunch(record: PageRecord, persona: string): void {
    const root = this.distDir + path.sep
    for (const key of Object.keys(require.cache)) if (key.startsWith(root)) delete require.cache[key]
    this.appInstance = null
    ;(globalThis as unknown as Dict).wx = createWx(simulatorWx, this.wxHost(), record, persona)
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

  private wxHost(): WxHost {
    return {
      cloudUrl: () => this.cloudUrl,
      launchOptions: () => this.launchOptions,
      shown: () => this.shown?.instance ?? null,
      files: this.files,
      storage: this.storage,
      takeChosen: () => this.nextChosen.splice(0),
      addTempFile: (bytes, ext) => this.addTempFile(bytes, ext),
      inTap: () => this.tapping,
      subscribeAnswer: () => this.subscribeAnswer,
      touch: () => this.touch(),
      track: (work) => this.track(work),
    }
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

import type { PrivacyRecord } from './privacy'
/** The shapes the simulator records and the parts of miniprogram-simulate it drives. */
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
  /** WeChat's privacy consent in this launch (privacy.ts). */
  privacy: PrivacyRecord
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

export type Fn = (...args: unknown[]) => unknown
export type WxOptions = Record<string, unknown> & { success?: Fn; fail?: Fn; complete?: Fn }
export type Dict = Record<string, unknown>

/** A node of Taro's data tree: text nodes carry `v`, elements `cn` (children). */
export interface TaroNode {
  nn?: string
  sid?: string
  v?: string
  /** class */
  cl?: string
  cn?: TaroNode[]
}

export interface RenderedComponent {
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

export interface Simulate {
  load(componentPath: string, tagName: string, options: Dict): string
  render(id: string, properties?: Dict): RenderedComponent
}

export interface Exparser {
  Event: { dispatchEvent(target: unknown, event: unknown): void; create(name: string, detail: Dict, options: Dict): unknown }
}

/** The user's answer in WeChat's subscribe dialog (订阅消息), for every template it asks. */
export type SubscribeAnswer = 'accept' | 'reject'

/** What the `wx` of one launch needs of the Weapp that runs it. */
export interface WxHost {
  /** Read at each call: a test may point the Weapp at another cloud between calls. */
  cloudUrl(): string
  launchOptions(): Dict
  /** The page on screen, if any. */
  shown(): PageInstance | null
  readonly files: ReadonlyMap<string, TempFile>
  readonly storage: Map<string, unknown>
  /** What the user picks in the next chooser (emptied; nothing means the user cancelled). */
  takeChosen(): TempFile[]
  addTempFile(bytes: Buffer, ext: string): TempFile
  /** Whether a tap is being delivered now: WeChat opens the subscribe dialog only within one. */
  inTap(): boolean
  /** Read at each dialog: what the user answers. */
  subscribeAnswer(): SubscribeAnswer
  /** Marks activity, for settle(). */
  touch(): void
  /** Counts `work` as in flight, for settle(). */
  track<T>(work: () => Promise<T>): Promise<T>
}

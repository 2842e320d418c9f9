import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomicSync } from './atomic-file'
import type { LocalClock } from './clock'

/**
 * The stand-in for subscribe messages (`cloud.openapi.subscribeMessage.send`): each message a
 * function sends is checked as WeChat checks it and recorded, for `GET /_local/messages`. Nothing is
 * delivered. As in WeChat, each acceptance of a template in the subscribe dialog allows one send of
 * it to that user: the app's stand-in for `wx.requestSubscribeMessage` grants it with
 * `POST /_local/subscribe`, a send consumes it, and a send without one answers 43101 and is listed
 * as skipped under `GET /_local/subscriptions`.
 */
export interface SentMessage {
  msgid: number
  at: number
  /** The function that sent it. */
  from: string
  touser: string
  templateId: string
  page: string
  miniprogramState: string
  lang: string
  data: Record<string, { value: string }>
}

const Params = z.object({
  touser: z.string(),
  template_id: z.string(),
  page: z.string().optional(),
  miniprogram_state: z.enum(['developer', 'trial', 'formal']).optional(),
  lang: z.enum(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']).optional(),
  data: z.record(z.object({ value: z.union([z.string(), z.number()]).transform(String) })),
})

/** WeChat's length limits per value kind (key prefix) of a subscribe-message template. */
const LIMITS: Array<[RegExp, number]> = [
  [/^thing\d+$/, 20],
  [/^name\d+$/, 10],
  [/^phrase\d+$/, 5],
  [/^character_string\d+$/, 32],
  [/^number\d+$/, 32],
  [/^letter\d+$/, 32],
  [/^symbol\d+$/, 5],
  [/^phone_number\d+$/, 17],
  [/^car_number\d+$/, 8],
]

export type SendResult = { ok: true; msgid: number } | { ok: false; errcode: number; errmsg: string }

/** A send WeChat refused because the user had no acceptance of that template left. */
export interface SkippedSend {
  at: number
  from: string
  touser: string
  templateId: string
  errcode: 43101
}

/** What the subscribe dialogs granted and not yet used, per user and template; and the refused sends. */
interface Subscriptions {
  quota: Record<string, Record<string, number>>
  skipped: SkippedSend[]
}

/** WeChat's template keyword kinds with a format beyond their length. */
const FORMATS: Array<[RegExp, RegExp]> = [
  // Digits, letters and symbols: no Chinese, no spaces.
  [/^character_string\d+$/, /^[\x21-\x7e]+$/],
  [/^number\d+$/, /^-?\d+(\.\d+)?$/],
  [/^letter\d+$/, /^[A-Za-z]+$/],
  // One currency sign, at most 10 digits, decimals, optionally 元.
  [/^amount\d+$/, /^[¥￥$]?\d{1,10}(\.\d{1,2})?元?$/],
]

export class MessageLog {
  private readonly messages: SentMessage[] = []
  private readonly subscriptions: Subscriptions = { quota: {}, skipped: [] }
  private readonly subscriptionsFile: string

  constructor(
    private readonly file: string,
    private readonly clock: LocalClock,
    log: (line: string) => void = (line) => console.error(line),
  ) {
    if (existsSync(file)) this.load(log)
    this.subscriptionsFile = file.replace(/\.jsonl$/, '') + '-subscriptions.json'
    if (existsSync(this.subscriptionsFile)) Object.assign(this.subscriptions, JSON.parse(readFileSync(this.subscriptionsFile, 'utf8')))
  }

  /** The user accepted these templates in the subscribe dialog: one more send of each. */
  grant(openid: string, templateIds: readonly string[]): void {
    const mine = (this.subscriptions.quota[openid] ??= {})
    for (const id of templateIds) mine[id] = (mine[id] ?? 0) + 1
    this.saveSubscriptions()
  }

  listSubscriptions(): Subscriptions {
    return structuredClone(this.subscriptions)
  }

  private saveSubscriptions(): void {
    writeFileAtomicSync(this.subscriptionsFile, JSON.stringify(this.subscriptions))
  }

  send(from: string, params: Record<string, unknown>): SendResult {
    const parsed = Params.safeParse(params)
    if (!parsed.success)
      return { ok: false, errcode: 47001, errmsg: `data format error: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}` }
    const p = parsed.data
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(p.touser)) return { ok: false, errcode: 40003, errmsg: 'invalid openid' }
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(p.template_id)) return { ok: false, errcode: 40037, errmsg: 'invalid template_id' }
    if (p.page !== undefined && p.page.startsWith('/')) return { ok: false, errcode: 41030, errmsg: 'invalid page' }
    for (const [key, { value }] of Object.entries(p.data)) {
      const limit = LIMITS.find(([pattern]) => pattern.test(key))?.[1]
      const format = FORMATS.find(([pattern]) => pattern.test(key))?.[1]
      if (Array.from(value).length === 0 || (limit !== undefined && Array.from(value).length > limit) || (format && !format.test(value))) {
        return { ok: false, errcode: 47003, errmsg: `argument invalid! data.${key}.value` }
      }
    }
    const mine = this.subscriptions.quota[p.touser] ?? {}
    if ((mine[p.template_id] ?? 0) < 1) {
      this.subscriptions.skipped.push({ at: this.clock.now(), from, touser: p.touser, templateId: p.template_id, errcode: 43101 })
      this.saveSubscriptions()
      return { ok: false, errcode: 43101, errmsg: 'user refuse to accept the msg' }
    }
    // The acceptance is used before the message is kept: a crash between them loses the message, as a failed send would.
    mine[p.template_id] = (mine[p.template_id] ?? 0) - 1
    this.saveSubscriptions()
    const message: SentMessage = {
      msgid: this.messages.length + 1,
      at: this.clock.now(),
      from,
      touser: p.touser,
      templateId: p.template_id,
      page: p.page ?? '',
      miniprogramState: p.miniprogram_state ?? 'formal',
      lang: p.lang ?? 'zh_CN',
      data: Object.fromEntries(Object.entries(p.data).map(([key, { value }]) => [key, { value }])),
    }
    this.messages.push(message)
    appendDurably(this.file, `${JSON.stringify(message)}\n`)
    return { ok: true, msgid: message.msgid }
  }

  /**
   * The log is append-only, one message per line. A crash during an append can leave its last line
   * cut off: that message was never answered as sent, so the line is dropped (and rewritten away,
   * atomically), and the log says so. A bad line anywhere else means the file was edited: refused.
   */
  private load(log: (line: string) => void): void {
    const lines = readFileSync(this.file, 'utf8').split('\n')
    let last = lines.length - 1
    while (last >= 0 && lines[last].trim() === '') last--
    for (const [i, line] of lines.entries()) {
      if (!line.trim()) continue
      try {
        this.messages.push(JSON.parse(line) as SentMessage)
      } catch (error) {
        if (i !== last) throw new Error(`${this.file} line ${i + 1} is not a message: ${(error as Error).message}`)
        log(`[messages] ${this.file} ends in a cut-off line (a crash while appending): dropped`)
        writeFileAtomicSync(this.file, this.messages.map((m) => `${JSON.stringify(m)}\n`).join(''))
      }
    }
  }

  list(): SentMessage[] {
    return [...this.messages]
  }
}

/** One append, on disk before the sender is answered. */
function appendDurably(file: string, line: string): void {
  const fd = openSync(file, 'a')
  try {
    writeSync(fd, line)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

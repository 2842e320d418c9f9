import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomicSync } from './atomic-file'
import type { LocalClock } from './clock'

/**
 * The stand-in for subscribe messages (`cloud.openapi.subscribeMessage.send`): each message a
 * function sends is checked as WeChat checks it and recorded, for `GET /_local/messages`. Nothing is
 * delivered; the local cloud does not know who subscribed (that is a phone-side permission), so a
 * well-formed message is always accepted.
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

export class MessageLog {
  private readonly messages: SentMessage[] = []

  constructor(
    private readonly file: string,
    private readonly clock: LocalClock,
    log: (line: string) => void = (line) => console.error(line),
  ) {
    if (existsSync(file)) this.load(log)
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
      if (Array.from(value).length === 0 || (limit !== undefined && Array.from(value).length > limit)) {
        return { ok: false, errcode: 47003, errmsg: `argument invalid! data.${key}.value` }
      }
    }
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

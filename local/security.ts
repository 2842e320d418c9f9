import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { LocalClock } from './clock'
import { LOCAL_APPID } from './cloud-env'

/**
 * The stand-in for WeChat's content security (R20). Text checks (`security.msgSecCheck` version 2)
 * answer at once: risky when the content has one of RISKY_TEST_WORDS, review for REVIEW_TEST_WORDS,
 * pass otherwise. Every check is listed under `GET /_local/security`; `POST /_local/security
 * {"textCheck": "down"}` (or `"mediaCheck"`) makes the check answer WeChat's system error until set
 * "up" again. Image checks (`security.mediaCheckAsync` version 2) answer a trace id only; they are
 * listed under `GET /_local/media-checks`, and a verdict comes when `POST /_local/media-checks/verdict`
 * delivers one, as WeChat's message push would (local/cloud.ts).
 */

/** The function the console's 消息推送 sends wxa_media_check to (docs/launch.md). */
export const MEDIA_CHECK_FUNCTION = 'mediaCheckCallback'

/** Words the local check calls risky (documented in docs/api.md): test words, not a real filter. */
export const RISKY_TEST_WORDS = ['违规测试', '代开发票', '赌博网站'] as const
/** Words the local check calls doubtful (`review`): WeChat's verdict for text it is unsure of. */
export const REVIEW_TEST_WORDS = ['待审测试'] as const

const Params = z.object({
  openid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  scene: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  version: z.literal(2),
  content: z.string().min(1),
  title: z.string().optional(),
  nickname: z.string().optional(),
  signature: z.string().optional(),
})

const MediaParams = z.object({
  openid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  scene: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  version: z.literal(2),
  media_type: z.union([z.literal(1), z.literal(2)]),
  media_url: z.string().url(),
})

/** One image check asked for, and the verdict once delivered. */
export interface MediaCheck {
  at: number
  from: string
  openid: string
  scene: number
  mediaUrl: string
  traceId: string
  verdict?: 'pass' | 'review' | 'risky'
  deliveredAt?: number
}

export interface TextCheck {
  at: number
  from: string
  openid: string
  scene: number
  content: string
  suggest: 'pass' | 'review' | 'risky'
  traceId: string
}

type WeChatAnswer = Record<string, unknown>

export class LocalSecurity {
  private readonly textChecks: TextCheck[] = []
  private textCheckUp = true
  private mediaCheckUp = true
  private readonly mediaChecks: MediaCheck[] = []

  constructor(private readonly clock: LocalClock) {}

  /** `security.msgSecCheck` as WeChat answers it (snake_case; the SDK turns it to camelCase). */
  msgSecCheck(params: Record<string, unknown>, from: string): WeChatAnswer {
    if (!this.textCheckUp) return { errcode: -1, errmsg: 'system error' }
    const parsed = Params.safeParse(params)
    if (!parsed.success) {
      const openidWrong = parsed.error.issues.some((issue) => issue.path[0] === 'openid')
      return openidWrong ? { errcode: 40003, errmsg: 'invalid openid' } : { errcode: 47001, errmsg: 'data format error' }
    }
    const { openid, scene, content } = parsed.data
    // WeChat checks at most 2500 characters per call.
    if (Array.from(content).length > 2500) return { errcode: 87014, errmsg: 'content too long' }
    const suggest = RISKY_TEST_WORDS.some((word) => content.includes(word))
      ? 'risky'
      : REVIEW_TEST_WORDS.some((word) => content.includes(word))
        ? 'review'
        : 'pass'
    // WeChat's labels: 100 normal, 20006 违法犯罪, 21000 其他.
    const label = suggest === 'pass' ? 100 : suggest === 'risky' ? 20006 : 21000
    const traceId = randomBytes(12).toString('hex')
    this.textChecks.push({ at: this.clock.now(), from, openid, scene, content, suggest, traceId })
    return {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 }],
      trace_id: traceId,
    }
  }

  setTextCheck(up: boolean): void {
    this.textCheckUp = up
  }

  setMediaCheck(up: boolean): void {
    this.mediaCheckUp = up
  }

  /** `security.mediaCheckAsync` as WeChat answers it: a trace id now, the verdict later by push. */
  mediaCheckAsync(params: Record<string, unknown>, from: string): WeChatAnswer {
    if (!this.mediaCheckUp) return { errcode: -1, errmsg: 'system error' }
    const parsed = MediaParams.safeParse(params)
    if (!parsed.success) {
      const openidWrong = parsed.error.issues.some((issue) => issue.path[0] === 'openid')
      return openidWrong ? { errcode: 40003, errmsg: 'invalid openid' } : { errcode: 47001, errmsg: 'data format error' }
    }
    const traceId = randomBytes(12).toString('hex')
    const { openid, scene, media_url: mediaUrl } = parsed.data
    this.mediaChecks.push({ at: this.clock.now(), from, openid, scene, mediaUrl, traceId })
    return { errcode: 0, errmsg: 'ok', trace_id: traceId }
  }

  /**
   * The message push WeChat sends for a check it was asked for, recording the verdict as delivered;
   * null for a trace id WeChat never answered (it pushes nothing for those).
   */
  mediaVerdictPush(traceId: string, suggest: 'pass' | 'review' | 'risky'): Record<string, unknown> | null {
    const check = this.mediaChecks.find((c) => c.traceId === traceId)
    if (!check) return null
    check.verdict = suggest
    check.deliveredAt = this.clock.now()
    // WeChat's labels: 100 normal, 20002 色情, 21000 其他.
    const label = suggest === 'pass' ? 100 : suggest === 'risky' ? 20002 : 21000
    return {
      ToUserName: 'gh_local',
      FromUserName: 'o_wechat_system',
      CreateTime: Math.floor(this.clock.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: LOCAL_APPID,
      trace_id: traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
    }
  }

  mediaSnapshot() {
    return { mediaCheck: this.mediaCheckUp ? 'up' : 'down', mediaChecks: [...this.mediaChecks] }
  }

  snapshot() {
    return {
      textCheck: this.textCheckUp ? 'up' : 'down',
      mediaCheck: this.mediaCheckUp ? 'up' : 'down',
      riskyWords: RISKY_TEST_WORDS,
      reviewWords: REVIEW_TEST_WORDS,
      textChecks: [...this.textChecks],
    }
  }
}

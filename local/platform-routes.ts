import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { Openid } from './cloud-env'
import { HttpError, MiB, parseJson, readBody, sendJson } from './http'
import type { MessageLog } from './messages'
import type { LocalSecurity } from './security'
import type { LocalShippingReports } from './shipping-reports'

/**
 * The local controls of the stand-ins for WeChat's platform services (SPEC §5, R20), each listed
 * under `GET /_local/…` for tests and demos.
 */
export interface PlatformStandIns {
  messages: MessageLog
  security: LocalSecurity
  shippingReports: LocalShippingReports
  /** Pushes an image check's verdict to the function WeChat's message push names; null for an unknown trace id. */
  pushMediaVerdict(traceId: string, suggest: Verdict): Promise<{ callback: unknown } | null>
}

type Verdict = z.infer<typeof MediaVerdict>['suggest']

/** One local control: a path and its handlers per method (the gateway's route shape). */
export interface PlatformRoute {
  path: RegExp
  methods: Record<string, (req: IncomingMessage, res: ServerResponse, match: RegExpExecArray) => Promise<void>>
}

const BODY_LIMIT = 1 * MiB
const TemplateId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)
const SecurityControl = z
  .object({ textCheck: z.enum(['up', 'down']).optional(), mediaCheck: z.enum(['up', 'down']).optional() })
  .strict()
  .refine((control) => control.textCheck !== undefined || control.mediaCheck !== undefined)
const MediaVerdict = z.object({ traceId: z.string().min(1).max(128), suggest: z.enum(['pass', 'review', 'risky']) }).strict()
const ShippingControl = z.object({ available: z.boolean() }).strict()
const Subscribe = z.object({ openid: Openid, templateIds: z.array(TemplateId).min(1).max(3) }).strict()

async function bodyOf<T>(req: IncomingMessage, schema: z.ZodType<T>, expected: string): Promise<T> {
  const parsed = schema.safeParse(parseJson(await readBody(req, BODY_LIMIT)))
  if (!parsed.success) throw new HttpError(400, 'INVALID_ARGUMENT', `expected ${expected}`)
  return parsed.data
}

export function platformRoutes(standIns: PlatformStandIns): PlatformRoute[] {
  return [
    {
      // The user tapped 允许 in the subscribe dialog (WeChat takes at most 3 templates per dialog).
      path: /^\/_local\/subscribe$/,
      methods: {
        POST: async (req, res) => {
          const { openid, templateIds } = await bodyOf(req, Subscribe, '{"openid": "…", "templateIds": ["…"]} (1 to 3 template ids)')
          standIns.messages.grant(openid, templateIds)
          sendJson(res, 200, { ok: true, data: { openid, templateIds } })
        },
      },
    },
    {
      // Content security: every check and its verdict; POST takes the text check down (WeChat failing) or up.
      path: /^\/_local\/security$/,
      methods: {
        GET: async (_req, res) => sendJson(res, 200, { ok: true, data: standIns.security.snapshot() }),
        POST: async (req, res) => {
          const control = await bodyOf(req, SecurityControl, '{"textCheck": "up" | "down", "mediaCheck": "up" | "down"} (either or both)')
          if (control.textCheck) standIns.security.setTextCheck(control.textCheck === 'up')
          if (control.mediaCheck) standIns.security.setMediaCheck(control.mediaCheck === 'up')
          sendJson(res, 200, { ok: true, data: control })
        },
      },
    },
    {
      // Shipping-information reports: those accepted and those refused; POST takes the service down or up.
      path: /^\/_local\/shipping-reports$/,
      methods: {
        GET: async (_req, res) => sendJson(res, 200, { ok: true, data: standIns.shippingReports.snapshot() }),
        POST: async (req, res) => {
          const { available } = await bodyOf(req, ShippingControl, '{"available": true | false}')
          standIns.shippingReports.setAvailable(available)
          sendJson(res, 200, { ok: true, data: { available } })
        },
      },
    },
    {
      // Image checks asked for (security.mediaCheckAsync) and the verdicts delivered so far.
      path: /^\/_local\/media-checks$/,
      methods: { GET: async (_req, res) => sendJson(res, 200, { ok: true, data: standIns.security.mediaSnapshot() }) },
    },
    {
      // WeChat's verdict on one image check, delivered by message push to the function configured for it.
      path: /^\/_local\/media-checks\/verdict$/,
      methods: {
        POST: async (req, res) => {
          const { traceId, suggest } = await bodyOf(req, MediaVerdict, '{"traceId": "…", "suggest": "pass" | "review" | "risky"}')
          const pushed = await standIns.pushMediaVerdict(traceId, suggest)
          if (!pushed) throw new HttpError(404, 'NOT_FOUND', `no image check with trace id ${traceId}`)
          sendJson(res, 200, { ok: true, data: { traceId, suggest, callback: pushed.callback } })
        },
      },
    },
    {
      path: /^\/_local\/subscriptions$/,
      methods: { GET: async (_req, res) => sendJson(res, 200, { ok: true, data: standIns.messages.listSubscriptions() }) },
    },
  ]
}

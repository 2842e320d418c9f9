import { z } from '@/domain/zod'

/**
 * The functions' configuration, from their environment variables, parsed once when a function
 * instance starts. A bad value is reported then, naming the variable, and every call of that
 * instance answers INTERNAL instead of running half-configured (README: "Configuration").
 *
 * - WEGONG_OPERATORS (user, supplier): comma-separated OPENIDs of platform operators (R2).
 * - WEGONG_CODE_ENV_VERSION (supplier, product, network): which build mini-program codes open.
 * - WEGONG_PAY_SUB_MCH_ID (order): the WeChat Pay merchant number cloudPay charges to (R17); empty:
 *   paying answers FAILED_PRECONDITION.
 * - WEGONG_SUBSCRIBE_ORDER_PAID, WEGONG_SUBSCRIBE_ORDER_SHIPPED, WEGONG_SUBSCRIBE_ORDER_CANCEL_SOON,
 *   WEGONG_SUBSCRIBE_ORDER_REFUND (order, payCallback, refundCallback, expire): subscribe-message
 *   template ids; empty: that message is not sent.
 * - WEGONG_SUBSCRIBE_AFTERSALE (aftersale, refundCallback, expire): the 售后进度 template id, to the
 *   other side of a case on each act and deadline (R19); empty: not sent.
 * - WEGONG_UPLOAD_KEY (every function taking files): the server's secret that seals upload names to
 *   their uploader (R9); empty: `user.uploadPath` refuses uploads. WEGONG_UPLOAD_KEY_PREVIOUS: the key
 *   it replaces, whose names stay accepted during a rotation (docs/decisions/share-privacy.md).
 */
const Openid = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'OPENID 只能含字母、数字、- 和 _')

/** A subscribe-message template id (from the WeChat console), or empty for "do not send". */
const TemplateId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{0,64}$/, '模板 ID 只能含字母、数字、- 和 _')
  .default('')

/** A sealing key: empty (not set) or at least 32 characters, so it cannot be guessed. */
const UploadKey = z
  .string()
  .refine((key) => key === '' || key.length >= 32, '密钥至少 32 个字符')
  .default('')

export const ConfigSchema = z.object({
  WEGONG_OPERATORS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((openid) => openid.trim())
        .filter(Boolean),
    )
    .pipe(z.array(Openid)),
  WEGONG_CODE_ENV_VERSION: z.enum(['release', 'trial', 'develop']).default('release'),
  WEGONG_PAY_SUB_MCH_ID: z
    .string()
    .regex(/^\d{0,32}$/, '商户号只能是数字')
    .default(''),
  WEGONG_SUBSCRIBE_ORDER_PAID: TemplateId,
  WEGONG_SUBSCRIBE_ORDER_SHIPPED: TemplateId,
  WEGONG_SUBSCRIBE_ORDER_CANCEL_SOON: TemplateId,
  WEGONG_SUBSCRIBE_ORDER_REFUND: TemplateId,
  WEGONG_SUBSCRIBE_AFTERSALE: TemplateId,
  WEGONG_UPLOAD_KEY: UploadKey,
  WEGONG_UPLOAD_KEY_PREVIOUS: UploadKey,
})
export type Config = z.infer<typeof ConfigSchema>

export type ConfigResult = { ok: true; config: Config } | { ok: false; problem: string }

export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = ConfigSchema.safeParse(env)
  if (parsed.success) return { ok: true, config: parsed.data }
  const problem = parsed.error.issues.map((issue) => `${issue.path[0] ?? ''}: ${issue.message}`).join('; ')
  return { ok: false, problem }
}

const loaded = parseConfig(process.env)
if (!loaded.ok) console.error(`[wegong] invalid function configuration — ${loaded.problem}`)

/** The configuration, or the reason it is unusable (the handler answers INTERNAL with it logged). */
export function config(): Config {
  if (!loaded.ok) throw new Error(`invalid function configuration — ${loaded.problem}`)
  return loaded.config
}

export const configProblem: string | null = loaded.ok ? null : loaded.problem

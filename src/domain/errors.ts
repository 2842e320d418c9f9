import { z } from './zod'

/** The error codes of SPEC §4. Pages branch on these; messages are for people. */
export const errorCodes = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVALID_ARGUMENT',
  'FAILED_PRECONDITION',
  'CONFLICT',
  'OUT_OF_STOCK',
  'INTERNAL',
] as const
export const ErrorCode = z.enum(errorCodes)
export type ErrorCode = z.infer<typeof ErrorCode>

export const IssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
})
export type Issue = z.infer<typeof IssueSchema>

export const ErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(IssueSchema).optional(),
})
export type ErrorBody = z.infer<typeof ErrorBody>

/** The one error type of 微供, thrown by use cases and turned into the envelope in one place. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message)
    this.name = 'AppError'
  }

  toBody(): ErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message }
  }
}

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
    message: issue.message,
  }))
}

/**
 * The first message per field, keyed by its dotted path ('specs.1.price'), so a form shows what the
 * phone's check or the server's refusal found next to the field it concerns.
 */
export function messagesByField(
  issues: readonly Issue[],
  keyOf: (path: Issue['path']) => string = (path) => path.join('.'),
): Record<string, string> {
  const messages: Record<string, string> = {}
  for (const issue of issues) {
    const key = keyOf(issue.path)
    if (!(key in messages)) messages[key] = issue.message
  }
  return messages
}

/** Every answer of every function: `{ok:true, data}` or `{ok:false, error}` (SPEC §4). */
export function answerSchema<T extends z.ZodTypeAny>(data: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), data }), z.object({ ok: z.literal(false), error: ErrorBody })])
}
export type Answer<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }

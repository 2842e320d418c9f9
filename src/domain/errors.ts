import { z } from './zod'
import { errorCodes, messagesByField, type ErrorBody as ErrorBodyShape, type Issue } from './app-error'

// The error type itself is zod-free (app-error.ts, loaded by every page); these are its schemas.
export { AppError, errorCodes, messagesByField, type Answer, type Issue } from './app-error'

export const ErrorCode = z.enum(errorCodes)
export type ErrorCode = z.infer<typeof ErrorCode>

export const IssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
}) satisfies z.ZodType<Issue>

export const ErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(IssueSchema).optional(),
}) satisfies z.ZodType<ErrorBodyShape>
export type ErrorBody = ErrorBodyShape

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
    message: issue.message,
  }))
}

/** Every answer of every function: `{ok:true, data}` or `{ok:false, error}` (SPEC §4). */
export function answerSchema<T extends z.ZodTypeAny>(data: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), data }), z.object({ ok: z.literal(false), error: ErrorBody })])
}

/**
 * The value as `schema` takes it, or the first message per field: a form checks on the phone with
 * the schema the server parses, so both say the same thing about the same field.
 */
export function checkWith<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  keyOf?: (path: Issue['path']) => string,
): { ok: true; input: z.output<S> } | { ok: false; errors: Record<string, string> } {
  const parsed = schema.safeParse(value)
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors: messagesByField(issuesOf(parsed.error), keyOf) }
}

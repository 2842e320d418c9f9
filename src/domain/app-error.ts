/**
 * The error type of 微供 and its codes, without zod: every page handles AppError, and the main
 * package (the tab pages, held to 1.3× a NutUI floor) must not load zod only for that. The schemas of these shapes,
 * for the functions and the forms, are in errors.ts.
 */

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
export type ErrorCode = (typeof errorCodes)[number]

export type Issue = { path: (string | number)[]; message: string }

export type ErrorBody = { code: ErrorCode; message: string; issues?: Issue[] }

/** Every answer of every function: `{ok:true, data}` or `{ok:false, error}` (SPEC §4). */
export type Answer<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }

/**
 * The envelope of an answer as it arrives at the app, or null when it is not one. Only the envelope
 * is checked: the function parsed `data` with the action's output schema before sending it.
 */
export function readAnswer(raw: unknown): Answer<unknown> | null {
  if (!isRecord(raw)) return null
  if (raw.ok === true) return 'data' in raw ? { ok: true, data: raw.data } : null
  if (raw.ok !== false || !isRecord(raw.error)) return null
  const { code, message, issues } = raw.error
  if (!isErrorCode(code) || typeof message !== 'string') return null
  if (issues === undefined) return { ok: false, error: { code, message } }
  if (!Array.isArray(issues) || !issues.every(isIssue)) return null
  return { ok: false, error: { code, message, issues } }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isErrorCode(value: unknown): value is ErrorCode {
  return (errorCodes as readonly unknown[]).includes(value)
}

function isIssue(value: unknown): value is Issue {
  return (
    isRecord(value) &&
    typeof value.message === 'string' &&
    Array.isArray(value.path) &&
    value.path.every((p) => typeof p === 'string' || typeof p === 'number')
  )
}

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

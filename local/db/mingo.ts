/**
 * The seam to mingo (MongoDB's aggregation language over in-memory documents), used for aggregation
 * expressions, accumulators and pipeline stages, and for `$expr` in queries.
 *
 * Only operators CloudBase documents are registered: the ones wx-server-sdk's `db.command.aggregate`
 * builds (@cloudbase/database 1.4.3, `command.aggregate.*`), so anything else fails loudly as an
 * unknown operator (INVALID_PARAM) instead of running with semantics CloudBase does not promise.
 * Scripts (`$function`, `$accumulator`, `$where`) are off. Errors mingo raises for a malformed
 * request (`MingoError`) become INVALID_PARAM; any other error stays a loud internal error.
 */
import { Context, OpType, ProcessingMode, evalExpr } from 'mingo/core'
import * as accumulators from 'mingo/operators/accumulator'
import * as expressions from 'mingo/operators/expression'
import type { Options } from 'mingo/types'
import { MingoError } from 'mingo/util'
import { invalidParam } from './errors'
import { Doc, Value, isDoc } from './values'

/**
 * `db.command.aggregate.*` of the SDK, by group. `$indexOfCP` and `$meta` are documented but mingo
 * lacks them, so they are refused as unknown; geo and text search have no local equivalent either.
 */
const EXPRESSION_OPERATORS = [
  'abs add ceil divide exp floor ln log log10 mod multiply pow sqrt subtract trunc',
  'arrayElemAt arrayToObject concatArrays filter in indexOfArray isArray map range reduce reverseArray size slice zip',
  'and not or cmp eq gt gte lt lte ne cond ifNull switch',
  'dateFromParts dateFromString dateToString dayOfMonth dayOfWeek dayOfYear isoDayOfWeek isoWeek isoWeekYear',
  'millisecond second minute hour week month year',
  'literal mergeObjects objectToArray let',
  'allElementsTrue anyElementTrue setDifference setEquals setIntersection setIsSubset setUnion',
  'concat indexOfBytes split strLenBytes strLenCP strcasecmp substr substrBytes substrCP toLower toUpper',
  // Also accumulators; as expressions they take the first/last element of an array.
  'first last',
]
/** `$group` accumulators of the SDK; in expressions `$sum: [..]`, `$max: "$arr"`, … use these too. */
const ACCUMULATOR_OPERATORS = ['addToSet avg first last max mergeObjects min push stdDevPop stdDevSamp sum']

function pick<T>(all: Record<string, T>, groups: string[]): Record<`$${string}`, T> {
  const out: Record<`$${string}`, T> = {}
  for (const name of groups.flatMap((g) => g.split(' ').map((n) => `$${n}` as const))) {
    // A mingo upgrade that drops an operator must not silently shrink the supported set.
    if (all[name] === undefined) throw new Error(`mingo has no operator ${name}`)
    out[name] = all[name]
  }
  return out
}

/** Expressions and accumulators; aggregate.ts adds the pipeline stages on top of it. */
export const expressionContext = Context.init({
  expression: pick(expressions as unknown as Record<string, never>, EXPRESSION_OPERATORS),
  accumulator: pick(accumulators as unknown as Record<string, never>, ACCUMULATOR_OPERATORS),
})

export function mingoOptions(context: Context, extra: Partial<Options> = {}): Options {
  return {
    context,
    idKey: '_id',
    scriptEnabled: false,
    useStrictMode: true,
    failOnError: true,
    processingMode: ProcessingMode.CLONE_OFF,
    ...extra,
  }
}

/**
 * Refuses `$$NOW`: mingo would read the host's clock, not the local cloud's (which tests move), and
 * CloudBase does not document it.
 */
export function checkNoNow(v: Value): void {
  if (typeof v === 'string' && v.startsWith('$$NOW')) throw invalidParam('the variable $$NOW is not supported')
  if (Array.isArray(v)) for (const x of v) checkNoNow(x)
  else if (isDoc(v)) for (const k of Object.keys(v)) checkNoNow(v[k])
}

/** Runs mingo, turning its refusals of a malformed request into INVALID_PARAM. */
export function viaMingo<T>(run: () => T): T {
  try {
    return run()
  } catch (e) {
    if (e instanceof MingoError) throw invalidParam(e.message)
    throw e
  }
}

/**
 * Refuses an unknown operator anywhere in an expression up front, so a request fails the same way
 * whether or not some document reaches the operator (mingo only looks operators up when evaluating).
 */
export function checkExpression(expr: Value, context: Context = expressionContext): void {
  if (Array.isArray(expr)) {
    for (const x of expr) checkExpression(x, context)
    return
  }
  if (!isDoc(expr)) return
  const keys = Object.keys(expr)
  if (keys.length > 0 && keys[0].startsWith('$')) {
    const op = keys[0]
    if (keys.length !== 1) throw invalidParam(`an expression object must hold one operator, got ${keys.join(', ')}`)
    if (context.getOperator(OpType.EXPRESSION, op) === null && context.getOperator(OpType.ACCUMULATOR, op) === null) {
      throw invalidParam(`aggregation operator ${op} is not supported`)
    }
    if (op !== '$literal') checkExpression(expr[op], context)
    return
  }
  for (const k of keys) checkExpression(expr[k], context)
}

/** MongoDB truthiness of an expression's result: false, null, missing and 0 are false. */
function truthy(v: unknown): boolean {
  return !(v === false || v === null || v === undefined || v === 0)
}

/** `{$expr: …}` in a query (`db.command.expr`): the document matches when the expression is truthy. */
export function exprPredicate(expr: Value, options?: Options): (doc: Doc) => boolean {
  checkExpression(expr, options?.context ?? expressionContext)
  checkNoNow(expr)
  const opts = options ?? mingoOptions(expressionContext)
  return (doc) => truthy(viaMingo(() => evalExpr(doc, expr, opts)))
}

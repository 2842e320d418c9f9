import { describe, expect, it } from 'vitest'
import { api } from '@/domain/api'
import { ImportRowSchema } from '@/domain/catalog'
import { EVENT_MAX_DEPTH, nestedDeeperThan } from '@/domain/event'
import { z } from '@/domain/zod'

/**
 * Every input object of every action is strict (an unknown key is refused at every level,
 * not silently dropped below the top), and every number an input takes is an integer with finite
 * bounds inside the safe-integer range (R18: money and counts are exact integers). Walked over the
 * contract, so an action, a nested object or a number added later is checked without a new test.
 */

interface Finding {
  path: string
  problem: string
}

/** Schemas with no inner schema that are fine in an input. */
const LEAVES = [z.ZodString, z.ZodBoolean, z.ZodEnum, z.ZodNativeEnum, z.ZodLiteral, z.ZodNull, z.ZodUndefined, z.ZodNever]

/**
 * `piped`: inside the input side of a pipeline, whose output side checks the value again (the
 * import's cells take a number or text and pipe the result into a bounded integer).
 */
function walk(schema: z.ZodTypeAny, path: string, findings: Finding[], seen: Set<z.ZodTypeAny>, piped = false): void {
  if (seen.has(schema)) return
  seen.add(schema)
  const def = schema._def as Record<string, unknown>
  if (schema instanceof z.ZodObject) {
    if (def.unknownKeys !== 'strict') findings.push({ path, problem: `object is not strict (${String(def.unknownKeys)})` })
    for (const [key, child] of Object.entries(schema.shape as Record<string, z.ZodTypeAny>))
      walk(child, `${path}.${key}`, findings, seen, piped)
    if (!(def.catchall instanceof z.ZodNever)) walk(def.catchall as z.ZodTypeAny, `${path}.*`, findings, seen, piped)
    return
  }
  if (schema instanceof z.ZodNumber) {
    if (piped) return
    const checks = def.checks as Array<{ kind: string; value?: number }>
    const maxes = checks.filter((c) => c.kind === 'max').map((c) => c.value as number)
    const mins = checks.filter((c) => c.kind === 'min').map((c) => c.value as number)
    if (!checks.some((c) => c.kind === 'int')) findings.push({ path, problem: 'number is not an integer' })
    if (maxes.length === 0 || Math.min(...maxes) > Number.MAX_SAFE_INTEGER)
      findings.push({ path, problem: 'number has no safe upper bound' })
    if (mins.length === 0 || Math.max(...mins) < Number.MIN_SAFE_INTEGER) findings.push({ path, problem: 'number has no safe lower bound' })
    return
  }
  if (LEAVES.some((leaf) => schema instanceof leaf)) return
  const children: unknown[] = []
  if (schema instanceof z.ZodRecord) children.push(def.keyType, def.valueType)
  else if (schema instanceof z.ZodArray || schema instanceof z.ZodBranded) children.push(def.type)
  else if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodCatch ||
    schema instanceof z.ZodReadonly
  )
    children.push(def.innerType)
  else if (schema instanceof z.ZodEffects) children.push(def.schema)
  else if (schema instanceof z.ZodPipeline) {
    walk(def.in as z.ZodTypeAny, path, findings, seen, true)
    children.push(def.out)
  } else if (schema instanceof z.ZodUnion || schema instanceof z.ZodDiscriminatedUnion) children.push(...(def.options as unknown[]))
  else if (schema instanceof z.ZodIntersection) children.push(def.left, def.right)
  else if (schema instanceof z.ZodTuple) children.push(...(def.items as unknown[]), def.rest)
  else if (schema instanceof z.ZodLazy) children.push((def.getter as () => unknown)())
  else findings.push({ path, problem: `${def.typeName as string} is not allowed in an input (unbounded or unchecked)` })
  for (const child of children) if (child instanceof z.ZodType) walk(child, path, findings, seen, piped)
}

const endpoints = Object.entries(api).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, { input: z.ZodTypeAny }>).map(([action, endpoint]) => ({
    name: `${fn}.${action}`,
    input: endpoint.input,
  })),
)

const findingsOf = (schema: z.ZodTypeAny, name: string) => {
  const findings: Finding[] = []
  walk(schema, name, findings, new Set())
  return findings
}

describe('the input contract, walked', () => {
  it('finds every action', () => {
    expect(endpoints.length).toBeGreaterThan(60)
  })

  it('every object of every action input, at every depth, refuses unknown keys', () => {
    const loose = endpoints.flatMap(({ name, input }) => findingsOf(input, name)).filter((f) => f.problem.startsWith('object'))
    expect(loose).toEqual([])
  })

  it('every number of every action input is an integer with bounds inside the safe-integer range', () => {
    const unbounded = endpoints.flatMap(({ name, input }) => findingsOf(input, name)).filter((f) => !f.problem.startsWith('object'))
    expect(unbounded).toEqual([])
  })

  it('the catalogue import row (CSV or JSON) has bounded integer money and stock', () => {
    const numbers = findingsOf(ImportRowSchema, 'import').filter((f) => !f.problem.startsWith('object'))
    expect(numbers).toEqual([])
  })

  it('the walk itself catches what it is for', () => {
    const probe = z
      .object({
        nested: z.object({
          n: z.number(),
          m: z
            .number()
            .int()
            .max(2 ** 60),
        }),
        any: z.unknown(),
        piped: z.number().pipe(z.number()),
      })
      .strict()
    expect(findingsOf(probe, 'probe').map((f) => `${f.path}: ${f.problem}`)).toEqual([
      'probe.nested: object is not strict (strip)',
      'probe.nested.n: number is not an integer',
      'probe.nested.n: number has no safe upper bound',
      'probe.nested.n: number has no safe lower bound',
      'probe.nested.m: number has no safe upper bound',
      'probe.nested.m: number has no safe lower bound',
      'probe.any: ZodUnknown is not allowed in an input (unbounded or unchecked)',
      'probe.piped: number is not an integer',
      'probe.piped: number has no safe upper bound',
      'probe.piped: number has no safe lower bound',
    ])
  })
})

describe('the event depth bound', () => {
  it('measures a million levels without overflowing the stack', () => {
    let deep: unknown = 1
    for (let i = 0; i < 1_000_000; i++) deep = [deep]
    expect(nestedDeeperThan({ deep }, EVENT_MAX_DEPTH)).toBe(true)
  })

  it('counts an object as one level', () => {
    expect(nestedDeeperThan({ a: { b: 1 } }, 2)).toBe(false)
    expect(nestedDeeperThan({ a: { b: [1] } }, 2)).toBe(true)
    expect(nestedDeeperThan('text', 0)).toBe(false)
  })
})

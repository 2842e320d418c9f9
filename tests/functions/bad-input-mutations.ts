import * as fc from 'fast-check'
import { expect } from 'vitest'
import { hasUnreadableText } from '@/domain/event'
import type { z } from '@/domain/zod'
import { eventually } from '../eventually'
import { type ActionCall, dumpStore } from './bad-input-world'
import type { TestCloud } from './test-cloud'

/**
 * Bad input: a valid call of an action, changed by one hostile mutation — a key added
 * (unknown, `__proto__`, `constructor`, `prototype`, `$where`, `_id`), a key removed, or a value
 * replaced, at any depth, by a wrong type, an operator object, a prototype-pollution object, a 1 MB
 * string, a 10,000-element array, deep nesting, a unicode edge case or a hostile number. Bodies are
 * written as JSON text by hand, so `__proto__` is a real own key and -0 arrives as -0.
 */

type Path = Array<string | number>
export type Mutation =
  | { kind: 'add'; path: Path; key: string; value: unknown }
  | { kind: 'remove'; path: Path }
  | { kind: 'replace'; path: Path; value: unknown }

/** An object whose own key is `key` (an object literal or spread would set the prototype for `__proto__`). */
const ownKey = (key: string, value: unknown): Record<string, unknown> => JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`)

const nest = (depth: number): unknown => {
  let value: unknown = 'x'
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value }
  return value
}

const MB_ASCII = 'a'.repeat(1_000_000)
/** 3 bytes a character: 1.2 MB, past the gateway's 1 MiB event limit. */
const MB_CJK = '微'.repeat(400_000)
const FAMILY = '👨‍👩‍👧‍👦' // 7 code points, one picture

const operators = fc.constantFrom<unknown>(
  { $gt: '' },
  { $ne: null },
  { $where: 'this.price > 0' },
  { $regex: '.*' },
  { $in: [] },
  { $exists: true },
  { _id: { $ne: null } },
)

/** Unicode edge cases, and a picture of several code points straddling the 500th code point of a text limit (R4). */
const hostileText: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('\ud800', 'a\udc00b', '\u200b', '\u200f\u202e商品\u202c', '\ufeff', FAMILY, '🇨🇳', 'e\u0301', '\u0000', '\u200b\u200b'),
  fc.integer({ min: 490, max: 500 }).map((n) => '字'.repeat(n) + FAMILY),
  fc.constantFrom(MB_ASCII, MB_CJK),
  operators,
)

/** Money and counts: negative, fractional, huge, past the safe integers, and numbers as text. */
const hostileNumber = fc.constantFrom<unknown>(
  -1,
  0.5,
  -0,
  1e300,
  2 ** 60,
  -(2 ** 60),
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  100_000_001,
  'NaN',
  'Infinity',
  '-0',
  '1e300',
  '100',
  null,
  true,
)

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  operators,
  fc.constantFrom(
    ownKey('__proto__', { polluted: true }),
    ownKey('constructor', { prototype: { polluted: true } }),
    ownKey('prototype', { polluted: true }),
  ),
  hostileText,
  hostileNumber,
  fc.constantFrom<unknown>(null, true, false, 0, '', [], {}, 'x', MB_ASCII.slice(0, 600)),
  fc.constantFrom<unknown>(
    new Array(10_000).fill('x'),
    new Array(10_000).fill(0),
    Array.from({ length: 10_000 }, () => ({})),
  ),
  fc.integer({ min: 20, max: 130 }).map(nest),
  fc.jsonValue({ maxDepth: 3 }),
)

const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '$where', '_id', '$gt', 'supplierId', 'openid', 'ownerOpenid', 'price'),
  fc.string({ minLength: 1, maxLength: 12 }),
)

function pathsOf(value: unknown, at: Path = []): Path[] {
  const here = [at]
  if (Array.isArray(value)) return here.concat(value.flatMap((child, index) => pathsOf(child, [...at, index])))
  if (value !== null && typeof value === 'object')
    return here.concat(Object.entries(value).flatMap(([key, child]) => pathsOf(child, [...at, key])))
  return here
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)
const at = (value: unknown, path: Path): unknown => path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], value)

/** Mutations of `event` (the valid call with its `action`): adds at any object, removals and replacements anywhere. */
export function mutationOf(event: Record<string, unknown>): fc.Arbitrary<Mutation> {
  const paths = pathsOf(event)
  const objects = paths.filter((path) => isObject(at(event, path)))
  const inner = paths.filter((path) => path.length > 0)
  const numbers = inner.filter((path) => typeof at(event, path) === 'number')
  const texts = inner.filter((path) => typeof at(event, path) === 'string' && path[0] !== 'action')
  const existing = (path: Path) => new Set(Object.keys(at(event, path) as object))
  const replace = (where: Path[], value: fc.Arbitrary<unknown>) =>
    fc.tuple(fc.constantFrom(...where), value).map(([path, v]): Mutation => ({ kind: 'replace', path, value: v }))
  return fc.oneof(
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...objects), hostileKey, hostileValue)
        .filter(([path, key]) => !existing(path).has(key))
        .map(([path, key, value]): Mutation => ({ kind: 'add', path, key, value })),
    },
    { weight: 1, arbitrary: fc.constantFrom(...inner).map((path): Mutation => ({ kind: 'remove', path })) },
    { weight: 3, arbitrary: replace(inner, hostileValue) },
    // Aimed at the money and stock fields and at the texts, where the bounds are.
    ...(numbers.length > 0 ? [{ weight: 2, arbitrary: replace(numbers, hostileNumber) }] : []),
    ...(texts.length > 0 ? [{ weight: 2, arbitrary: replace(texts, hostileText) }] : []),
  )
}

/** A deep copy of the (plain JSON) event with the mutation applied. */
export function applyMutation(event: Record<string, unknown>, mutation: Mutation): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(event)) as Record<string, unknown>
  const define = (target: object, key: string | number, value: unknown) =>
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  if (mutation.kind === 'add') define(at(copy, mutation.path) as object, mutation.key, mutation.value)
  else {
    const parent = at(copy, mutation.path.slice(0, -1)) as Record<string | number, unknown>
    const key = mutation.path[mutation.path.length - 1]!
    if (mutation.kind === 'replace') define(parent, key, mutation.value)
    else if (Array.isArray(parent)) parent.splice(key as number, 1)
    else delete parent[key]
  }
  return copy
}

/** JSON text of a value with own `__proto__` keys kept and -0 written as -0. */
export function toJsonText(value: unknown): string {
  if (typeof value === 'number' && Object.is(value, -0)) return '-0'
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`
  if (isObject(value))
    return `{${Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${toJsonText(value[key])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

export interface Tally {
  requests: number
  refused: number
  /** Mutations the contract accepts after all (e.g. a text that fits): allowed to change the store. */
  validAfterAll: number
  /** Refused calls after which the store differed: must stay 0. */
  storeChanges: number
}
export const newTally = (): Tally => ({ requests: 0, refused: 0, validAfterAll: 0, storeChanges: 0 })

const CJK = /[\u4e00-\u9fff]/

/**
 * Sends one mutated call and checks the answer: never HTTP 500 or INTERNAL; a refusal is a
 * structured error with a Chinese message and leaves the store byte for byte as it was; a mutation
 * the contract refuses is answered INVALID_ARGUMENT (NOT_FOUND for an action name that is not one).
 */
export async function tryMutation(t: TestCloud, call: ActionCall, schema: z.ZodTypeAny, mutation: Mutation, tally: Tally): Promise<void> {
  const event = applyMutation({ action: call.action, ...call.input }, mutation)
  const before = dumpStore(t)
  const response = await fetch(`${t.cloud.url}/fn/${call.fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(call.caller ? { 'x-wegong-openid': call.caller } : {}) },
    body: toJsonText(event),
  })
  tally.requests += 1
  const text = await response.text()
  const what = `${call.fn}.${call.action} ${describeMutation(mutation)} → ${response.status} ${text.slice(0, 300)}`
  expect(response.status, what).not.toBe(500)
  const body = JSON.parse(text) as { ok: boolean; error?: { code: string; message: string } }
  const { action, userInfo: _dropped, ...payload } = event
  const sameAction = action === call.action
  // What the handler checks before the action's schema (src/domain/event.ts), then the schema.
  const contractAccepts = sameAction && !hasUnreadableText(event) && schema.safeParse(payload).success
  if (body.ok) {
    expect(contractAccepts, `accepted although the contract refuses it: ${what}`).toBe(true)
    tally.validAfterAll += 1
    if (process.env.WEGONG_LOG_VALID) console.log('VALID', what.slice(0, 200))
    await refundNoticesSettled(t)
    return
  }
  tally.refused += 1
  expect(body.error?.code, what).not.toBe('INTERNAL')
  expect(body.error?.message, what).toMatch(CJK)
  if (!contractAccepts) expect(sameAction ? ['INVALID_ARGUMENT'] : ['INVALID_ARGUMENT', 'NOT_FOUND'], what).toContain(body.error?.code)
  const changed = dumpStore(t) !== before
  if (changed) tally.storeChanges += 1
  expect(changed, `the store changed after a refused call: ${what}`).toBe(false)
}

/**
 * An accepted refund is confirmed by WeChat Pay's notice a moment later, a write of its own: wait for
 * it, so that it never lands inside the next call's before/after comparison.
 */
async function refundNoticesSettled(t: TestCloud): Promise<void> {
  await eventually('a refund accepted by a call never reached refundCallback', async () => {
    const answer = (await (await fetch(`${t.cloud.url}/_local/refunds`)).json()) as {
      data: { items: Array<{ state: string; notified: boolean }> }
    }
    return answer.data.items.every((refund) => refund.state !== 'PROCESSING' && (refund.state !== 'SUCCESS' || refund.notified))
  })
}

function describeMutation(mutation: Mutation): string {
  const path = mutation.path.join('.') || '(event)'
  const value = 'value' in mutation ? toJsonText(mutation.value).slice(0, 60) : ''
  return mutation.kind === 'add' ? `add ${path}[${JSON.stringify(mutation.key)}]=${value}` : `${mutation.kind} ${path} ${value}`
}

/** Runs `numRuns` mutations of the action's valid call; the gateway answers /healthz afterwards. */
export async function assertRefusesBadInput(t: TestCloud, call: ActionCall, schema: z.ZodTypeAny, numRuns: number, tally: Tally) {
  // fc.check, not fc.assert: a counterexample may hold a 1 MB string; the failure names it in 300 characters.
  const result = await fc.check(
    fc.asyncProperty(mutationOf({ action: call.action, ...call.input }), (mutation) => tryMutation(t, call, schema, mutation, tally)),
    { numRuns, endOnFailure: true },
  )
  if (result.failed) throw new Error(`seed ${result.seed}: ${String((result.errorInstance as Error | undefined)?.message).slice(0, 1500)}`)
  expect((await fetch(`${t.cloud.url}/healthz`)).status).toBe(200)
}

/** What reaches the gateway when the client is broken or hostile: any text, any JSON, any bytes. */
const garbageBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  fc.uint8Array({ maxLength: 200 }),
  fc.constantFrom(
    '{"action":',
    '{"action":"login"',
    '[]',
    'null',
    '{"action":"login","__proto__":{"action":"x"}}',
    `{"action":"login","x":${'['.repeat(200)}`,
    '{"action":{"$ne":null}}',
    '\ufeff{"action":"login"}',
  ),
)
const garbageType = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
)
const garbageOpenid = fc.constantFrom(undefined, '', 'w-agent', 'a'.repeat(65), 'ÿ', 'o-1, o-2', 'x y', '../w-owner')

/**
 * The gateway under a broken client: whatever the body, content type and identity header, the
 * answer is a structured envelope (never HTTP 500 or INTERNAL), a refusal is in Chinese and changes
 * nothing, and the gateway keeps answering /healthz.
 */
export async function assertGatewayRefusesGarbage(t: TestCloud, functions: string[], numRuns: number, tally: Tally) {
  const result = await fc.check(
    fc.asyncProperty(fc.constantFrom(...functions), garbageBody, garbageType, garbageOpenid, async (fn, body, type, openid) => {
      const before = dumpStore(t)
      const headers: Record<string, string> = {}
      if (type !== undefined) headers['content-type'] = type
      if (openid !== undefined) headers['x-wegong-openid'] = openid
      const response = await fetch(`${t.cloud.url}/fn/${fn}`, {
        method: 'POST',
        headers,
        body: typeof body === 'string' ? body : new Uint8Array(body),
      })
      tally.requests += 1
      const text = await response.text()
      const what = `${fn} ${JSON.stringify(type)} ${JSON.stringify(openid)} ${JSON.stringify(typeof body === 'string' ? body : [...body]).slice(0, 200)} → ${response.status} ${text.slice(0, 200)}`
      expect(response.status, what).not.toBe(500)
      const answer = JSON.parse(text) as { ok: boolean; error?: { code: string; message: string } }
      if (answer.ok) return void (tally.validAfterAll += 1)
      tally.refused += 1
      expect(answer.error?.code, what).not.toBe('INTERNAL')
      expect(answer.error?.message, what).toMatch(CJK)
      const changed = dumpStore(t) !== before
      if (changed) tally.storeChanges += 1
      expect(changed, `the store changed after a refused call: ${what}`).toBe(false)
    }),
    { numRuns, endOnFailure: true },
  )
  if (result.failed) throw new Error(`seed ${result.seed}: ${String((result.errorInstance as Error | undefined)?.message).slice(0, 1500)}`)
  expect((await fetch(`${t.cloud.url}/healthz`)).status).toBe(200)
}

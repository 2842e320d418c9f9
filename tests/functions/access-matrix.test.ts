import { readdirSync, existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api } from '@/domain/api'
import { ROWS, type Outcome, type Row } from './access-matrix'
import { arrangeWorld, dump, KINDS, OPENIDS, restore, secretsOf, snapshot, type Kind, type World } from './access-world'
import { startTestCloud, type TestCloud } from './harness'
import { ACCESS_REPORT, report } from '../stress/report'

/**
 * The access matrix: every row of access-matrix.ts run as every caller kind on one shared
 * world. Each answer is the one the table expects; a refused call (and a read) leaves the store
 * byte for byte as it was; an allowed write is put back before the next call; and every answer is
 * scanned, recursively, for the world's planted sentinels the caller may not see, for cloud file
 * IDs (anyone but the owner) and for keys that never leave the server. privacy.test.ts was folded
 * in here.
 */

const contractActions = Object.entries(api).flatMap(([fn, actions]) => Object.keys(actions).map((action) => `${fn}.${action}`))
/** Cloud functions that are not in the contract (timer, payment callback): found by their folders. */
const otherFunctions = readdirSync(path.resolve(__dirname, '../../cloudfunctions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.resolve(__dirname, '../../cloudfunctions', entry.name, 'index.ts')))
  .map((entry) => entry.name)
  .filter((name) => !(name in api))

/** Stored-only keys that never reach anyone; then keys only a supplier gets (of its own records); `contact` also operators. */
const SERVER_KEYS = ['ownerOpenid', 'homeScene', 'homeCodeFileId', 'codeFileId', '_openid', 'idempotencyKey', 'useToken', 'transactionId']
const SUPPLIER_KEYS = ['tierPrices', 'remark', 'shippingTemplateId']

interface Finding {
  path: string
  problem: string
}

interface ScanRules {
  strings: Array<{ value: string; group: string }>
  numbers: Map<number, string>
  keys: string[]
  fileIds: boolean
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Walks an answer (keys and values) and reports every sentinel, file ID or key it must not carry. */
function scan(value: unknown, rules: ScanRules, at = '$', findings: Finding[] = []): Finding[] {
  const text = (s: string, where: string) => {
    const plain = decoded(s)
    if (rules.fileIds && plain.includes('cloud://')) findings.push({ path: where, problem: `file ID ${s}` })
    for (const { value: secret, group } of rules.strings)
      if (plain.includes(secret)) findings.push({ path: where, problem: `${group}: ${secret}` })
  }
  if (Array.isArray(value)) value.forEach((v, i) => scan(v, rules, `${at}[${i}]`, findings))
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (rules.keys.includes(key)) findings.push({ path: `${at}.${key}`, problem: `key ${key}` })
      text(key, `${at}{${key}}`)
      scan(v, rules, `${at}.${key}`, findings)
    }
  } else if (typeof value === 'string') text(value, at)
  else if (typeof value === 'number' && rules.numbers.has(value))
    findings.push({ path: at, problem: `${rules.numbers.get(value)}: ${value}` })
  return findings
}

function numbersIn(value: unknown, into = new Set<number>()): Set<number> {
  if (typeof value === 'number') into.add(value)
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) numbersIn(v, into)
  return into
}

let t: TestCloud
let w: World
let secrets: ReturnType<typeof secretsOf>
let world: ReturnType<typeof snapshot>
let worldDump: string
const figures = { calls: 0, scanned: 0, findings: 0 }

beforeAll(async () => {
  t = await startTestCloud()
  w = await arrangeWorld(t)
  secrets = secretsOf(w, t)
  world = snapshot(t)
  worldDump = dump(t)
}, 120_000)
afterAll(async () => {
  console.log(
    `access matrix: ${ROWS.length} rows, ${KINDS.length} caller kinds, ${figures.calls} calls, ${figures.scanned} answers scanned, ${figures.findings} leak findings`,
  )
  // Printed again at the end of `npm run test:stress` (scripts/stress.ts), with the other figures.
  rmSync(ACCESS_REPORT, { force: true })
  report('access_matrix_rows', ROWS.length, 'rows', ACCESS_REPORT)
  report('access_matrix_calls', figures.calls, 'calls', ACCESS_REPORT)
  report('access_answers_scanned', figures.scanned, 'answers', ACCESS_REPORT)
  report('access_leaks_found', figures.findings, 'leaks', ACCESS_REPORT)
  await t.close()
})

/** What `kind` may not be shown in this row's answer (the input's own values are the caller's already). */
function rulesFor(row: Row, kind: Kind, input: Record<string, unknown>): ScanRules {
  const as = row.scanAs ?? kind
  const supplier = as === 'owner' || as === 'rival'
  const sent = JSON.stringify(input)
  const sentNumbers = numbersIn(input)
  const hidden = secrets.filter((group) => !(group.see as readonly Kind[]).includes(as) && !row.grants?.includes(group.name))
  return {
    strings: hidden.flatMap((group) =>
      group.strings.filter((s) => s !== '' && !sent.includes(s)).map((value) => ({ value, group: group.name })),
    ),
    numbers: new Map(hidden.flatMap((group) => group.numbers.filter((n) => !sentNumbers.has(n)).map((n) => [n, group.name] as const))),
    keys: [...SERVER_KEYS, ...(supplier ? [] : SUPPLIER_KEYS), ...(supplier || as === 'operator' ? [] : ['contact'])].filter(
      (key) => !(row.ownKeys?.includes(key) && (row.ownKeysFor ?? [as]).includes(as)),
    ),
    // The owner's own product answers carry its file IDs (the edit form keeps them); another's files are sentinels.
    fileIds: !row.ownFileIds && as !== 'owner',
  }
}

function errorOf(answer: unknown): unknown {
  const { code, message } = (answer as { error?: { code?: string; message?: string } }).error ?? {}
  return { code, message }
}

/** Whether the answer holds at least one sentinel of the group. */
function shows(answer: unknown, name: string): boolean {
  const group = secrets.find((g) => g.name === name)
  const text = decoded(JSON.stringify(answer))
  const numbers = numbersIn(answer)
  return !!group && (group.strings.some((s) => text.includes(s)) || group.numbers.some((n) => numbers.has(n)))
}

/** Every id a caller could name: documents, specs, tiers, share tokens, scenes, OPENIDs. */
function recordIds(): Set<string> {
  const ids = new Set<string>(Object.values(OPENIDS).filter((id): id is string => !!id))
  for (const docs of world.values())
    for (const doc of docs as Array<Record<string, unknown> & { specs?: Array<{ id: string }>; tiers?: Array<{ id: string }> }>) {
      for (const key of ['_id', 'token', 'homeScene'] as const) if (typeof doc[key] === 'string') ids.add(doc[key] as string)
      for (const part of [...(doc.specs ?? []), ...(doc.tiers ?? [])]) ids.add(part.id)
    }
  return ids
}

/** The same input naming records that do not exist (same length, so the schemas still take it). */
function missingInput(input: unknown, ids: Set<string>): unknown {
  if (typeof input === 'string') return ids.has(input) ? 'Z'.repeat(input.length) : input
  if (Array.isArray(input)) return input.map((v) => missingInput(v, ids))
  if (input !== null && typeof input === 'object')
    return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, missingInput(v, ids)]))
  return input
}

async function run(row: Row, input: Record<string, unknown>, openid: string | undefined): Promise<{ answer: unknown; outcome: string }> {
  const [fn, action] = row.action.split('.') as [string, string | undefined]
  const answer = (await t.raw(fn, action ? { action, ...input } : input, openid)) as Record<string, unknown>
  figures.calls += 1
  if ('errcode' in answer) return { answer, outcome: answer.errcode === 0 ? 'ok' : 'REFUSED' }
  return { answer, outcome: answer.ok === true ? 'ok' : String((answer.error as { code?: string } | undefined)?.code) }
}

describe('the access matrix', () => {
  it('when the contract and the function folders are walked, then every action and function has a row', () => {
    const covered = new Set(ROWS.map((row) => row.action))
    expect([...contractActions, ...otherFunctions].filter((action) => !covered.has(action))).toEqual([])
    expect([...covered].filter((action) => !contractActions.includes(action) && !otherFunctions.includes(action))).toEqual([])
  })

  it.each(ROWS.map((row) => [`${row.action}${row.variant ? ` (${row.variant})` : ''}`, row] as const))(
    'when %s is called by every kind of caller, then each gets its answer, a refusal changes nothing and nothing leaks',
    async (_name, row) => {
      const problems: string[] = []
      const ids = recordIds()
      for (const kind of KINDS) {
        const input = row.input(w)
        const before = dump(t)
        const { answer, outcome } = await run(row, input, OPENIDS[kind])
        const after = dump(t)
        const wanted: Outcome = row.expect[kind]
        if (outcome !== (wanted === 'unchanged' ? 'ok' : wanted))
          problems.push(`${kind}: ${outcome} (${JSON.stringify(answer).slice(0, 200)}), expected ${wanted}`)
        const mayWrite = outcome === 'ok' && row.mutates && wanted !== 'unchanged'
        if (!mayWrite && after !== before) problems.push(`${kind}: the store changed (${outcome})`)
        figures.scanned += 1
        const rules = rulesFor(row, kind, input)
        const findings = scan(answer, rules)
        const url = (answer as { data?: { url?: unknown } }).data?.url
        if (row.ownFileIds && outcome === 'ok' && typeof url === 'string')
          scan(await (await fetch(url)).text(), rules, '$.data.url→', findings)
        figures.findings += findings.length
        for (const finding of findings) problems.push(`${kind}: leak at ${finding.path}: ${finding.problem}`)
        for (const name of row.shows?.[kind] ?? []) if (!shows(answer, name)) problems.push(`${kind}: the answer shows nothing of ${name}`)
        // R9: somebody else's record is indistinguishable from none at all.
        const missing = missingInput(input, ids) as Record<string, unknown>
        if (outcome === 'NOT_FOUND' && JSON.stringify(missing) !== JSON.stringify(input)) {
          const none = await run(row, missing, OPENIDS[kind])
          if (JSON.stringify(errorOf(none.answer)) !== JSON.stringify(errorOf(answer)))
            problems.push(
              `${kind}: ${JSON.stringify(errorOf(answer))} tells it from a missing record's ${JSON.stringify(errorOf(none.answer))}`,
            )
          if (dump(t) !== after) problems.push(`${kind}: the store changed (a missing record)`)
        }
        if (after !== before) {
          await restore(t, world)
          if (dump(t) !== worldDump) problems.push(`${kind}: the world could not be put back after the call`)
        }
      }
      expect(problems).toEqual([])
    },
  )

  it('when an answer carries a sentinel, a file ID or a server key, then the scan reports it (the scan itself can fail)', () => {
    const rules: ScanRules = {
      strings: [{ value: 'SNL-REMARK-X', group: 'remarks' }],
      numbers: new Map([[9_871, 'goldPrices']]),
      keys: ['tierPrices'],
      fileIds: true,
    }
    const leaky = { a: [{ tierPrices: {} }, 'cloud://env/x.png', { price: 9_871 }, 'http://h/files/a%20SNL-REMARK-X'], ['SNL-REMARK-X']: 1 }
    expect(scan(leaky, rules).map((f) => f.problem)).toEqual([
      'key tierPrices',
      'file ID cloud://env/x.png',
      'goldPrices: 9871',
      'remarks: SNL-REMARK-X',
      'remarks: SNL-REMARK-X',
    ])
  })
})

/**
 * What a call costs on the local test cloud, in WeChat's billing units (invocations, DB reads, DB
 * writes, storage calls) as the local cloud counts them: shared by the bench's parts that call the
 * functions (bench-scale, bench-refunds, bench-aftersales).
 */
import { startTestCloud, type TestCloud } from '../tests/functions/test-cloud'
import type { Figure } from './bench-figures'

/** A bench part's local cloud: what its functions print goes to stderr, so stdout carries only figures. */
export const startBenchCloud = () => startTestCloud({ functionLogs: process.stderr })

export interface FunctionCost {
  calls: number
  dbReads: number
  dbWrites: number
}

export interface Cost {
  ms: number
  invocations: number
  reads: number
  writes: number
  storage: number
  data: Record<string, unknown>
}

interface StatsBody {
  functions?: Record<string, FunctionCost>
  totals?: { calls: number }
}

async function localStats(t: TestCloud): Promise<StatsBody> {
  return (await (await fetch(`${t.cloud.url}/_local/stats`)).json()) as StatsBody
}

/** The running totals per function (GET /_local/stats). */
export async function functionTotals(t: TestCloud): Promise<Record<string, FunctionCost>> {
  return (await localStats(t)).functions ?? {}
}

/** What `fn` cost between two snapshots of the per-function totals. */
export function costOf(before: Record<string, FunctionCost>, after: Record<string, FunctionCost>, fn: string): FunctionCost {
  const a = after[fn] ?? { calls: 0, dbReads: 0, dbWrites: 0 }
  const b = before[fn] ?? { calls: 0, dbReads: 0, dbWrites: 0 }
  return { calls: a.calls - b.calls, dbReads: a.dbReads - b.dbReads, dbWrites: a.dbWrites - b.dbWrites }
}

/**
 * Functions WeChat Pay invokes on its own (its notices): a refund asked for by a call is confirmed
 * a moment later, maybe before the call's invocations are counted, and is not the caller's cost.
 */
const NOTICES = ['payCallback', 'refundCallback']

function callsBesideNotices(body: StatsBody): number {
  const notices = NOTICES.reduce((sum, fn) => sum + (body.functions?.[fn]?.calls ?? 0), 0)
  return (body.totals?.calls ?? NaN) - notices
}

/**
 * One call as the app makes it, with what it cost: invocations of the whole call (nested calls
 * included, WeChat Pay's notices not), and the reads, writes and storage calls of its call tree.
 */
export async function measure(t: TestCloud, fn: string, event: Record<string, unknown>, openid?: string): Promise<Cost> {
  const calls = callsBesideNotices(await localStats(t))
  const started = performance.now()
  const response = await fetch(`${t.cloud.url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wegong-openid': openid } : {}) },
    body: JSON.stringify(event),
  })
  const answer = (await response.json()) as { ok: boolean; data?: Record<string, unknown>; error?: unknown }
  const ms = performance.now() - started
  if (!answer.ok) throw new Error(`${fn}.${String(event.action)} failed: ${JSON.stringify(answer.error)}`)
  const header = (name: string) => Number(response.headers.get(name) ?? NaN)
  return {
    ms,
    invocations: callsBesideNotices(await localStats(t)) - calls,
    reads: header('x-wegong-db-reads'),
    writes: header('x-wegong-db-writes'),
    storage: header('x-wegong-storage-ops'),
    data: answer.data ?? {},
  }
}

/** Prints a call's cost as `cost_<name>_…` figures. */
export function printCost(figure: Figure, name: string, c: Cost): Cost {
  figure(`cost_${name}_invocations`, c.invocations, 'calls')
  figure(`cost_${name}_db_reads`, c.reads, 'reads')
  figure(`cost_${name}_db_writes`, c.writes, 'writes')
  figure(`cost_${name}_storage_ops`, c.storage, 'ops')
  return c
}

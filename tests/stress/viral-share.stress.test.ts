import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCloud, type TestCloud } from '../functions/harness'
import { Invariants } from './invariants'
import { report } from './report'
import { viralBurst } from './viral-burst'

/**
 * A share gone viral: 1,000 different customers open one agent's card within a minute (or at the
 * local cloud's throughput when that is slower), paced as strangers tapping a link, on the real local cloud. No open is refused CONFLICT or INTERNAL, the
 * burst's p95 stays within 2× of one open alone, each open costs at most 2 reads and 1 write, and
 * after the timer's fold every counter holds every open exactly once.
 */
const OPENS = 1000
// Twice the rate the issue asks for (a minute), still at most half the cloud's measured throughput.
const WITHIN_MS = 30_000

let t: TestCloud
const inv = new Invariants()

beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t.close()
  report('viral_invariant_checks', inv.checks, 'checks')
  report('viral_violations', inv.violations.length, 'violations')
})

describe('a share gone viral', () => {
  it('when 1,000 customers open one share within a minute, then none is refused, p95 stays within 2× of one open, and the counters add up exactly', async () => {
    const burst = await viralBurst(t, 'viral', OPENS, WITHIN_MS)
    report('viral_opens', burst.opens.length, 'opens')
    report('viral_local_throughput', burst.throughputPerS, 'opens/s')
    report('viral_burst_duration', burst.burstMs / 1000, 's')
    report('viral_single_open_p50', burst.singleMs, 'ms')
    report('viral_open_p95', burst.p95Ms, 'ms')
    report('viral_single_open_p95', burst.singleP95Ms, 'ms')
    report('viral_p95_over_single_p50', burst.p95Ms / burst.singleMs, 'x')
    report('viral_p95_over_single', burst.p95Ms / burst.singleP95Ms, 'x')
    report('viral_conflict_or_internal', burst.failures, 'answers')
    report('viral_open_max_db_reads', burst.maxReads, 'reads')
    report('viral_open_max_db_writes', burst.maxWrites, 'writes')
    inv.equal(
      burst.opens.filter((o) => !o.ok).map((o) => o.code),
      [],
      'every open is answered ok',
    )
    inv.equal(burst.failures, 0, 'no open is answered CONFLICT or INTERNAL')
    inv.check(burst.p95Ms <= 2 * burst.singleP95Ms, 'p95 of the burst within 2× of one open', () => [burst.p95Ms, burst.singleP95Ms])
    inv.check(burst.maxReads <= 2, 'an open reads at most twice', () => burst.maxReads)
    inv.check(burst.maxWrites <= 1, 'an open writes at most once', () => burst.maxWrites)
    const n = burst.counted
    inv.equal(burst.stored, { share: n, day: n, product: n, agent: n, pending: 0 }, 'the folded counters hold every open once')
    inv.equal(burst.read, { week: n, product: n, agent: n, share: n }, 'the owner and the agent read every open once')
    expect(inv.violations).toEqual([])
  }, 900_000)
})

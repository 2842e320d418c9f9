/**
 * A share gone viral, in `npm run bench`: one agent's card opened by 300 different customers at the
 * pace of 1,000 a minute (the stress case runs the full 1,000, tests/stress/viral-share.stress.test.ts),
 * on its own store. Printed beside its budgets: an open costs at most 2 reads and 1 write, none is
 * refused CONFLICT or INTERNAL, the burst's p95 stays within 2× of one open alone, and after the
 * timer's fold the counters hold every open exactly once.
 */
import { sharedProductCard } from '../tests/functions/share-fixtures'
import type { TestCloud } from '../tests/functions/test-cloud'
import { openOnce, viralBurst } from '../tests/stress/viral-burst'
import { startBenchCloud } from './bench-calls'
import type { Budget, Figure } from './bench-figures'

const OPENS = 300
const PER_MINUTE = 1000

/** One customer open of a selection's card (多选分享), after a first open warmed the function: what it cost. */
async function selectionOpenCost(t: TestCloud) {
  const s = await sharedProductCard(t, 'bench-sel')
  const { token } = await t.ok('feed', 'shareSelection', { productIds: [s.productId] }, s.agent)
  await openOnce(t, token, 'selectionView')
  return openOnce(t, token, 'selectionView')
}

export async function viralFigures(figure: Figure, budget: Budget): Promise<void> {
  const t = await startBenchCloud()
  try {
    const burst = await viralBurst(t, 'bench-viral', OPENS, (OPENS / PER_MINUTE) * 60_000)
    figure('cost_customer_view_open_db_reads', burst.single.reads, 'reads')
    figure('cost_customer_view_open_db_writes', burst.single.writes, 'writes')
    // The selection's card beside the share's: a figure, its bound held by tests/functions/selection-opens.test.ts.
    const selection = await selectionOpenCost(t)
    figure('cost_selection_view_open_db_reads', selection.reads, 'reads')
    figure('cost_selection_view_open_db_writes', selection.writes, 'writes')
    budget(
      'customer_view_open_cost',
      burst.maxReads <= 2 && burst.maxWrites <= 1,
      `at most ${burst.maxReads} reads, ${burst.maxWrites} writes per open (≤ 2, ≤ 1)`,
    )
    figure('viral_local_throughput', burst.throughputPerS, 'opens/s')
    figure('viral_single_open_p50', burst.singleMs, 'ms')
    figure('viral_open_p95', burst.p95Ms, 'ms')
    figure('viral_single_open_p95', burst.singleP95Ms, 'ms')
    figure('viral_p95_over_single_p50', burst.p95Ms / burst.singleMs, 'x')
    const ratio = burst.p95Ms / burst.singleP95Ms
    figure('viral_p95_over_single', ratio, 'x')
    budget('viral_p95_over_single', ratio <= 2, `${ratio.toFixed(2)}x (≤ 2x)`)
    figure('viral_conflict_or_internal', burst.failures, 'answers')
    budget('viral_conflict_or_internal', burst.failures === 0, `${burst.failures} (0)`)
    const n = burst.counted
    const exact =
      Object.values(burst.read).every((v) => v === n) &&
      [burst.stored.share, burst.stored.day, burst.stored.product, burst.stored.agent].every((v) => v === n)
    figure('viral_counted_opens', burst.stored.day, 'opens')
    budget(
      'viral_counts_exact',
      exact && burst.stored.pending === 0,
      `${n} opens: stored ${JSON.stringify(burst.stored)}, read ${JSON.stringify(burst.read)}`,
    )
  } finally {
    await t.close()
  }
}

import { z } from 'zod'
import type { Answer } from '@/domain/errors'
import { AppError } from '@/domain/errors'
import { currentCaller } from './caller'
import { now } from './clock'
import { findExpiredOnSale, markExpired } from './store/products'

/** Products delisted per round trip, and rounds per run: one run stays well inside the function's timeout; the next run (10 minutes later) takes the rest. */
const BATCH = 100
const MAX_BATCHES = 50

/** What WeChat passes to a timer-triggered function. */
const TimerEvent = z.object({ Type: z.literal('Timer'), TriggerName: z.string(), Time: z.string() }).passthrough()

/**
 * R8: delist products whose 30 days are over (status off_shelf, reason 'expired'). Lists and the
 * feed already hide them from the instant of expiry; this makes the stored status agree. Running it
 * twice is harmless: the second run finds nothing.
 */
export async function delistExpiredProducts(at: number): Promise<{ delistedProducts: number; complete: boolean }> {
  let delistedProducts = 0
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const ids = await findExpiredOnSale(at, BATCH)
    if (ids.length === 0) return { delistedProducts, complete: true }
    delistedProducts += await markExpired(ids, at)
    if (ids.length < BATCH) return { delistedProducts, complete: true }
  }
  return { delistedProducts, complete: false }
}

/**
 * The `expire` timer (every 10 minutes). Each job is one housekeeping rule; R17's cancellation of
 * stale unpaid orders joins this list as its own job when orders exist.
 */
async function runJobs(at: number) {
  const products = await delistExpiredProducts(at)
  return { at, ...products }
}

/**
 * Entry of the `expire` function. It is not an action router: only WeChat's timer may run it, so a
 * call from a user (who has an OPENID) or any other event is refused with FORBIDDEN.
 */
export async function handleTimer(event: unknown): Promise<Answer<unknown>> {
  try {
    if (currentCaller().openid !== null || !TimerEvent.safeParse(event).success) {
      throw new AppError('FORBIDDEN', '该功能只由定时任务运行')
    }
    return { ok: true, data: await runJobs(now()) }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toBody() }
    console.error('[wegong] expire failed', error)
    return { ok: false, error: { code: 'INTERNAL', message: '定时任务失败' } }
  }
}

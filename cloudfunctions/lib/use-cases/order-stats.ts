import type { ActionArgs } from '@/domain/api'
import { STATS_DAYS } from '@/domain/order'
import { DAY_MS, shanghaiDay } from '@/domain/time'
import { requireOwnSupplier } from '../access'
import type { Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { listSupplierDays } from '../store/supplier-days'

/**
 * 经营数据: the last 30 Shanghai days from the daily counters (never a scan of the orders). Sales are
 * net of refunds (R19): a day's sales less what WeChat Pay confirmed refunded that day.
 */
export async function stats(_input: ActionArgs<'order', 'stats'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const today = now()
  const days = Array.from({ length: STATS_DAYS }, (_, i) => shanghaiDay(today - (STATS_DAYS - 1 - i) * DAY_MS))
  const stored = new Map((await listSupplierDays(supplier._id, days[0] as string, days[days.length - 1] as string)).map((d) => [d.day, d]))
  return {
    days: days.map((day) => {
      const d = stored.get(day)
      const refundedFen = d?.refundedFen ?? 0
      return { day, paidOrders: d?.paidOrders ?? 0, salesFen: (d?.salesFen ?? 0) - refundedFen, refundedFen, forwards: d?.forwards ?? 0 }
    }),
  }
}

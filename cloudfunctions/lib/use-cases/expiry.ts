import { cancelUnpaidOrders, completeShippedOrders, warnUnpaidOrders } from '../lifecycles/orders'
import { resendUnansweredRefunds } from '../lifecycles/refunds'
import { expireDueCases } from '../lifecycles/aftersales'
import { reportPendingShipments } from '../lifecycles/shipping-reports'
import { now } from '../platform/clock'
import { findExpiredOnSale, markExpired } from '../store/products'
import { foldShareOpens } from '../lifecycles/share-opens'
import { foldStorefrontOpens } from '../lifecycles/storefront-opens'

/** Products delisted per round trip, and rounds per run: one run stays well inside the function's timeout; the next run (10 minutes later) takes the rest. */
const BATCH = 100
const MAX_BATCHES = 50

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
 * The `expire` timer (every 10 minutes). Each job is one housekeeping rule: products past their 30
 * days (R8); unpaid orders past their 30 minutes, and the notice before; shipped orders past 15 days
 * (the order lifecycle makes those moves); refunds whose request WeChat Pay never answered and after-sales deadlines (R19);
 * customer-view opens folded into the share counters, and storefront opens into the storefronts' days.
 */
export async function runExpiryJobs() {
  const at = now()
  const products = await delistExpiredProducts(at)
  const cancelled = await cancelUnpaidOrders(at)
  const warned = await warnUnpaidOrders(at)
  const completed = await completeShippedOrders(at)
  const refunds = await resendUnansweredRefunds(at)
  // After-sales deadlines (R19): 48 h unanswered, 7 days unshipped return, 7 days unconfirmed receipt.
  const cases = await expireDueCases(at)
  const opens = await foldShareOpens(at)
  const storefrontOpens = await foldStorefrontOpens(at)
  // Shipments WeChat has not accepted yet (R20).
  const reports = await reportPendingShipments(at)
  return {
    at,
    delistedProducts: products.delistedProducts,
    cancelledOrders: cancelled.cancelledOrders,
    cancelNotices: warned.cancelNotices,
    completedOrders: completed.completedOrders,
    refundsResent: refunds.refundsResent,
    expiredCases: cases.expiredCases,
    foldedOpens: opens.foldedOpens,
    foldedStorefrontOpens: storefrontOpens.foldedOpens,
    reportedShipments: reports.reportedShipments,
    pendingShipments: reports.pendingShipments,
    complete: products.complete && cancelled.complete && completed.complete && opens.complete && storefrontOpens.complete && cases.complete,
  }
}

import { AppError } from '@/domain/errors'
import { CANCEL_NOTICE_BEFORE_MS } from '@/domain/order'
import { cancelWithStock, notifyCancelSoon } from '../order-moves'
import { now } from '../platform/clock'
import { claimCancelNotice, findDueOrders, findOrdersToWarn, moveOrder } from '../store/orders'
import { findExpiredOnSale, markExpired } from '../store/products'

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
 * R17: unpaid orders whose 30 minutes are over are cancelled and their stock given back, each in its
 * own transaction (cancelWithStock), so an order paid or cancelled meanwhile is left alone and stock
 * returns exactly once.
 */
export async function cancelUnpaidOrders(at: number): Promise<{ cancelledOrders: number; complete: boolean }> {
  let cancelledOrders = 0
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const due = await findDueOrders('pending_payment', at, BATCH)
    for (const order of due) {
      try {
        await cancelWithStock(order._id, 'timer', at)
        cancelledOrders += 1
      } catch (error) {
        // Paid or cancelled by someone else between the read and the transaction: nothing to do.
        if (!(error instanceof AppError)) throw error
      }
    }
    if (due.length < BATCH) return { cancelledOrders, complete: true }
  }
  return { cancelledOrders, complete: false }
}

/** Tells agents whose unpaid orders cancel within 10 minutes, once per order. */
export async function warnUnpaidOrders(at: number): Promise<{ cancelNotices: number }> {
  let cancelNotices = 0
  const orders = await findOrdersToWarn(at + CANCEL_NOTICE_BEFORE_MS, BATCH * 5)
  for (const order of orders) {
    if (!(await claimCancelNotice(order._id))) continue
    await notifyCancelSoon(order)
    cancelNotices += 1
  }
  return { cancelNotices }
}

/** Shipped orders complete themselves 15 days after shipping (R17). */
export async function completeShippedOrders(at: number): Promise<{ completedOrders: number; complete: boolean }> {
  let completedOrders = 0
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const due = await findDueOrders('shipped', at, BATCH)
    for (const order of due) {
      if (await moveOrder(order._id, 'shipped', { status: 'completed', completedAt: at, completedBy: 'timer', dueAt: null, updatedAt: at }))
        completedOrders += 1
    }
    if (due.length < BATCH) return { completedOrders, complete: true }
  }
  return { completedOrders, complete: false }
}

/**
 * The `expire` timer (every 10 minutes). Each job is one housekeeping rule: products past their 30
 * days (R8); unpaid orders past their 30 minutes, and the notice before; shipped orders past 15 days.
 */
export async function runExpiryJobs() {
  const at = now()
  const products = await delistExpiredProducts(at)
  const cancelled = await cancelUnpaidOrders(at)
  const warned = await warnUnpaidOrders(at)
  const completed = await completeShippedOrders(at)
  return {
    at,
    delistedProducts: products.delistedProducts,
    cancelledOrders: cancelled.cancelledOrders,
    cancelNotices: warned.cancelNotices,
    completedOrders: completed.completedOrders,
    complete: products.complete && cancelled.complete && completed.complete,
  }
}

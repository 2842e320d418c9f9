import { command, db, rowsOf } from '../platform/cloud'
import { addToCounters } from '../platform/counters'
import type { Transaction } from '../platform/transaction'
import { supplierDayId } from './ids'

/**
 * Daily counters per supplier (经营数据, 本周转发): one document per supplier and Shanghai day, kept
 * as things happen (an order paid, a refund confirmed, a forward), so the admin home reads a month in one query instead
 * of counting orders and forwards on every visit.
 */
export interface SupplierDayCounts {
  /** Orders paid that day, and their totals in fen (R18). */
  paidOrders: number
  salesFen: number
  /** Refunds WeChat Pay confirmed that day (its notice recorded them), and their amounts in fen (R19). */
  refunds: number
  refundedFen: number
  /** 一键转发, shares (cards, posters) and customer-view opens of the supplier's products and posts. */
  forwards: number
  shares: number
  views: number
}

export interface SupplierDayRecord extends SupplierDayCounts {
  _id: string
  supplierId: string
  /** 'YYYY-MM-DD' in Asia/Shanghai (domain/time shanghaiDay). */
  day: string
}

const days = () => db.collection('supplier_days')
const fields = {
  _id: true,
  supplierId: true,
  day: true,
  paidOrders: true,
  salesFen: true,
  refunds: true,
  refundedFen: true,
  forwards: true,
  shares: true,
  views: true,
}
const zero: SupplierDayCounts = { paidOrders: 0, salesFen: 0, refunds: 0, refundedFen: 0, forwards: 0, shares: 0, views: 0 }

/** Adds to a day's counters (the first writer of a day creates its document). */
export async function addToSupplierDay(supplierId: string, day: string, counts: Partial<SupplierDayCounts>): Promise<void> {
  await addToCounters(days, supplierDayId(supplierId, day), { supplierId, day }, zero, counts)
}

/**
 * Adds to a day's counters inside a transaction, so they move with what they count (an order paid):
 * a crash never leaves one without the other. Read and written whole through the transaction; a
 * concurrent writer of the day makes it run again.
 */
export async function addToSupplierDayIn(
  tx: Transaction,
  supplierId: string,
  day: string,
  counts: Partial<SupplierDayCounts>,
): Promise<void> {
  const doc = tx.collection<SupplierDayRecord>('supplier_days').doc(supplierDayId(supplierId, day))
  let stored: SupplierDayRecord | undefined
  try {
    stored = (await doc.get()).data
  } catch {
    // Not there yet: the first count of the day creates it.
  }
  const next: SupplierDayCounts = { ...zero }
  for (const key of Object.keys(zero) as Array<keyof SupplierDayCounts>) next[key] = (stored?.[key] ?? 0) + (counts[key] ?? 0)
  await doc.set({ data: { supplierId, day, ...next } })
}

/** The supplier's days from `fromDay` to `toDay` inclusive, oldest first; days without activity are absent. */
export async function listSupplierDays(supplierId: string, fromDay: string, toDay: string): Promise<SupplierDayRecord[]> {
  return rowsOf<SupplierDayRecord>(
    days()
      .where({ supplierId, day: command.gte(fromDay).and(command.lte(toDay)) })
      .orderBy('day', 'asc')
      .limit(366)
      .field(fields)
      .get(),
  )
}

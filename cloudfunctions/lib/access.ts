import { AppError } from '@/domain/errors'
import { requireOpenid, type Caller } from './platform/caller'
import { findSupplierByOwner, type SupplierRecord } from './store/suppliers'

/**
 * Who may act, checked on the server for every action (STYLE habit 4). Shared by the use cases so
 * that none of them imports another.
 */

/** The caller's own supplier account (R1); without one, supplier actions are FAILED_PRECONDITION. */
export async function requireOwnSupplier(caller: Caller): Promise<SupplierRecord> {
  const record = await findSupplierByOwner(requireOpenid(caller))
  if (!record) throw new AppError('FAILED_PRECONDITION', '请先成为供应商')
  return record
}

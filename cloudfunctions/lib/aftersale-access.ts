import { AppError } from '@/domain/errors'
import type { CaseViewer } from './aftersale-views'
import { CASE_HIDDEN } from './lifecycles/aftersales'
import { isOperator, requireOpenid, type Caller } from './platform/caller'
import { findCase, type AftersaleRecord } from './store/aftersales'
import { findSupplierByOwner } from './store/suppliers'

/** Who may see and move an after-sales case (R19), shared by its use cases. */

/** The caller's parts in the case: its agent, its supplier, or both (a supplier buying from itself). */
export async function partiesOf(record: AftersaleRecord, openid: string): Promise<Array<'agent' | 'supplier'>> {
  const parties: Array<'agent' | 'supplier'> = []
  if (record.agentOpenid === openid) parties.push('agent')
  const supplier = await findSupplierByOwner(openid)
  if (supplier && supplier._id === record.supplierId) parties.push('supplier')
  return parties
}

/** The case and how the caller sees it; NOT_FOUND for anyone without a part in it. */
export async function caseForViewer(id: string, caller: Caller): Promise<{ record: AftersaleRecord; viewer: CaseViewer }> {
  const openid = requireOpenid(caller)
  const record = await findCase(id)
  if (!record) throw new AppError('NOT_FOUND', CASE_HIDDEN)
  const [party] = await partiesOf(record, openid)
  if (party) return { record, viewer: party }
  if (record.escalated && isOperator(openid)) return { record, viewer: 'operator' }
  throw new AppError('NOT_FOUND', CASE_HIDDEN)
}

export function requireCaseOperator(caller: Caller): string {
  const openid = requireOpenid(caller)
  if (!isOperator(openid)) throw new AppError('FORBIDDEN', '只有平台运营人员可以处理平台介入')
  return openid
}

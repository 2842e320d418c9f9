import type { RefundView } from '@/domain/aftersale-schemas'
import type { RefundRecord } from './store/refunds'

/** What an order's parties see of a refund (R19): its amount and state, and WeChat Pay's reason for refusing it. */
export function toRefundView(refund: RefundRecord): RefundView {
  return {
    refundNo: refund._id,
    amountFen: refund.amountFen,
    status: refund.status,
    failReason: refund.failReason,
    reason: refund.reason,
    createdAt: refund.createdAt,
    ...(refund.succeededAt === undefined ? {} : { succeededAt: refund.succeededAt }),
  }
}

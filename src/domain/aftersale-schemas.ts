import { z } from './zod'
import { AFTERSALE_NOTE_MAX, CANNOT_SHIP_REASONS } from './aftersale'

/**
 * The wire shapes of R19's refunds and after-sales (the cloud API, src/domain/api.ts). Kept apart from
 * the pure rules (aftersale.ts, aftersale-refunds.ts), which the app's pages may import without zod.
 */

const Note = z.string().trim().max(AFTERSALE_NOTE_MAX, `说明最多 ${AFTERSALE_NOTE_MAX} 个字`)

/** order.refund: the supplier cannot ship a paid order and gives all of it back (goods and shipping). */
export const RefundOrderInput = z
  .object({ id: z.string().min(1), reason: z.enum(CANNOT_SHIP_REASONS, { message: '请选择无法发货的原因' }), note: Note.optional() })
  .strict()

/** A refund as its parties see it: 退款中 until WeChat Pay confirms it; a refusal's reason, to retry. */
export const RefundViewSchema = z.object({
  refundNo: z.string(),
  amountFen: z.number().int(),
  status: z.enum(['requested', 'processing', 'succeeded', 'failed']),
  failReason: z.string().nullable(),
  reason: z.string(),
  createdAt: z.number().int(),
  succeededAt: z.number().int().optional(),
})
export type RefundView = z.infer<typeof RefundViewSchema>

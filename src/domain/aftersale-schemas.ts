import { z } from './zod'
import {
  AFTER_SHIPPING_REASONS,
  AFTERSALE_KINDS,
  AFTERSALE_NOTE_MAX,
  AFTERSALE_PHOTOS_MAX,
  AFTERSALE_STATUSES,
  BEFORE_SHIPPING_REASONS,
  CANNOT_SHIP_REASONS,
  REFUSAL_REASONS,
} from './aftersale'
import { UploadedFileId } from './files'
import { IdempotencyKeySchema } from './idempotency'
import { CarrierSchema, OrderSchema, TrackingNoSchema } from './order'
import { PageInput } from './pagination'
import { ReturnAddressSchema, type ReturnAddress } from './supplier-profile'
import { optionalText, requiredText } from './text'

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

// ---- the aftersale function (SPEC §4): inputs ------------------------------------------------

const CaseId = z.string().min(1)
const Photos = z.array(UploadedFileId).max(AFTERSALE_PHOTOS_MAX, `最多 ${AFTERSALE_PHOTOS_MAX} 张图片`).default([])
const Words = optionalText('说明', AFTERSALE_NOTE_MAX).default('')
const AmountFen = z
  .number({ invalid_type_error: '请填写退款金额' })
  .int('退款金额以分计，须为整数')
  .min(1, '退款金额至少 0.01 元')
  .max(Number.MAX_SAFE_INTEGER, '退款金额过大')

export const AftersaleKindSchema = z.enum(AFTERSALE_KINDS, { errorMap: () => ({ message: '请选择售后类型' }) })
export const AftersaleStatusSchema = z.enum(AFTERSALE_STATUSES)
const ApplyReasons = [...new Set([...BEFORE_SHIPPING_REASONS, ...AFTER_SHIPPING_REASONS])] as [string, ...string[]]

// A return address (退货地址) is 店铺资料's: one schema for the profile and for agreeing a return.
export { ReturnAddressSchema, type ReturnAddress }

/**
 * 申请退款 / 申请售后 on an order. The reason must be one of the order's phase (before shipping:
 * BEFORE_SHIPPING_REASONS; after: AFTER_SHIPPING_REASONS, checked on the server). `amountFen` absent
 * means all that may still come back; before shipping it must be all of it. When the order's case was
 * refused, apply re-applies on that case with the new kind, reason, amount, note and photos.
 */
export const ApplyAftersaleInput = z
  .object({
    orderId: z.string().min(1),
    kind: AftersaleKindSchema,
    reason: z.enum(ApplyReasons, { errorMap: () => ({ message: '请选择申请原因' }) }),
    amountFen: AmountFen.optional(),
    note: Words,
    photos: Photos,
    /** One per 提交 (kept across its retries): a retry answers the case the first try opened. */
    idempotencyKey: IdempotencyKeySchema.optional(),
  })
  .strict()

/** 同意: for a return, the return address (else the one of 店铺资料). On a refund WeChat Pay refused, agree asks again (same refund number). */
export const AgreeAftersaleInput = z.object({ id: CaseId, returnAddress: ReturnAddressSchema.optional(), note: Words }).strict()

/** 拒绝 a request (待商家处理), or 拒绝收货 of a return (待商家收货): both end as 商家已拒绝. */
export const RefuseAftersaleInput = z
  .object({
    id: CaseId,
    reason: z.enum(REFUSAL_REASONS, { errorMap: () => ({ message: '请选择拒绝原因' }) }),
    note: Words,
    photos: Photos,
  })
  .strict()

export const ReturnShipInput = z.object({ id: CaseId, carrier: CarrierSchema, trackingNo: TrackingNoSchema }).strict()

/** 平台介入: the agent's words and photos for the operator (once per case, after a refusal). */
export const EscalateAftersaleInput = z.object({ id: CaseId, note: Words, photos: Photos }).strict()

/** The operator's decision: refund an amount (≤ what is left) or close; the note says why. */
export const DecideAftersaleInput = z
  .object({
    id: CaseId,
    outcome: z.enum(['refund', 'close'], { errorMap: () => ({ message: '请选择裁决结果' }) }),
    amountFen: AmountFen.optional(),
    note: requiredText('裁决说明', AFTERSALE_NOTE_MAX),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.outcome === 'refund' && input.amountFen === undefined)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['amountFen'], message: '请填写退款金额' })
  })

/** listSold: 待处理 (the supplier has to act) or all; listMine: open ones or all; newest first. */
export const ListSoldCasesInput = PageInput.extend({ filter: z.enum(['todo', 'all']).default('all') }).strict()
export const ListMineCasesInput = PageInput.extend({ filter: z.enum(['open', 'all']).default('all') }).strict()
/** The operator's list: cases waiting for a decision, or every case ever escalated. */
export const ListEscalatedInput = PageInput.extend({ filter: z.enum(['open', 'all']).default('open') }).strict()

// ---- answers -------------------------------------------------------------------------------

/**
 * One step of a case (协商历史): who, when, what it did, the status it left the case in, and its
 * words, photos (temporary URLs), amount, return shipment or return address where the step has them.
 */
export const TimelineEntrySchema = z.object({
  at: z.number().int(),
  actor: z.enum(['agent', 'supplier', 'operator', 'timer', 'wechatpay']),
  /** apply, reapply, agree, refuse, returnShip, confirmReceipt, refuseReceipt, withdraw, escalate, decideRefund, decideClose, expireReturn, refundDone, refundFailed, retryRefund. */
  action: z.string(),
  status: AftersaleStatusSchema,
  reason: z.string().optional(),
  note: z.string().optional(),
  photos: z.array(z.string()),
  amountFen: z.number().int().optional(),
  logistics: z.object({ carrier: z.string(), trackingNo: z.string() }).optional(),
  returnAddress: z.object({ name: z.string(), phone: z.string(), region: z.string(), detail: z.string() }).optional(),
})
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>

/** What a case's lists show: enough for a row (status, amounts, the order's first item, the other side). */
export const AftersaleSummarySchema = z.object({
  _id: z.string(),
  orderId: z.string(),
  orderNo: z.string(),
  supplierId: z.string(),
  /** The order's n-th case (its refund number ends in A<n>). */
  caseNo: z.number().int(),
  kind: AftersaleKindSchema,
  status: AftersaleStatusSchema,
  /** Before shipping (the whole order, shipping included) or after (goods only). */
  phase: z.enum(['before_shipping', 'after_shipping']),
  reason: z.string(),
  amountFen: z.number().int(),
  /** The platform was asked (平台介入 is once per case). */
  escalated: z.boolean(),
  /** When the timer acts if nobody does; null when no deadline runs. */
  dueAt: z.number().int().nullable(),
  /** The order's first item as bought, for the row's picture and title. */
  item: z.object({ description: z.string(), specName: z.string(), image: z.string(), qty: z.number().int() }),
  /** The other side: the supplier's name for the agent; the agent's name and remark for the supplier (as order.listSold). */
  counterpart: z.object({ name: z.string(), remark: z.string().optional() }),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
})
export type AftersaleSummary = z.infer<typeof AftersaleSummarySchema>

/** `get`, and every move's answer: the case with its whole timeline, the order, its refund. */
export const AftersaleSchema = AftersaleSummarySchema.extend({
  note: z.string(),
  photos: z.array(z.string()),
  /** What may still come back of the order in the case's phase (for the apply and decide forms). */
  refundableFen: z.number().int(),
  /** Where the return goes (退货退款, once agreed). */
  returnAddress: z.object({ name: z.string(), phone: z.string(), region: z.string(), detail: z.string() }).optional(),
  returnLogistics: z.object({ carrier: z.string(), trackingNo: z.string(), shippedAt: z.number().int() }).optional(),
  /** The case's refund once agreed: 退款中 until WeChat Pay confirms it; a refusal's reason to retry. */
  refund: RefundViewSchema.optional(),
  /**
   * The caller's own photos WeChat's image check found risky (R20), with why: still shown to the
   * caller, hidden from the other side and the platform (absent from their `photos`).
   */
  hiddenPhotos: z.array(z.object({ url: z.string(), reason: z.string() })).optional(),
  timeline: z.array(TimelineEntrySchema),
  /** The order as the caller may see it (the operator sees the supplier's view). */
  order: OrderSchema,
})
export type Aftersale = z.infer<typeof AftersaleSchema>

/** The badges: the supplier's 待处理, and the agent's open cases and those waiting for the agent. */
export const AftersaleCountsSchema = z.object({
  supplierTodo: z.number().int(),
  agentOpen: z.number().int(),
  agentTodo: z.number().int(),
})
export type AftersaleCounts = z.infer<typeof AftersaleCountsSchema>

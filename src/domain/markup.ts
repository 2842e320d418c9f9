import { z } from './zod'
import { PRICE_MAX_FEN } from './product'
import { MARKUP_KINDS, PERCENT_MAX, type Markup } from './markup-rules'

// R16's rules are zod-free in markup-rules.ts; these are the schemas of a markup and its input.
export { DEFAULT_MARKUP, describeMarkup, effectiveMarkup, MARKUP_KINDS, PERCENT_MAX, retailPriceOf, type Markup } from './markup-rules'

export const MarkupKind = z.enum(MARKUP_KINDS)
export type MarkupKind = z.infer<typeof MarkupKind>

export const MarkupSchema = z.object({
  /** fixed: `value` fen added; percent: `value` % added; suggested: the spec's 建议零售价. */
  kind: MarkupKind,
  value: z.number().int(),
  /** Round the result up to whole yuan (¥59.80 → ¥60.00). */
  roundUp: z.boolean(),
}) satisfies z.ZodType<Markup>

/** `network.setMarkup`'s rule, shared by the settings page and the server. */
export const MarkupInputFields = z.object({
  kind: MarkupKind,
  value: z
    .number({ invalid_type_error: '请填写加价' })
    .int('加价必须是整数')
    .min(0, '加价不能为负')
    .max(PRICE_MAX_FEN, '加价过高')
    .default(0),
  roundUp: z.boolean().default(false),
})

export function checkMarkupValue(markup: { kind: MarkupKind; value: number }, ctx: z.RefinementCtx): void {
  if (markup.kind === 'percent' && markup.value > PERCENT_MAX) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: `加价比例最多 ${PERCENT_MAX}%` })
  }
  if (markup.kind === 'fixed' && markup.value > PRICE_MAX_FEN) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: '加价金额过高' })
  }
}

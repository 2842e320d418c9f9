import { z } from './zod'
import { shippingProvince } from './consignee'
import { shippingFee, type Shipping } from './shipping'

/** R7 and R17: the lines an agent orders, and what they cost (goods, shipping by template and province, total). */

export const ORDER_LINES_MAX = 50
export const QTY_MAX = 9999

export const OrderLineInput = z
  .object({
    productId: z.string().min(1).max(64),
    specId: z.string().min(1).max(64),
    qty: z
      .number({ invalid_type_error: '请填写数量' })
      .int('数量必须是整数')
      .min(1, '至少买 1 件')
      .max(QTY_MAX, `一次最多买 ${QTY_MAX} 件`),
  })
  .strict()
export type OrderLineInput = z.infer<typeof OrderLineInput>

export const OrderLinesSchema = z
  .array(OrderLineInput)
  .min(1, '请选择要购买的商品')
  .max(ORDER_LINES_MAX, `一单最多 ${ORDER_LINES_MAX} 种规格`)
  .superRefine((lines, ctx) => {
    const seen = new Set<string>()
    lines.forEach((line, index) => {
      const key = `${line.productId}/${line.specId}`
      if (seen.has(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index, 'specId'], message: '同一规格重复了，请合并数量' })
      seen.add(key)
    })
  })

/** What the quote needs of each line: its price, quantity and the product's shipping template. */
export interface PricedLine {
  unitPrice: number
  qty: number
  shippingTemplateId: string
}

export type ShippingRule = Pick<Shipping, 'firstFee' | 'additionalFee' | 'regions' | 'freeOver'>

export interface QuoteTotals {
  goodsTotal: number
  shippingFee: number
  total: number
}

/**
 * R7 for an order of several products: lines sharing a template are shipped as one parcel under that
 * template (its first piece once, every further piece at the additional fee, free once their goods
 * reach its threshold); each template's parcel is charged separately. A province without a region
 * override pays the template's base fees; no province yet (the cart before an address) does too.
 */
export function quoteTotals(
  lines: readonly PricedLine[],
  templates: ReadonlyMap<string, ShippingRule>,
  province: string | null,
): QuoteTotals {
  const goodsTotal = lines.reduce((sum, line) => sum + line.unitPrice * line.qty, 0)
  const parcels = new Map<string, { pieces: number; goods: number }>()
  for (const line of lines) {
    const parcel = parcels.get(line.shippingTemplateId) ?? { pieces: 0, goods: 0 }
    parcel.pieces += line.qty
    parcel.goods += line.unitPrice * line.qty
    parcels.set(line.shippingTemplateId, parcel)
  }
  const region = province === null ? '' : (shippingProvince(province) ?? '')
  let shipping = 0
  for (const [templateId, parcel] of parcels) {
    const template = templates.get(templateId)
    if (!template) throw new Error(`missing shipping template ${templateId}`)
    shipping += shippingFee(template, region, parcel.pieces, parcel.goods)
  }
  return { goodsTotal, shippingFee: shipping, total: goodsTotal + shipping }
}

export const QuoteLineSchema = z.object({
  productId: z.string(),
  specId: z.string(),
  title: z.string(),
  specName: z.string(),
  image: z.string(),
  unitPrice: z.number().int(),
  qty: z.number().int(),
  subtotal: z.number().int(),
  stock: z.number().int(),
})
export const QuoteSchema = z.object({
  supplierId: z.string(),
  lines: z.array(QuoteLineSchema),
  goodsTotal: z.number().int(),
  shippingFee: z.number().int(),
  total: z.number().int(),
  /** The template province the shipping was computed for; null: base fees (no address yet). */
  province: z.string().nullable(),
})
export type Quote = z.infer<typeof QuoteSchema>

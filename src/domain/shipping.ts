import { z } from './zod'
import { IdempotencyKeySchema } from './idempotency'
import { PRICE_MAX_FEN } from './product'
import { requiredText } from './text'

/** Mainland provinces, autonomous regions and municipalities (运费模板 regions and addresses). */
export const provinces = [
  '北京',
  '天津',
  '河北',
  '山西',
  '内蒙古',
  '辽宁',
  '吉林',
  '黑龙江',
  '上海',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '广西',
  '海南',
  '重庆',
  '四川',
  '贵州',
  '云南',
  '西藏',
  '陕西',
  '甘肃',
  '青海',
  '宁夏',
  '新疆',
] as const
export const ProvinceSchema = z.enum(provinces, { errorMap: () => ({ message: '请选择省份' }) })

const FeeFen = z.number().int('运费以分为单位，必须是整数').min(0, '运费不能为负').max(1_000_000, '运费过高')

export const ShippingRegionSchema = z.object({
  provinces: z.array(ProvinceSchema).min(1, '请选择地区'),
  firstFee: FeeFen,
  additionalFee: FeeFen,
})

export const ShippingInputSchema = z
  .object({
    id: z.string().min(1).optional(),
    name: requiredText('模板名称', 20),
    firstFee: FeeFen,
    additionalFee: FeeFen,
    regions: z.array(ShippingRegionSchema.strict()).max(31).default([]),
    freeOver: z.number().int('包邮门槛以分为单位，必须是整数').min(1, '包邮门槛必须大于 0').max(PRICE_MAX_FEN, '包邮门槛过高').optional(),
    /** For a new template (no `id`), one per 保存 kept across its retries: a retry answers the template the first try made. */
    idempotencyKey: IdempotencyKeySchema.optional(),
  })
  .strict()
  .superRefine((template, ctx) => {
    const seen = new Set<string>()
    template.regions.forEach((region, index) => {
      for (const province of region.provinces) {
        if (seen.has(province))
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['regions', index, 'provinces'], message: `${province}已在其他地区设置` })
        seen.add(province)
      }
    })
  })
export type ShippingInput = z.infer<typeof ShippingInputSchema>

export const ShippingSchema = z.object({
  _id: z.string(),
  name: z.string(),
  firstFee: z.number().int(),
  additionalFee: z.number().int(),
  regions: z.array(ShippingRegionSchema).optional(),
  freeOver: z.number().int().optional(),
})
export type Shipping = z.infer<typeof ShippingSchema>

/**
 * R7: first-piece fee plus each additional piece, with a province's override where one is set,
 * and nothing to pay once the goods reach the free-shipping threshold.
 */
export function shippingFee(
  template: Pick<Shipping, 'firstFee' | 'additionalFee' | 'regions' | 'freeOver'>,
  province: string,
  pieces: number,
  goodsTotal: number,
): number {
  if (pieces <= 0) return 0
  if (template.freeOver !== undefined && goodsTotal >= template.freeOver) return 0
  const rule = template.regions?.find((r) => (r.provinces as string[]).includes(province)) ?? template
  return rule.firstFee + (pieces - 1) * rule.additionalFee
}

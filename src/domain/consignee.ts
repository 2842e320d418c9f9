import { z } from './zod'
import { provinces } from './shipping'
import { requiredText } from './text'

/** Who receives an order and where (R17): the form's schema, and how lists and the CSV show it. */

const PhoneSchema = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '请填写正确的手机号（如 13800138000）')

export const ConsigneeSchema = z
  .object({
    name: requiredText('收货人', 20),
    phone: PhoneSchema,
    province: requiredText('省份', 20),
    city: requiredText('城市', 20),
    /** Some cities (东莞, 中山…) have no district level. */
    district: z.string().trim().max(20, '区县最多 20 个字').default(''),
    address: requiredText('详细地址', 100),
  })
  .strict()
  .superRefine((consignee, ctx) => {
    if (shippingProvince(consignee.province) === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['province'], message: '暂不支持配送到该地区' })
    }
  })
export type Consignee = z.infer<typeof ConsigneeSchema>
export type ConsigneeInput = z.input<typeof ConsigneeSchema>

/** A consignee as answers carry it: every field a string, the district '' where there is none. */
export const ConsigneeViewSchema = z.object({
  name: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  address: z.string(),
})

/**
 * The shipping-template province of an address's province as people and WeChat write it
 * (「广东省」「内蒙古自治区」「北京市」 → 广东, 内蒙古, 北京); null outside the mainland provinces.
 */
export function shippingProvince(province: string): (typeof provinces)[number] | null {
  const name = province.trim()
  return provinces.find((p) => name.startsWith(p)) ?? null
}

/** One line of the consignee for lists and the CSV: 「广东省 深圳市 南山区 科技园1号」. */
export function consigneeAddress(consignee: Pick<Consignee, 'province' | 'city' | 'district' | 'address'>): string {
  return [consignee.province, consignee.city === consignee.province ? '' : consignee.city, consignee.district, consignee.address]
    .filter(Boolean)
    .join(' ')
}

/** 138****8000: what another screen than the order itself shows of a phone number. */
export function maskPhone(phone: string): string {
  return phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone
}

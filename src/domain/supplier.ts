import { z } from './zod'
import { IdempotencyKeySchema } from './idempotency'
import { isOpenCategory } from './categories'
import { requiredText } from './text'

export const TierSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** rank 1 is the default tier of new agents (R11). */
  rank: z.number().int().min(1),
})
export type Tier = z.infer<typeof TierSchema>

export const DEFAULT_TIER_NAME = '普通代理'

export const SupplierSchema = z.object({
  _id: z.string(),
  name: z.string(),
  contact: z.string(),
  mainCategory: z.string(),
  verifiedMember: z.boolean(),
  buyerProtection: z.boolean(),
  canPublish: z.boolean(),
  tiers: z.array(TierSchema),
  createdAt: z.number().int(),
})
export type Supplier = z.infer<typeof SupplierSchema>

/** The contact is a mainland mobile or landline number, which is what suppliers give agents. */
export const ContactSchema = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '请填写手机号或座机号（如 13800138000）')

export const RegisterSupplierInput = z
  .object({
    name: requiredText('供应商名称', 30),
    contact: ContactSchema,
    mainCategory: z
      .string()
      .min(1, '请选择主营类目')
      .refine((c) => isOpenCategory(c), '该类目暂未开放'),
    /** One per 注册 (kept across its retries): a retry answers the account the first try made, not CONFLICT. */
    idempotencyKey: IdempotencyKeySchema.optional(),
  })
  .strict()
export type RegisterSupplierInput = z.infer<typeof RegisterSupplierInput>

export const VerifySupplierInput = z
  .object({
    supplierId: z.string().min(1),
    verifiedMember: z.boolean(),
    buyerProtection: z.boolean(),
  })
  .strict()
export type VerifySupplierInput = z.infer<typeof VerifySupplierInput>

export type EligibilityGap = 'verifiedMember' | 'buyerProtection'

/** R2: a supplier publishes only as a verified member with buyer protection. */
export function eligibilityGaps(flags: { verifiedMember: boolean; buyerProtection: boolean }): EligibilityGap[] {
  const gaps: EligibilityGap[] = []
  if (!flags.verifiedMember) gaps.push('verifiedMember')
  if (!flags.buyerProtection) gaps.push('buyerProtection')
  return gaps
}

export function canPublish(flags: { verifiedMember: boolean; buyerProtection: boolean }): boolean {
  return eligibilityGaps(flags).length === 0
}

/** What the admin home says for each missing threshold, and what to do about it. */
export const eligibilityGapText: Record<EligibilityGap, { title: string; action: string }> = {
  verifiedMember: {
    title: '尚未成为诚信通会员',
    action: '请联系平台开通诚信通会员，审核通过后即可发布商品',
  },
  buyerProtection: {
    title: '尚未开通基础买家保障',
    action: '请联系平台开通基础买家保障服务，开通后即可发布商品',
  },
}

export const SupplierStatsSchema = z.object({
  onSaleProducts: z.number().int(),
  expiringSoon: z.number().int(),
  agents: z.number().int(),
  ordersToShip: z.number().int(),
})
export type SupplierStats = z.infer<typeof SupplierStatsSchema>

/** What an operator sees of a supplier when reviewing it. */
export const SupplierReviewSchema = SupplierSchema.extend({ ownerNickname: z.string() })
export type SupplierReview = z.infer<typeof SupplierReviewSchema>

import { z } from './zod'
import { TierSchema } from './supplier'
import { optionalText, requiredText } from './text'

export const TIERS_MAX = 10
export const REMARK_MAX = 20
export const TIER_NAME_MAX = 10
/** R12: a mini-program code's scene is at most 32 visible characters. */
export const SCENE_MAX = 32

export const SceneSchema = z
  .string()
  .trim()
  .min(1, '二维码无效')
  .max(SCENE_MAX, '二维码无效')
  .regex(/^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]+$/, '二维码无效')

/** What anyone holding a supplier's home code may see of it: nothing private. */
export const SupplierCardSchema = z.object({
  _id: z.string(),
  name: z.string(),
  mainCategory: z.string(),
  avatarUrl: z.string(),
})
export type SupplierCard = z.infer<typeof SupplierCardSchema>

export const BindResultSchema = z.object({ supplier: SupplierCardSchema, alreadyBound: z.boolean() })

export const MySupplierSchema = z.object({
  supplier: SupplierCardSchema,
  /** The agent's own tier name; never another tier's (R11). */
  tierName: z.string(),
  boundAt: z.number().int(),
  onSaleProducts: z.number().int(),
})
export type MySupplier = z.infer<typeof MySupplierSchema>

export const AgentSchema = z.object({
  agentOpenid: z.string(),
  nickname: z.string(),
  avatarUrl: z.string(),
  remark: z.string(),
  tierId: z.string(),
  tierName: z.string(),
  createdAt: z.number().int(),
  orderCount: z.number().int(),
})
export type Agent = z.infer<typeof AgentSchema>

export const RemarkSchema = optionalText('备注', REMARK_MAX)

export const AgentOpenidsSchema = z.array(z.string().min(1)).min(1, '请选择微商').max(100, '一次最多调整 100 位微商')

export const TierInputSchema = z
  .object({
    id: z.string().min(1).optional(),
    name: requiredText('等级名称', TIER_NAME_MAX),
  })
  .strict()

/** The whole ordered list: position gives the rank; rank 1 is the default for new agents (R11). */
export const SaveTiersInput = z
  .object({ tiers: z.array(TierInputSchema).min(1, '至少保留一个等级').max(TIERS_MAX, `最多 ${TIERS_MAX} 个等级`) })
  .strict()
  .superRefine(({ tiers }, ctx) => {
    const names = new Set<string>()
    tiers.forEach((tier, index) => {
      if (names.has(tier.name)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['tiers', index, 'name'], message: '等级名称不能重复' })
      names.add(tier.name)
    })
  })

export const SaveTiersResultSchema = z.object({ tiers: z.array(TierSchema), movedAgents: z.number().int() })

export const HomeCodeSchema = z.object({ scene: z.string(), image: z.string() })

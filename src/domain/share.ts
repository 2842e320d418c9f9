import { z } from './zod'
import { IdempotencyKeySchema } from './idempotency'
import { MarkupSchema } from './markup'

export { priceLine, shareText, SHARE_TOKEN_LENGTH, sharePath, isShareToken, shareStateText, type ShareState } from './share-rules'

const ShareItemFields = z.object({
  productId: z.string().min(1).optional(),
  postId: z.string().min(1).optional(),
  /** One per press (一键转发, a share to a chat), kept across its retries: a retry is not counted again. */
  idempotencyKey: IdempotencyKeySchema.optional(),
})
const oneItem = (v: { productId?: string; postId?: string }) => (v.productId === undefined) !== (v.postId === undefined)

/** One product or one post: `feed.forward` names exactly one. */
export const ShareItemInput = ShareItemFields.strict().refine(oneItem, '请指定一个商品或一条动态')

/**
 * `feed.share`: `prepare` asks for the token without counting a share — a page gets it ready for
 * 分享到朋友圈, whose callback must answer at once and never says whether the agent shared.
 */
export const ShareInput = ShareItemFields.extend({ prepare: z.boolean().default(false) })
  .strict()
  .refine(oneItem, '请指定一个商品或一条动态')

export const ShareTokenSchema = z.string().trim().min(1, '链接无效').max(32, '链接无效')

export const ShareResultSchema = z.object({ token: z.string(), path: z.string() })

/** A word that makes Moments fold a post, where it starts in the text (domain/fold-words). */
export const FoldHitSchema = z.object({ word: z.string(), index: z.number().int() })

/**
 * What 一键转发 needs: the text (the agent's own words when it has any), the price line (agent's
 * retail price), the pictures, the share token, and the gentle check: fold words in the text and
 * whether it is the text the agent forwarded last.
 */
export const ForwardSchema = ShareResultSchema.extend({
  text: z.string(),
  priceLine: z.string().nullable(),
  images: z.array(z.string()),
  foldWords: z.array(FoldHitSchema),
  repeated: z.boolean(),
})
export type Forward = z.infer<typeof ForwardSchema>

/** The agent as its customers see it: what it chose to show in its profile, nothing else. */
export const SellerCardSchema = z.object({ nickname: z.string(), avatarUrl: z.string(), wechatId: z.string() })
export type SellerCard = z.infer<typeof SellerCardSchema>

/**
 * The customer view (R16): pictures, text and the agent's retail price, and the agent's own card.
 * Never the supplier, a purchase price, stock, a tier or another agent. `available: false` (商品已下架)
 * carries no content.
 */
export const ShareViewSchema = z.object({
  available: z.boolean(),
  kind: z.enum(['product', 'post']),
  text: z.string(),
  images: z.array(z.string()),
  price: z.object({ min: z.number().int(), max: z.number().int() }).nullable(),
  seller: SellerCardSchema,
})
export type ShareView = z.infer<typeof ShareViewSchema>

export const ShareStateSchema = z.enum(['on_sale', 'expiring', 'off_sale'])

/**
 * 我的转发: one forwarded or shared item with its live state, or a shared selection (多选分享, kind
 * `selection`: `itemId` '', `forwards` 0, `path` its customer view, `productCount` how many it holds).
 */
export const MyShareSchema = z.object({
  token: z.string(),
  kind: z.enum(['product', 'post', 'selection']),
  itemId: z.string(),
  title: z.string(),
  thumbnail: z.string(),
  state: ShareStateSchema,
  sharedAt: z.number().int(),
  forwards: z.number().int(),
  shares: z.number().int(),
  views: z.number().int(),
  path: z.string(),
  productCount: z.number().int().optional(),
})
export type MyShare = z.infer<typeof MyShareSchema>

/** `network.markup`: what the agent set for a supplier (and a product), and what is in force. */
export const MarkupSettingsSchema = z.object({
  supplierDefault: MarkupSchema.nullable(),
  product: MarkupSchema.nullable(),
  effective: MarkupSchema,
})
export type MarkupSettings = z.infer<typeof MarkupSettingsSchema>

/** Supplier insight (R16): 一键转发, shares and customer-view opens. */
export const ShareCountsSchema = z.object({ forwards: z.number().int(), shares: z.number().int(), views: z.number().int() })
export type ShareCounts = z.infer<typeof ShareCountsSchema>

const WindowCountsSchema = z.object({ last7: ShareCountsSchema, last30: ShareCountsSchema })

export const ShareInsightInput = z
  .object({
    productIds: z.array(z.string().min(1)).max(100).default([]),
    agentOpenids: z.array(z.string().min(1)).max(100).default([]),
  })
  .strict()

export const ShareInsightSchema = z.object({
  /** 本周转发: since Monday 00:00 in Asia/Shanghai. */
  week: ShareCountsSchema,
  products: z.array(WindowCountsSchema.extend({ productId: z.string() })),
  agents: z.array(WindowCountsSchema.extend({ agentOpenid: z.string() })),
})
export type ShareInsight = z.infer<typeof ShareInsightSchema>

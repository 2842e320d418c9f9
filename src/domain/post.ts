import { z } from './zod'
import { IdempotencyKeySchema } from './idempotency'
import { UploadedFileId } from './files'
import { SupplierCardSchema } from './network'
import { requiredText } from './text'
import { POST_IMAGES_MAX, POST_PRODUCTS_MAX, POST_TEXT_MAX } from './post-rules'

export { POST_IMAGES_MAX, POST_PRODUCTS_MAX, POST_TEXT_MAX, excerpt } from './post-rules'

export const PostTextSchema = requiredText('动态内容', POST_TEXT_MAX, { trim: false, empty: '请填写动态内容' })

export const CreatePostInput = z
  .object({
    text: PostTextSchema,
    images: z.array(UploadedFileId).max(POST_IMAGES_MAX, `最多 ${POST_IMAGES_MAX} 张图片`).default([]),
    productIds: z
      .array(z.string().min(1))
      .min(1, '请至少选择 1 件导购商品')
      .max(POST_PRODUCTS_MAX, `最多选择 ${POST_PRODUCTS_MAX} 件导购商品`)
      .refine((ids) => new Set(ids).size === ids.length, '导购商品不能重复'),
    /** One per 发布 (kept across its retries): a retry answers the post the first try made. */
    idempotencyKey: IdempotencyKeySchema.optional(),
  })
  .strict()
export type CreatePostInput = z.infer<typeof CreatePostInput>

export const PostIdsSchema = z.array(z.string().min(1)).min(1, '请选择动态').max(100, '一次最多删除 100 条动态')

/** A linked product as a post shows it: a thumbnail, the start of its text, whether it is still on sale. */
export const PostProductSchema = z.object({
  _id: z.string(),
  description: z.string(),
  thumbnail: z.string(),
  onSale: z.boolean(),
})
export type PostProduct = z.infer<typeof PostProductSchema>

/** The supplier's own post (管理动态). `images` are temporary URLs. */
export const PostSchema = z.object({
  _id: z.string(),
  supplierId: z.string(),
  text: z.string(),
  images: z.array(z.string()),
  productIds: z.array(z.string()),
  products: z.array(PostProductSchema),
  createdAt: z.number().int(),
  /** Only while hidden from agents and customers by WeChat's image check (R20): why, for the owner. */
  hiddenReason: z.string().optional(),
})
export type Post = z.infer<typeof PostSchema>

/**
 * A linked product as an agent sees it in a post: only on-sale ones (R8/R9), with the agent's own
 * price range and its retail price range under its markup (R16). The owner's preview has its base
 * price range and no retail range, as in `AgentSpec` (domain/viewer-prices).
 */
export const AgentPostProductSchema = PostProductSchema.omit({ onSale: true }).extend({
  minPrice: z.number().int(),
  maxPrice: z.number().int(),
  minRetail: z.number().int().optional(),
  maxRetail: z.number().int().optional(),
})
export type AgentPostProduct = z.infer<typeof AgentPostProductSchema>

export const AgentPostSchema = z.object({
  _id: z.string(),
  supplierId: z.string(),
  supplier: SupplierCardSchema,
  text: z.string(),
  images: z.array(z.string()),
  /** The linked products still on sale; empty when all went off sale (the card says so). */
  products: z.array(AgentPostProductSchema),
  /** How many products the supplier linked, on sale or not. */
  linkedProducts: z.number().int(),
  createdAt: z.number().int(),
})
export type AgentPost = z.infer<typeof AgentPostSchema>

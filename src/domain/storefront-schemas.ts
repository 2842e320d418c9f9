import { z } from './zod'
import { UploadedFileId } from './files'
import { IdempotencyKeySchema } from './idempotency'
import { HomeCodeSchema } from './network'
import { SellerCardSchema, ShareTokenSchema } from './share'
import { requiredText } from './text'
import { STOREFRONT_ADD_MAX, STOREFRONT_MAX, STOREFRONT_NAME_MAX } from './storefront'

/**
 * The contract of 我的小店 (`storefront.*`): the agent's storefront and the customer's view of it.
 * Imported by the functions and subpackage pages, never by the main package (zod would outgrow it).
 */

const PriceSpanSchema = z.object({ min: z.number().int(), max: z.number().int() }).nullable()

/** One product of the agent's storefront as the agent sees it, 已下架 ones included. */
export const StorefrontItemSchema = z.object({
  productId: z.string(),
  /** The agent's own words if set, else the description: first line, ≤ 60 code points. */
  text: z.string(),
  /** The first picture's URL, or ''. */
  image: z.string(),
  /** The agent's retail price span (null with no spec on sale). */
  price: PriceSpanSchema,
  /** off_sale: delisted, deleted, hidden by WeChat's image check, or its supplier no longer binds the agent. */
  state: z.enum(['on_sale', 'off_sale']),
})
export type StorefrontItem = z.infer<typeof StorefrontItemSchema>

const OpenCountsSchema = z.object({ opens: z.number().int(), productOpens: z.number().int() })

/** Opens of the storefront and of each product opened from it, over the last 7 and 30 Shanghai days. */
export const StorefrontInsightSchema = z.object({
  days7: OpenCountsSchema,
  days30: OpenCountsSchema,
  products: z.array(z.object({ productId: z.string(), opens7: z.number().int(), opens30: z.number().int() })),
})
export type StorefrontInsight = z.infer<typeof StorefrontInsightSchema>

export const StorefrontSchema = z.object({
  name: z.string(),
  /** The cover's file ID, or '' for none. */
  cover: z.string(),
  coverUrl: z.string(),
  /** Null until first shared. */
  token: z.string().nullable(),
  /** In the agent's order. */
  items: z.array(StorefrontItemSchema),
  insight: StorefrontInsightSchema,
})
export type Storefront = z.infer<typeof StorefrontSchema>

export const SaveStorefrontInput = z
  .object({
    name: requiredText('小店名称', STOREFRONT_NAME_MAX),
    /** A picture the agent uploaded, or '' to remove the cover; left out, the cover stays. */
    cover: z.union([z.literal(''), UploadedFileId]).optional(),
  })
  .strict()

const ProductIdSchema = z.string().min(1)

export const AddStorefrontProductsInput = z
  .object({
    productIds: z.array(ProductIdSchema).min(1, '请选择商品').max(STOREFRONT_ADD_MAX, `一次最多加入 ${STOREFRONT_ADD_MAX} 件商品`),
  })
  .strict()

export const RemoveStorefrontProductsInput = z
  .object({ productIds: z.array(ProductIdSchema).min(1, '请选择商品').max(STOREFRONT_MAX, `一次最多移出 ${STOREFRONT_MAX} 件商品`) })
  .strict()

/** The whole current list in its new order. */
export const ReorderStorefrontInput = z
  .object({ productIds: z.array(ProductIdSchema).max(STOREFRONT_MAX, `小店最多 ${STOREFRONT_MAX} 件商品`) })
  .strict()

export const ShareStorefrontInput = z
  .object({
    /** Also the mini-program code (as `feed.shareCode` makes it). */
    code: z.boolean().optional(),
    idempotencyKey: IdempotencyKeySchema.optional(),
  })
  .strict()

export const ShareStorefrontSchema = z.object({
  token: z.string(),
  path: z.string(),
  code: HomeCodeSchema.optional(),
})
export type ShareStorefront = z.infer<typeof ShareStorefrontSchema>

/** An opaque key per (storefront, product): never the product's id, nothing linking two storefronts or a supplier. */
export const StorefrontItemKeySchema = z.string().regex(/^[a-z0-9]{16}$/, '商品不存在或已下架')

export const StorefrontViewInput = z
  .object({
    token: ShareTokenSchema,
    /** One product's page: its whole pictures and text, counted as a product open. */
    item: StorefrontItemKeySchema.optional(),
    /** One per opening of the view, kept across its retries, so a retry is not counted as another open. */
    idempotencyKey: IdempotencyKeySchema.optional(),
  })
  .strict()

/** A product as customers see it in the storefront: never the supplier, a purchase price, stock or a tier. */
export const StorefrontViewItemSchema = z.object({ item: z.string(), text: z.string(), image: z.string(), price: PriceSpanSchema })

export const StorefrontViewSchema = z.object({
  name: z.string(),
  coverUrl: z.string(),
  seller: SellerCardSchema,
  items: z.array(StorefrontViewItemSchema),
  /** With `item`: that product's page. */
  product: z.object({ item: z.string(), text: z.string(), images: z.array(z.string()), price: PriceSpanSchema }).optional(),
})
export type StorefrontView = z.infer<typeof StorefrontViewSchema>

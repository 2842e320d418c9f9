import { z } from './zod'
import { IdempotencyKeySchema } from './idempotency'
import { isOpenCategory } from './categories'
import { UploadedFileId } from './files'
import { requiredText } from './text'
import { DAY_MS } from './time'
import { priceSpan } from './money'
import {
  DESCRIPTION_MAX,
  SPEC_IMAGES_MAX,
  SPECS_MAX,
  SPEC_NAME_MAX,
  PRODUCT_VALIDITY_MS,
  EXPIRING_SOON_MS,
  PRICE_MAX_FEN,
  STOCK_MAX,
} from './product-rules'

// The limits live zod-free for the pages of the main package; importers of this module keep them.
export * from './product-rules'

export const Fen = z
  .number({ invalid_type_error: '请填写价格' })
  .int('价格以分为单位，必须是整数')
  .min(1, '价格必须大于 0')
  .max(PRICE_MAX_FEN, '价格过高')

/** R4: Moments-style text, 1–500 code points with something visible; kept as typed. */
export const DescriptionSchema = requiredText('商品描述', DESCRIPTION_MAX, { trim: false })

export const CategoryNameSchema = z.string().refine((c) => isOpenCategory(c), '该类目暂未开放')

export const SpecInputSchema = z
  .object({
    /** Present when editing an existing spec, so orders' references stay meaningful. */
    id: z.string().min(1).max(40).optional(),
    name: requiredText('规格名称', SPEC_NAME_MAX),
    images: z.array(UploadedFileId).max(SPEC_IMAGES_MAX, `每个规格最多 ${SPEC_IMAGES_MAX} 张图片`),
    price: Fen,
    tierPrices: z.record(z.string().min(1), Fen).default({}),
    retailPrice: Fen.optional(),
    stock: z.number().int('库存必须是整数').min(0, '库存不能为负').max(STOCK_MAX, '库存过大'),
    /**
     * Editing: the stock the form was loaded with. The edit then moves the stored stock by
     * `stock - stockBefore`, so pieces agents ordered while the form was open stay sold (R17);
     * without it the stock is set as given.
     */
    stockBefore: z.number().int().min(0).max(STOCK_MAX).optional(),
  })
  .strict()
export type SpecInput = z.input<typeof SpecInputSchema>

export const SpecSchema = z.object({
  id: z.string(),
  name: z.string(),
  images: z.array(z.string()),
  price: z.number().int(),
  tierPrices: z.record(z.string(), z.number().int()),
  retailPrice: z.number().int().optional(),
  stock: z.number().int(),
})
export type Spec = z.infer<typeof SpecSchema>

export const ProductStatus = z.enum(['on_sale', 'off_shelf'])
export type ProductStatus = z.infer<typeof ProductStatus>

const ProductFields = z.object({
  category: CategoryNameSchema,
  description: DescriptionSchema,
  // R5: without a spec there is no price, so publishing is refused.
  specs: z.array(SpecInputSchema).min(1, '请至少填写一个产品规格').max(SPECS_MAX, `最多 ${SPECS_MAX} 个规格`),
  shippingTemplateId: z.string().min(1, '请选择运费模板'),
})

function uniqueSpecNames(product: { specs: Array<{ name: string }> }, ctx: z.RefinementCtx): void {
  const names = new Set<string>()
  product.specs.forEach((spec, index) => {
    if (names.has(spec.name)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['specs', index, 'name'], message: '规格名称不能重复' })
    names.add(spec.name)
  })
}

/** The publish form (R3–R7); the same schema checks the form on the phone and the event on the server. */
export const ProductInputSchema = ProductFields.strict().superRefine(uniqueSpecNames)
/** `shopItemId`: the shop-catalogue item it was prefilled from (R15), recorded as source 'import'. */
export const CreateProductInput = ProductFields.extend({
  shopItemId: z.string().min(1).optional(),
  /** One per 发布 (kept across its retries): a retry answers the product the first try made. */
  idempotencyKey: IdempotencyKeySchema.optional(),
})
  .strict()
  .superRefine(uniqueSpecNames)
export const UpdateProductInput = ProductFields.extend({ id: z.string().min(1) })
  .strict()
  .superRefine(uniqueSpecNames)
export type ProductInput = z.infer<typeof ProductInputSchema>

/** The owner's view: specs as stored (image file IDs) plus a URL for each image to show. */
export const ProductSchema = z.object({
  _id: z.string(),
  supplierId: z.string(),
  category: z.string(),
  description: z.string(),
  specs: z.array(SpecSchema),
  shippingTemplateId: z.string(),
  status: ProductStatus,
  publishedAt: z.number().int(),
  expiresAt: z.number().int(),
  source: z.enum(['new', 'import']),
  imageUrls: z.record(z.string(), z.string()),
  /** Only while hidden from agents and customers by WeChat's image check (R20): why, for the owner. */
  hiddenReason: z.string().optional(),
})
export type Product = z.infer<typeof ProductSchema>

/** A row of 销售中 / 已下架 (R10). `status` is the effective one (R8). */
export const ProductSummarySchema = z.object({
  _id: z.string(),
  status: ProductStatus,
  category: z.string(),
  description: z.string(),
  thumbnail: z.string(),
  minPrice: z.number().int(),
  maxPrice: z.number().int(),
  stock: z.number().int(),
  publishedAt: z.number().int(),
  expiresAt: z.number().int(),
  daysLeft: z.number().int(),
  expiringSoon: z.boolean(),
  /** Only while hidden from agents and customers by WeChat's image check (R20). */
  hiddenReason: z.string().optional(),
})
export type ProductSummary = z.infer<typeof ProductSummarySchema>

export const ProductIdsSchema = z.array(z.string().min(1)).min(1, '请选择商品').max(100, '一次最多操作 100 件商品')

export function expiresAtFor(listedAt: number): number {
  return listedAt + PRODUCT_VALIDITY_MS
}

/** R8: never shown as on sale after its expiry, even before the timer delists it. */
export function isOnSale(product: { status: ProductStatus; expiresAt: number }, now: number): boolean {
  return product.status === 'on_sale' && now < product.expiresAt
}

/** What agents and customers may see (R20): on sale, and not hidden by WeChat's image check. */
export function isShownToOthers(product: { status: ProductStatus; expiresAt: number; moderation?: unknown }, now: number): boolean {
  return isOnSale(product, now) && product.moderation === undefined
}

/** The status people see: an expired product is off the shelf whatever the stored status says. */
export function effectiveStatus(product: { status: ProductStatus; expiresAt: number }, now: number): ProductStatus {
  return isOnSale(product, now) ? 'on_sale' : 'off_shelf'
}

/** Whole days left, rounded up: 「N 天后下架」. */
export function daysLeft(expiresAt: number, now: number): number {
  return Math.max(0, Math.ceil((expiresAt - now) / DAY_MS))
}

export function isExpiringSoon(product: { status: ProductStatus; expiresAt: number }, now: number): boolean {
  return isOnSale(product, now) && product.expiresAt - now <= EXPIRING_SOON_MS
}

/** Cheapest and dearest base price across specs (a stored product has at least one), for lists (¥12.80–¥19.90). */
export function priceRange(specs: Array<Pick<Spec, 'price'>>): { min: number; max: number } {
  return priceSpan(specs.map((s) => s.price)) ?? { min: 0, max: 0 }
}

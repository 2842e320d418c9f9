import { z } from './zod'
import { PageInput } from './pagination'
import { PRICE_MAX_FEN, ProductStatus } from './product'
import { CATEGORY_FILTER_MAX, NEW_WINDOWS, SEARCH_SORTS } from './search-rules'
import { QUERY_MAX } from './search-tokens'

// The rules the search page needs are zod-free (search-rules, search-tokens); these are the contract's schemas.
export * from './search-rules'

const PriceBound = z.number().int('价格以分为单位，必须是整数').min(0, '价格不能为负').max(PRICE_MAX_FEN, '价格过高')

/** Words and filters shared by the agent's and the supplier's search (docs/decisions/search.md). */
const SearchFields = {
  /** Words of the description or spec names; empty → the list with the filters only. */
  q: z.string().trim().max(QUERY_MAX, `搜索词最多 ${QUERY_MAX} 个字`).optional(),
  category: z.string().min(1).max(CATEGORY_FILTER_MAX).optional(),
  /** My price (the caller's own price of the product's cheapest spec), in fen, either end open. */
  minPrice: PriceBound.optional(),
  maxPrice: PriceBound.optional(),
  /** 新上架: published today, in the last 3 or 7 days (Asia/Shanghai days, today included). */
  newWithin: z.enum(NEW_WINDOWS).optional(),
  sort: z.enum(SEARCH_SORTS).default('newest'),
}

function orderedRange(input: { minPrice?: number; maxPrice?: number }, ctx: z.RefinementCtx) {
  if (input.minPrice !== undefined && input.maxPrice !== undefined && input.minPrice > input.maxPrice) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['maxPrice'], message: '最高价不能低于最低价' })
  }
}

/** `feed.search`: over every bound supplier's on-sale products, or one supplier's. */
export const FeedSearchInput = PageInput.extend({ ...SearchFields, supplierId: z.string().min(1).optional() })
  .strict()
  .superRefine(orderedRange)

/**
 * `feed.searchPosts`: over every bound supplier's shown posts, or one supplier's, by words and
 * 新上架, newest first. Posts have no category or price, so those filters are not accepted.
 */
export const PostSearchInput = PageInput.extend({
  q: SearchFields.q,
  newWithin: SearchFields.newWithin,
  supplierId: z.string().min(1).optional(),
}).strict()

/** `product.search`: over the supplier's own products of one list (销售中 / 已下架). */
export const OwnSearchInput = PageInput.extend({ ...SearchFields, status: ProductStatus })
  .strict()
  .superRefine(orderedRange)

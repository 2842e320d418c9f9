import { DAY_MS } from './time'

/** The limits of a product (R4, R8), without zod: the feed's cards use them in the main package, which zod would outgrow. */
export const DESCRIPTION_MAX = 500
export const SPEC_IMAGES_MAX = 9
export const SPECS_MAX = 50
export const SPEC_NAME_MAX = 30
/** R8: a product is on sale for 30 days from publishing or relisting. */
export const PRODUCT_VALIDITY_MS = 30 * DAY_MS
/** Lists highlight products leaving the shelf within three days. */
export const EXPIRING_SOON_MS = 3 * DAY_MS
/** ¥1,000,000.00: above any wholesale unit price, below float trouble. */
export const PRICE_MAX_FEN = 100_000_000
export const STOCK_MAX = 10_000_000

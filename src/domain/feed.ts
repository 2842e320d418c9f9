import { z } from './zod'
import { SupplierCardSchema } from './network'

// The badge's rule is zod-free, for the feed page in the main package, which zod would outgrow.
export { NEW_COUNT_MAX, newCountLabel } from './feed-rules'

/**
 * What an agent receives for a product: its own price per spec instead of `price`/`tierPrices`
 * (SPEC §4), temporary image URLs (R9), and the supplier's public card.
 */
export const AgentSpecSchema = z.object({
  id: z.string(),
  name: z.string(),
  images: z.array(z.string()),
  price: z.number().int(),
  retailPrice: z.number().int().optional(),
  /** The agent's own retail price under its markup (R16), computed whenever answered; absent for the owner's preview. */
  sellPrice: z.number().int().optional(),
  stock: z.number().int(),
})
export type AgentSpec = z.infer<typeof AgentSpecSchema>

export const AgentProductSchema = z.object({
  _id: z.string(),
  supplierId: z.string(),
  supplier: SupplierCardSchema,
  category: z.string(),
  description: z.string(),
  specs: z.array(AgentSpecSchema),
  publishedAt: z.number().int(),
  expiresAt: z.number().int(),
})
export type AgentProduct = z.infer<typeof AgentProductSchema>

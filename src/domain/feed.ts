import { z } from './zod'
import { SupplierCardSchema } from './network'

/** 「N 件新品」 and 「N 条新动态」 are counted up to this many: a badge, whose cost stays bounded (issue 12). */
export const NEW_COUNT_MAX = 100

/** The badge's number: a capped count reads 「99+」, never a false 「100」. */
export function newCountLabel(count: number): string {
  return count >= NEW_COUNT_MAX ? `${NEW_COUNT_MAX - 1}+` : String(count)
}

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

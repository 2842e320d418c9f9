import { z } from './zod'

/** SPEC §4: lists take `cursor?`/`limit?` (20 by default, at most 100) and never page by skip. */
export const PageInput = z.object({
  cursor: z.string().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(100).default(20),
})
export type PageInput = z.infer<typeof PageInput>

export function pageSchema<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}
export type Page<T> = { items: T[]; nextCursor: string | null }

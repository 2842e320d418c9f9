import { z } from './zod'
import categoryList from './categories.json'

/**
 * R3: the platform's first-level categories. The list is data (categories.json), so the platform
 * can open or close a category without touching code.
 */
export const CategorySchema = z.object({ name: z.string().min(1), open: z.boolean() })
export type Category = z.infer<typeof CategorySchema>

export const categories: readonly Category[] = z.array(CategorySchema).parse(categoryList)

export function openCategoryNames(list: readonly Category[] = categories): string[] {
  return list.filter((c) => c.open).map((c) => c.name)
}

export function isOpenCategory(name: string, list: readonly Category[] = categories): boolean {
  return list.some((c) => c.open && c.name === name)
}

import { describe, expect, it } from 'vitest'
import { categories, isOpenCategory, openCategoryNames } from './categories'

describe('categories (R3)', () => {
  it("when the list is loaded, then the manual's 18 first-level categories are open", () => {
    expect(openCategoryNames()).toHaveLength(18)
    expect(openCategoryNames()).toContain('家纺家饰')
  })

  it('when a category is closed in the data, then it is not open', () => {
    expect(categories.some((c) => !c.open)).toBe(true)
    expect(isOpenCategory('汽车用品')).toBe(false)
    expect(isOpenCategory('汽车用品', [{ name: '汽车用品', open: true }])).toBe(true)
  })
})

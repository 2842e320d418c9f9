import { describe, expect, it } from 'vitest'
import { CreatePostInput } from './post'
import { excerpt, POST_TEXT_MAX } from './post-rules'

const file = (i: number) => `cloud://env.bucket/uploads/abc/products/${i}.png`
const ok = { text: '新品上架', images: [], productIds: ['p1'] }

describe('post rules (R14)', () => {
  it.each([
    ['500 code points of Chinese', { ...ok, text: '好'.repeat(POST_TEXT_MAX) }, true],
    ['501 code points', { ...ok, text: '好'.repeat(POST_TEXT_MAX + 1) }, false],
    ['500 emoji (one code point each)', { ...ok, text: '🔥'.repeat(POST_TEXT_MAX) }, true],
    ['empty text', { ...ok, text: '' }, false],
    ['only spaces and zero-width characters', { ...ok, text: ' \u200b\n ' }, false],
    ['9 images', { ...ok, images: Array.from({ length: 9 }, (_, i) => file(i)) }, true],
    ['10 images', { ...ok, images: Array.from({ length: 10 }, (_, i) => file(i)) }, false],
    ['a malformed image ID', { ...ok, images: ['https://x/a.png'] }, false],
    ['no product', { ...ok, productIds: [] }, false],
    ['9 products', { ...ok, productIds: Array.from({ length: 9 }, (_, i) => `p${i}`) }, true],
    ['10 products', { ...ok, productIds: Array.from({ length: 10 }, (_, i) => `p${i}`) }, false],
    ['the same product twice', { ...ok, productIds: ['p1', 'p1'] }, false],
    ['images left out (none)', { text: '新品', productIds: ['p1'] }, true],
    ['an unknown field', { ...ok, supplierId: 'x' }, false],
  ])('when %s, then valid is %s', (_case, input, valid) => {
    expect(CreatePostInput.safeParse(input).success).toBe(valid)
  })

  it('when a text is long or starts with blank lines, then its excerpt is its first line, cut with …', () => {
    expect(excerpt('\n  春季新款\n第二行')).toBe('春季新款')
    expect(excerpt('好'.repeat(50), 40)).toBe(`${'好'.repeat(40)}…`)
  })
})

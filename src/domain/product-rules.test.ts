import { describe, expect, it } from 'vitest'
import { productPictures, productThumbnail } from './product-rules'

const spec = (...images: string[]) => ({ images })
const many = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`)

describe("a product's pictures and thumbnail (R5, Moments' nine)", () => {
  it.each([
    ['no spec has pictures', [spec(), spec()], [], ''],
    ['the first spec has none', [spec(), spec('b1', 'b2')], ['b1', 'b2'], 'b1'],
    ['specs share a picture: it shows once, where it first appears', [spec('a1', 'x'), spec('x', 'b1')], ['a1', 'x', 'b1'], 'a1'],
    ['exactly nine', [spec(...many('a', 5)), spec(...many('b', 4))], [...many('a', 5), ...many('b', 4)], 'a1'],
    ['the 10th picture and later are left out', [spec(...many('a', 9)), spec('b1')], many('a', 9), 'a1'],
    ['nine repeats of one picture and then a new one', [spec(...Array<string>(9).fill('a')), spec('b')], ['a', 'b'], 'a'],
  ])('when %s, then the pictures and the thumbnail are right', (_case, specs, pictures, thumbnail) => {
    expect(productPictures(specs)).toEqual(pictures)
    expect(productThumbnail(specs)).toBe(thumbnail)
  })
})

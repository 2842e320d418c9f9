import { defineFunction } from '../lib/handler'
import { getProduct, listProducts, newCount } from '../lib/feed'

export const main = defineFunction('feed', {
  products: (input, caller) => listProducts(input, caller),
  product: (input, caller) => getProduct(input, caller),
  newCount: (input, caller) => newCount(input, caller),
})

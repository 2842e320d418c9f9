import { defineFunction } from '../lib/platform/handler'
import { getProduct, listProducts, newCount } from '../lib/use-cases/feed'

export const main = defineFunction('feed', {
  products: (input, caller) => listProducts(input, caller),
  product: (input, caller) => getProduct(input, caller),
  newCount: (input, caller) => newCount(input, caller),
})

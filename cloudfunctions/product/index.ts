import { defineFunction } from '../lib/platform/handler'
import {
  createProduct,
  delistProducts,
  getProduct,
  listMyProducts,
  productCode,
  relistProducts,
  removeProducts,
  updateProduct,
} from '../lib/use-cases/products'
import { searchMyProducts } from '../lib/use-cases/search'

export const main = defineFunction('product', {
  create: (input, caller) => createProduct(input, caller),
  update: (input, caller) => updateProduct(input, caller),
  get: (input, caller) => getProduct(input, caller),
  listMine: (input, caller) => listMyProducts(input, caller),
  search: (input, caller) => searchMyProducts(input, caller),
  delist: (input, caller) => delistProducts(input, caller),
  relist: (input, caller) => relistProducts(input, caller),
  remove: (input, caller) => removeProducts(input, caller),
  code: (input, caller) => productCode(input, caller),
})

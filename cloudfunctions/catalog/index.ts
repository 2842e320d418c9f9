import { getShop, importFile, listShop } from '../lib/use-cases/catalog'
import { defineFunction } from '../lib/platform/handler'

export const main = defineFunction('catalog', {
  importFile: (input, caller) => importFile(input, caller),
  listShop: (input, caller) => listShop(input, caller),
  getShop: (input, caller) => getShop(input, caller),
})

import { getShop, importFile, listShop } from '../lib/catalog'
import { defineFunction } from '../lib/handler'

export const main = defineFunction('catalog', {
  importFile: (input, caller) => importFile(input, caller),
  listShop: (input, caller) => listShop(input, caller),
  getShop: (input, caller) => getShop(input, caller),
})

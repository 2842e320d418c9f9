import { defineFunction } from '../lib/platform/handler'
import { getShipping, listShipping, removeShipping, saveShipping } from '../lib/use-cases/shipping'

export const main = defineFunction('shipping', {
  list: (_input, caller) => listShipping(caller),
  get: (input, caller) => getShipping(input, caller),
  save: (input, caller) => saveShipping(input, caller),
  remove: (input, caller) => removeShipping(input, caller),
})

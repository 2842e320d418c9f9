import { defineFunction } from '../lib/platform/handler'
import { listShipping, removeShipping, saveShipping } from '../lib/use-cases/shipping'

export const main = defineFunction('shipping', {
  list: (_input, caller) => listShipping(caller),
  save: (input, caller) => saveShipping(input, caller),
  remove: (input, caller) => removeShipping(input, caller),
})

import { defineFunction } from '../lib/handler'
import { listShipping, removeShipping, saveShipping } from '../lib/shipping'

export const main = defineFunction('shipping', {
  list: (_input, caller) => listShipping(caller),
  save: (input, caller) => saveShipping(input, caller),
  remove: (input, caller) => removeShipping(input, caller),
})

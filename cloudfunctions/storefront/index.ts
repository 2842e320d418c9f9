import { defineFunction } from '../lib/platform/handler'
import { addProducts, mine, removeProducts, reorder, save, share, view } from '../lib/use-cases/storefront'

export const main = defineFunction('storefront', {
  mine: (_input, caller) => mine(caller),
  save: (input, caller) => save(input, caller),
  addProducts: (input, caller) => addProducts(input, caller),
  removeProducts: (input, caller) => removeProducts(input, caller),
  reorder: (input, caller) => reorder(input, caller),
  share: (input, caller) => share(input, caller),
  // No identity needed: customers open a storefront's card without logging in.
  view: (input) => view(input),
})

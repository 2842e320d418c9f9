import { defineFunction } from '../lib/platform/handler'
import { homeCode, listForReview, me, register, updateProfile, verify } from '../lib/use-cases/suppliers'

export const main = defineFunction('supplier', {
  register: (input, caller) => register(input, caller),
  updateProfile: (input, caller) => updateProfile(input, caller),
  me: (_input, caller) => me(caller),
  verify: (input, caller) => verify(input, caller),
  listForReview: (input, caller) => listForReview(input, caller),
  homeCode: (_input, caller) => homeCode(caller),
})

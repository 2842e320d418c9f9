import { defineFunction } from '../lib/platform/handler'
import { login, updateProfile } from '../lib/use-cases/users'

export const main = defineFunction('user', {
  login: (_input, caller) => login(caller),
  updateProfile: (input, caller) => updateProfile(input, caller),
})

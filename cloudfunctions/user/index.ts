import { defineFunction } from '../lib/handler'
import { login, updateProfile } from '../lib/users'

export const main = defineFunction('user', {
  login: (_input, caller) => login(caller),
  updateProfile: (input, caller) => updateProfile(input, caller),
})

import { defineFunction } from '../lib/platform/handler'
import { login, updateProfile, uploadPath } from '../lib/use-cases/users'

export const main = defineFunction('user', {
  login: (_input, caller) => login(caller),
  updateProfile: (input, caller) => updateProfile(input, caller),
  uploadPath: (input, caller) => uploadPath(input, caller),
})

import { defineFunction } from '../lib/platform/handler'
import { createPost, listMyPosts, removePosts } from '../lib/use-cases/posts'

export const main = defineFunction('post', {
  create: (input, caller) => createPost(input, caller),
  listMine: (input, caller) => listMyPosts(input, caller),
  remove: (input, caller) => removePosts(input, caller),
})

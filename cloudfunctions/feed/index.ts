import { defineFunction } from '../lib/platform/handler'
import { getProduct, listProducts, newCount } from '../lib/use-cases/feed'
import { listPosts, newPostCount } from '../lib/use-cases/posts'
import { forwardMany, selectionView, shareSelection } from '../lib/use-cases/forward-many'
import { myText, setMyText } from '../lib/use-cases/my-words'
import { searchFeed, searchPosts } from '../lib/use-cases/search'
import { myShares } from '../lib/use-cases/my-shares'
import { forward, share, shareCode, shareView } from '../lib/use-cases/sharing'

export const main = defineFunction('feed', {
  products: (input, caller) => listProducts(input, caller),
  product: (input, caller) => getProduct(input, caller),
  newCount: (input, caller) => newCount(input, caller),
  search: (input, caller) => searchFeed(input, caller),
  searchPosts: (input, caller) => searchPosts(input, caller),
  posts: (input, caller) => listPosts(input, caller),
  newPostCount: (input, caller) => newPostCount(input, caller),
  share: (input, caller) => share(input, caller),
  forward: (input, caller) => forward(input, caller),
  shareCode: (input, caller) => shareCode(input, caller),
  // No identity needed: customers open shared cards without logging in (R16).
  shareView: (input) => shareView(input),
  myShares: (input, caller) => myShares(input, caller),
  myText: (input, caller) => myText(input, caller),
  setMyText: (input, caller) => setMyText(input, caller),
  forwardMany: (input, caller) => forwardMany(input, caller),
  shareSelection: (input, caller) => shareSelection(input, caller),
  // No identity needed, as for shareView (R16).
  selectionView: (input) => selectionView(input),
})

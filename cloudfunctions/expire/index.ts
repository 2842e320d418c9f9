import { finishBindingCopies } from '../lib/binding-copies'
import { moveFirstReleaseFiles } from '../lib/first-release-files'
import { now } from '../lib/platform/clock'
import { defineTimer } from '../lib/platform/handler'
import { finishPostTokens, finishProductTokens } from '../lib/product-tokens'
import { runExpiryJobs } from '../lib/use-cases/expiry'

// One-off migrations ride on the timer until each marks itself done (docs/decisions/binding-copies.md,
// search.md, share-privacy.md §3).
export const main = defineTimer(async () => ({
  ...(await runExpiryJobs()),
  bindingCopies: await finishBindingCopies(now()),
  productTokens: await finishProductTokens(now()),
  postTokens: await finishPostTokens(now()),
  firstReleaseFiles: await moveFirstReleaseFiles(now()),
}))

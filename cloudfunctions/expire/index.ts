import { finishBindingCopies } from '../lib/binding-copies'
import { now } from '../lib/platform/clock'
import { defineTimer } from '../lib/platform/handler'
import { runExpiryJobs } from '../lib/use-cases/expiry'

// The one-off migration of old bindings rides on the timer until it marks itself done (docs/decisions/binding-copies.md).
export const main = defineTimer(async () => ({ ...(await runExpiryJobs()), bindingCopies: await finishBindingCopies(now()) }))

import { defineTimer } from '../lib/platform/handler'
import { runExpiryJobs } from '../lib/use-cases/expiry'

export const main = defineTimer(runExpiryJobs)

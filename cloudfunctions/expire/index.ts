import { handleTimer } from '../lib/expiry'

export const main = handleTimer

import { defineFunction } from '../lib/platform/handler'
import * as addresses from '../lib/use-cases/order-addresses'
import * as exporting from '../lib/use-cases/order-export'
import * as lifecycle from '../lib/use-cases/order-lifecycle'
import * as payments from '../lib/use-cases/order-payments'
import * as placing from '../lib/use-cases/order-placing'
import * as reading from '../lib/use-cases/order-reading'
import * as stats from '../lib/use-cases/order-stats'

export const main = defineFunction('order', {
  quote: (input, caller) => placing.quote(input, caller),
  create: (input, caller) => placing.createOrder(input, caller),
  pay: (input, caller) => payments.pay(input, caller),
  get: (input, caller) => reading.getOrder(input, caller),
  listMine: (input, caller) => reading.listMine(input, caller),
  countsMine: (input, caller) => reading.countsMine(input, caller),
  listSold: (input, caller) => reading.listSold(input, caller),
  countsSold: (input, caller) => reading.countsSold(input, caller),
  ship: (input, caller) => lifecycle.ship(input, caller),
  cancel: (input, caller) => lifecycle.cancel(input, caller),
  confirm: (input, caller) => lifecycle.confirm(input, caller),
  refund: (input, caller) => lifecycle.refund(input, caller),
  export: (input, caller) => exporting.exportOrders(input, caller),
  addresses: (input, caller) => addresses.addresses(input, caller),
  removeAddress: (input, caller) => addresses.forgetAddress(input, caller),
  templates: (input, caller) => lifecycle.templates(input, caller),
  stats: (input, caller) => stats.stats(input, caller),
})

import { defineFunction } from '../lib/platform/handler'
import * as orders from '../lib/use-cases/orders'

export const main = defineFunction('order', {
  quote: (input, caller) => orders.quote(input, caller),
  create: (input, caller) => orders.createOrder(input, caller),
  pay: (input, caller) => orders.pay(input, caller),
  get: (input, caller) => orders.getOrder(input, caller),
  listMine: (input, caller) => orders.listMine(input, caller),
  countsMine: (input, caller) => orders.countsMine(input, caller),
  listSold: (input, caller) => orders.listSold(input, caller),
  countsSold: (input, caller) => orders.countsSold(input, caller),
  ship: (input, caller) => orders.ship(input, caller),
  cancel: (input, caller) => orders.cancel(input, caller),
  confirm: (input, caller) => orders.confirm(input, caller),
  export: (input, caller) => orders.exportOrders(input, caller),
  addresses: (input, caller) => orders.addresses(input, caller),
  removeAddress: (input, caller) => orders.forgetAddress(input, caller),
  templates: (input, caller) => orders.templates(input, caller),
  stats: (input, caller) => orders.stats(input, caller),
})

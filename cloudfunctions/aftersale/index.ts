import { defineFunction } from '../lib/platform/handler'
import * as moves from '../lib/use-cases/aftersale-moves'
import * as reading from '../lib/use-cases/aftersale-reading'

export const main = defineFunction('aftersale', {
  apply: (input, caller) => moves.apply(input, caller),
  get: (input, caller) => reading.getCase(input, caller),
  listMine: (input, caller) => reading.listMine(input, caller),
  listSold: (input, caller) => reading.listSold(input, caller),
  counts: (input, caller) => reading.counts(input, caller),
  agree: (input, caller) => moves.agree(input, caller),
  refuse: (input, caller) => moves.refuse(input, caller),
  returnShip: (input, caller) => moves.returnShip(input, caller),
  confirmReceipt: (input, caller) => moves.confirmReceipt(input, caller),
  withdraw: (input, caller) => moves.withdraw(input, caller),
  escalate: (input, caller) => moves.escalate(input, caller),
  listEscalated: (input, caller) => reading.listEscalated(input, caller),
  decide: (input, caller) => moves.decide(input, caller),
})

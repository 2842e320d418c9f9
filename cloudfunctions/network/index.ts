import { defineFunction } from '../lib/platform/handler'
import { getMarkup, removeMarkup, setMarkup } from '../lib/use-cases/markups'
import { shareInsight } from '../lib/use-cases/sharing'
import {
  bind,
  listAgents,
  listTiers,
  mySuppliers,
  preview,
  rotateCode,
  saveTiers,
  setRemark,
  setTier,
  unbind,
} from '../lib/use-cases/network'

export const main = defineFunction('network', {
  preview: (input) => preview(input),
  bind: (input, caller) => bind(input, caller),
  mySuppliers: (_input, caller) => mySuppliers(caller),
  listAgents: (input, caller) => listAgents(input, caller),
  setRemark: (input, caller) => setRemark(input, caller),
  setTier: (input, caller) => setTier(input, caller),
  unbind: (input, caller) => unbind(input, caller),
  tiers: (_input, caller) => listTiers(caller),
  saveTiers: (input, caller) => saveTiers(input, caller),
  rotateCode: (_input, caller) => rotateCode(caller),
  setMarkup: (input, caller) => setMarkup(input, caller),
  markup: (input, caller) => getMarkup(input, caller),
  removeMarkup: (input, caller) => removeMarkup(input, caller),
  shareStats: (input, caller) => shareInsight(input, caller),
})

import { expect } from 'vitest'
import type { Answer } from '@/domain/errors'
import { shanghaiDay } from '@/domain/time'
import type { TestCloud } from '../functions/test-cloud'
import { Invariants, groupBy, sum } from './invariants'
import type { OrderRecord } from '../../cloudfunctions/lib/store/orders'

/** What the concurrency cases share: the cloud (set by the test file), the counted call, the store checks. */
export const world = { t: undefined as unknown as TestCloud, requests: 0 }
export const inv = new Invariants()

export type Call = TestCloud['call']
/** world.t.call, counted; no refusal is ever INTERNAL (a conflict is retried or answered CONFLICT). */
export const call: Call = async (fn, action, input, openid) => {
  world.requests += 1
  const answer = await world.t.call(fn, action, input, openid)
  inv.check(answer.ok || answer.error.code !== 'INTERNAL', `${fn}.${action} never answers INTERNAL`, () => answer)
  return answer
}
export async function ok<T>(answer: Promise<Answer<T>>): Promise<T> {
  const done = await answer
  if (!done.ok) throw new Error(`${done.error.code} ${done.error.message}`)
  return done.data
}

/** Violations found by one case: the case fails listing them. */
export function expectNoNewViolations(before: number) {
  expect(inv.violations.slice(before)).toEqual([])
}

export interface StoredSpec {
  id: string
  price: number
  tierPrices: Record<string, number>
  stock: number
}
/** Orders as the store holds them (read straight from the local store). */
export type StoredOrder = OrderRecord
export const storedSpecs = (productId: string) =>
  ((world.t.db.find('products', { _id: productId })[0]?.specs ?? []) as StoredSpec[]).slice()
export const storedOrders = (supplierId: string) => world.t.db.find('orders', { supplierId }) as unknown as StoredOrder[]
export const live = (order: StoredOrder) => order.status !== 'cancelled'
export const paidStatuses = new Set(['paid', 'shipped', 'completed'])

/** Pieces of each spec held by orders that still hold stock (every status but cancelled). */
export function piecesHeld(orders: StoredOrder[], productId: string, specId: string): number {
  return sum(orders.filter(live).flatMap((o) => o.items.filter((i) => i.productId === productId && i.specId === specId).map((i) => i.qty)))
}

/** Stock never negative, and what is left plus what live orders hold is what the supplier stocked. */
export function checkStock(productId: string, initial: Map<string, number>, orders: StoredOrder[], label: string) {
  for (const spec of storedSpecs(productId)) {
    inv.check(spec.stock >= 0, `${label}: stock of ${spec.id} never negative`, () => spec.stock)
    inv.equal(spec.stock + piecesHeld(orders, productId, spec.id), initial.get(spec.id), `${label}: stock + sold = stocked (${spec.id})`)
  }
}

/** The supplier's daily counters add up to its paid orders (count and fen). */
export function checkPaidCounters(supplierId: string, label: string) {
  const orders = storedOrders(supplierId).filter((o) => paidStatuses.has(o.status))
  const days = world.t.db.find('supplier_days', { supplierId }) as Array<{ day: string; paidOrders: number; salesFen: number }>
  const byDay = groupBy(orders, (o) => shanghaiDay(o.paidAt ?? 0))
  for (const day of new Set([...byDay.keys(), ...days.map((d) => d.day)])) {
    const counted = days.find((d) => d.day === day)
    const paid = byDay.get(day) ?? []
    inv.equal(
      { paidOrders: counted?.paidOrders ?? 0, salesFen: counted?.salesFen ?? 0 },
      { paidOrders: paid.length, salesFen: sum(paid.map((o) => o.total)) },
      `${label}: supplier_days ${day} = its paid orders`,
    )
  }
}

export async function bindAgents(scene: string, agents: string[]) {
  await Promise.all(agents.map((agent) => ok(call('user', 'login', {}, agent))))
  // Each agent taps 确认绑定 twice at once: one binding, both answers fine.
  await Promise.all(
    agents.flatMap((agent) => [ok(call('network', 'bind', { scene }, agent)), ok(call('network', 'bind', { scene }, agent))]),
  )
}

import { command, db, totalOf } from '../platform/cloud'

/** Orders as stored (R17). This module owns every query of the `orders` collection. */
const orders = () => db.collection('orders')

/**
 * Orders per agent with this supplier, for the agent list (R13). Cancelled orders are not counted:
 * they never became business. Agents without orders are absent from the map.
 */
export async function countOrdersOfAgents(supplierId: string, agentOpenids: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  if (agentOpenids.length === 0) return counts
  const $ = command.aggregate
  const { list } = (await orders()
    .aggregate()
    .match({ supplierId, agentOpenid: command.in(agentOpenids), status: command.neq('cancelled') })
    .group({ _id: '$agentOpenid', orders: $.sum(1) })
    .end()) as { list: Array<{ _id: string; orders: number }> }
  for (const row of list) counts.set(row._id, row.orders)
  return counts
}

/** 待发货 on the admin home: paid orders not shipped yet. */
export async function countOrdersToShip(supplierId: string): Promise<number> {
  return totalOf(orders().where({ supplierId, status: 'paid' }).count())
}

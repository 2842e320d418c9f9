import { command, db, totalOf } from '../cloud'
import { onSaleWhere } from './products'

/** Counts shown on the admin home (微供管理首页). */
export async function countSupplierStats(supplierId: string, now: number, expiringWithinMs: number) {
  const [onSaleProducts, expiringSoon, agents, ordersToShip] = await Promise.all([
    totalOf(db.collection('products').where({ supplierId, ...onSaleWhere(now) }).count()),
    totalOf(
      db
        .collection('products')
        .where({ supplierId, status: 'on_sale', expiresAt: command.gt(now).and(command.lte(now + expiringWithinMs)) })
        .count(),
    ),
    totalOf(db.collection('bindings').where({ supplierId }).count()),
    totalOf(db.collection('orders').where({ supplierId, status: 'paid' }).count()),
  ])
  return { onSaleProducts, expiringSoon, agents, ordersToShip }
}

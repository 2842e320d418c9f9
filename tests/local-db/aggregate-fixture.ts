import type { LocalDatabase } from '../../local/db/index'
import { add, open } from './helpers'

/** A fresh database with the orders (`items`) and users the aggregation tests join and group. */
export async function openWithOrders(): Promise<LocalDatabase> {
  const db = open()
  await db.handle(
    add(
      'items',
      {
        _id: 'o1',
        shop: 's1',
        status: 'paid',
        amount: 10,
        uid: 'u1',
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 2 },
        ],
      },
      { _id: 'o2', shop: 's1', status: 'paid', amount: 30, uid: 'u2', items: [{ sku: 'a', qty: 3 }] },
      { _id: 'o3', shop: 's2', status: 'paid', amount: 5, uid: 'u1', items: [] },
      { _id: 'o4', shop: 's2', status: 'cancelled', amount: 100, uid: 'u3' },
    ),
  )
  await db.handle(add('users', { _id: 'u1', openid: 'x1', name: 'Ann' }, { _id: 'u2', openid: 'x2', name: 'Bo' }))
  return db
}

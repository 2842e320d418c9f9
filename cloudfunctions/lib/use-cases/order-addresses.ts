import type { ActionArgs } from '@/domain/api'
import { requireOpenid, type Caller } from '../platform/caller'
import { listAddresses, removeAddress } from '../store/addresses'

/** The agent's address book: the consignees it ordered to, most recently used first (placing an order remembers them). */

export async function addresses(_input: ActionArgs<'order', 'addresses'>, caller: Caller) {
  const openid = requireOpenid(caller)
  const rows = await listAddresses(openid)
  return { items: rows.map((r) => ({ id: r._id, consignee: { ...r.consignee, district: r.consignee.district ?? '' }, usedAt: r.usedAt })) }
}

export async function forgetAddress(input: ActionArgs<'order', 'removeAddress'>, caller: Caller) {
  return { removed: await removeAddress(requireOpenid(caller), input.id) }
}

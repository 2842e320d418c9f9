import type { Consignee } from '@/domain/order'
import { db, rowsOf } from '../platform/cloud'
import { addressId } from './ids'

/**
 * An agent's address book: the consignees it ordered to, most recently used first. One document per
 * agent and consignee (the id is a hash of both), so ordering to the same address again only
 * refreshes `usedAt`. Never read for anyone but the agent itself.
 */
export interface AddressRecord {
  _id: string
  agentOpenid: string
  consignee: Consignee
  usedAt: number
}

/** How many recent addresses the book keeps showing. */
export const ADDRESSES_SHOWN = 20

const addresses = () => db.collection('addresses')

export async function rememberAddress(agentOpenid: string, consignee: Consignee, usedAt: number): Promise<void> {
  await addresses().doc(addressId(agentOpenid, consignee)).set({ data: { agentOpenid, consignee, usedAt } })
}

/** Index agent_used. */
export async function listAddresses(agentOpenid: string): Promise<AddressRecord[]> {
  return rowsOf<AddressRecord>(
    addresses()
      .where({ agentOpenid })
      .orderBy('usedAt', 'desc')
      .limit(ADDRESSES_SHOWN)
      .field({ _id: true, agentOpenid: true, consignee: true, usedAt: true })
      .get(),
  )
}

export async function removeAddress(agentOpenid: string, id: string): Promise<number> {
  const { stats } = (await addresses().where({ _id: id, agentOpenid }).remove()) as { stats?: { removed?: number } }
  return stats?.removed ?? 0
}

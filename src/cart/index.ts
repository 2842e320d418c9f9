import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'

/**
 * 进货单: what an agent means to buy, per supplier, kept on the phone (per user) until it orders.
 * It keeps what the agent saw (names, picture, its price) only to draw the list; every price that
 * counts comes from the server's quote (R17: the client never sends a price).
 */
export interface CartLine {
  productId: string
  specId: string
  qty: number
  title: string
  specName: string
  image: string
  /** The agent's price when added, for the list only. */
  price: number
  /** Stock when added: the stepper's upper bound until the quote says otherwise. */
  stock: number
}

export interface CartGroup {
  supplierId: string
  supplierName: string
  lines: CartLine[]
}

type Cart = Record<string, CartGroup>

const KEY_PREFIX = 'wegong.cart.v1.'
const listeners = new Set<() => void>()
let owner = 'anonymous'

/** The signed-in user whose 进货单 is read and written (set by the pages from the session). */
export function setCartOwner(userId: string): void {
  if (owner === userId) return
  owner = userId
  listeners.forEach((listener) => listener())
}

function read(): Cart {
  try {
    const raw: unknown = Taro.getStorageSync(KEY_PREFIX + owner)
    return raw && typeof raw === 'object' ? (raw as Cart) : {}
  } catch {
    return {}
  }
}

function write(cart: Cart): void {
  try {
    Taro.setStorageSync(KEY_PREFIX + owner, cart)
  } catch {
    // Storage full or unavailable: the cart lasts as long as the page.
  }
  listeners.forEach((listener) => listener())
}

export function cartGroups(): CartGroup[] {
  return Object.values(read()).filter((group) => group.lines.length > 0)
}

export function cartGroup(supplierId: string): CartGroup | null {
  const group = read()[supplierId]
  return group && group.lines.length > 0 ? group : null
}

export function cartCount(): number {
  return cartGroups().reduce((sum, group) => sum + group.lines.length, 0)
}

/** Adds a spec (or more of it, within its stock); answers the quantity now in the 进货单. */
export function addToCart(supplierId: string, supplierName: string, line: CartLine): number {
  const cart = read()
  const group = cart[supplierId] ?? { supplierId, supplierName, lines: [] }
  const existing = group.lines.find((l) => l.productId === line.productId && l.specId === line.specId)
  const qty = Math.max(1, Math.min(line.stock, (existing?.qty ?? 0) + line.qty))
  const next = { ...line, qty }
  group.lines = existing ? group.lines.map((l) => (l === existing ? next : l)) : [...group.lines, next]
  group.supplierName = supplierName
  cart[supplierId] = group
  write(cart)
  return qty
}

export function setCartQty(supplierId: string, productId: string, specId: string, qty: number): void {
  const cart = read()
  const group = cart[supplierId]
  if (!group) return
  group.lines = group.lines.map((l) => (l.productId === productId && l.specId === specId ? { ...l, qty: Math.max(1, qty) } : l))
  write(cart)
}

export function removeFromCart(supplierId: string, keys: Array<{ productId: string; specId: string }>): void {
  const cart = read()
  const group = cart[supplierId]
  if (!group) return
  const gone = new Set(keys.map((k) => `${k.productId}/${k.specId}`))
  group.lines = group.lines.filter((l) => !gone.has(`${l.productId}/${l.specId}`))
  if (group.lines.length === 0) delete cart[supplierId]
  write(cart)
}

/** The 进货单 as it is now, re-read whenever it changes. */
export function useCart(): CartGroup[] {
  const [groups, setGroups] = useState<CartGroup[]>(() => cartGroups())
  const refresh = useCallback(() => setGroups(cartGroups()), [])
  useEffect(() => {
    listeners.add(refresh)
    refresh()
    return () => void listeners.delete(refresh)
  }, [refresh])
  return groups
}

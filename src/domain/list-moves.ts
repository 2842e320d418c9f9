/** 置顶 / 上移 / 下移: how one item moves in a list the user orders by hand (我的小店's products). */
export type Move = 'top' | 'up' | 'down'

/** The list with item `index` moved, or null when it cannot move that way (already first / last). */
export function moveItem<T>(list: readonly T[], index: number, move: Move): T[] | null {
  const to = move === 'top' ? 0 : move === 'up' ? index - 1 : index + 1
  if (index < 0 || index >= list.length || to < 0 || to >= list.length || to === index) return null
  const next = [...list]
  const [item] = next.splice(index, 1) as [T]
  next.splice(to, 0, item)
  return next
}

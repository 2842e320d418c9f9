/**
 * How deep an event may nest objects and arrays. The contract's deepest input is a handful of levels;
 * anything past this is refused before a schema, the file guard or a log walks it, so no event can
 * overflow a stack (issue 11). The local gateway has its own, looser bound for the same reason.
 */
export const EVENT_MAX_DEPTH = 32

/** Whether `value` nests objects or arrays deeper than `max` levels; iterative, so no depth overflows it. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number]
    if (node === null || typeof node !== 'object') continue
    if (depth + 1 > max) return true
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1])
  }
  return false
}

/** A UTF-16 surrogate without its pair: no character at all, and not storable as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Whether any string of `value` (a key or a value, at any depth) holds a lone surrogate. JSON can
 * carry one (`"\ud800"`); stored, it would turn into U+FFFD or be refused by the database, so an
 * event holding one is refused whole (issue 11). Iterative, like `nestedDeeperThan`.
 */
export function hasLoneSurrogate(value: unknown): boolean {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const node = stack.pop()
    if (typeof node === 'string') {
      if (LONE_SURROGATE.test(node)) return true
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (LONE_SURROGATE.test(key)) return true
        stack.push(child)
      }
    }
  }
  return false
}

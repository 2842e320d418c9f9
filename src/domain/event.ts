/**
 * How deep an event may nest objects and arrays. The contract's deepest input is a handful of levels;
 * anything past this is refused before a schema, the file guard or a log walks it, so no event can
 * overflow a stack. The local gateway has its own, looser bound for the same reason.
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

/**
 * What no text of this product holds: a UTF-16 surrogate without its pair (no character at all, and
 * not storable as UTF-8), or a control character other than tab, line feed and carriage return
 * (NUL and the like: invisible, cut strings short in other systems, and pasted by mistake).
 */
const UNREADABLE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/

/**
 * Whether any string of `value` (a key or a value, at any depth) holds an unreadable character (see
 * `UNREADABLE`). JSON can carry them (`"\ud800"`, `"\u0000"`); an event holding one is refused whole,
 * before any schema reads it, so no such string reaches the store or a log. Iterative, like `nestedDeeperThan`.
 */
export function hasUnreadableText(value: unknown): boolean {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const node = stack.pop()
    if (typeof node === 'string') {
      if (UNREADABLE.test(node)) return true
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (UNREADABLE.test(key)) return true
        stack.push(child)
      }
    }
  }
  return false
}

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

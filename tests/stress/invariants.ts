/**
 * Bookkeeping shared by the stress parts: every request tried and every invariant checked is
 * counted for the report, and a broken invariant is kept with what broke it, so a part fails with
 * all of them listed rather than at the first.
 */
export class Invariants {
  checks = 0
  readonly violations: string[] = []

  check(holds: boolean, what: string, detail?: () => unknown): void {
    this.checks += 1
    if (!holds) this.violations.push(detail ? `${what}: ${JSON.stringify(detail())}` : what)
  }

  /** Checks `actual === expected`, saying both when not. */
  equal(actual: unknown, expected: unknown, what: string): void {
    const same = JSON.stringify(actual) === JSON.stringify(expected)
    this.check(same, what, () => ({ actual, expected }))
  }
}

export function sum(values: Iterable<number>): number {
  let total = 0
  for (const value of values) total += value
  return total
}

/** Groups values by a key. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item])
  return groups
}

/**
 * What a CloudBase environment holds, as far as `npm run deploy` manages it. The repo's declaration
 * and the environment's live state have the same shape, so the plan is a diff of two values.
 */

export interface IndexKey {
  field: string
  direction: 1 | -1
}

export interface IndexState {
  name: string
  unique: boolean
  keys: IndexKey[]
}

export interface CollectionState {
  name: string
  /** The custom security rule as canonical JSON text (what ModifySafeRule stores). */
  rule: string
  indexes: IndexState[]
}

export interface TimerTrigger {
  name: string
  /** Seven-field cron of CloudBase timers. */
  config: string
}

export interface FunctionState {
  name: string
  /** sha256 of the bundle folder (index.js, package.json, config.json) as built. */
  codeSha256: string
  timeout: number
  memory: number
  /** The function's variables, without the deploy's own stamp. */
  variables: Record<string, string>
  triggers: TimerTrigger[]
}

export interface EnvironmentState {
  collections: CollectionState[]
  /** The storage custom rule as canonical JSON text; null where the environment has none yet. */
  storageRule: string | null
  functions: FunctionState[]
}

/**
 * Keys of live documents that a declared unique index would collide on, per collection and index
 * name; only indexes the plan would create on collections that already exist are probed.
 */
export type Duplicates = Record<string, Record<string, string[]>>

/** JSON text with object keys sorted, so equal rules compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    )
  }
  return value
}

export function sameIndex(a: IndexState, b: IndexState): boolean {
  return (
    a.unique === b.unique &&
    a.keys.length === b.keys.length &&
    a.keys.every((key, i) => key.field === b.keys[i].field && key.direction === b.keys[i].direction)
  )
}

export function sameVariables(a: Record<string, string>, b: Record<string, string>): boolean {
  return canonicalJson(a) === canonicalJson(b)
}

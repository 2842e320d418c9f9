/**
 * The pure planner: diff(declared, live) → the steps that bring the environment to the declaration.
 * Order matters and is part of the plan: collections before their indexes, new indexes before any
 * old one is dropped, code before configuration, triggers last (a timer must not fire old code).
 */
import {
  type CollectionState,
  type Duplicates,
  type EnvironmentState,
  type FunctionState,
  type IndexState,
  type TimerTrigger,
  sameIndex,
  sameVariables,
} from './model'

export type Step =
  | { kind: 'create'; what: 'collection'; collection: string }
  | { kind: 'change'; what: 'rule'; collection: string; rule: string }
  | { kind: 'create'; what: 'index'; collection: string; index: IndexState }
  /** Same name, other keys or uniqueness: dropped and created again (names are unique per collection). */
  | { kind: 'rebuild'; what: 'index'; collection: string; index: IndexState }
  | { kind: 'remove'; what: 'index'; collection: string; name: string }
  | { kind: 'remove'; what: 'collection'; collection: string }
  | { kind: 'change'; what: 'storageRule'; rule: string }
  | { kind: 'create'; what: 'function'; fn: FunctionState }
  | { kind: 'change'; what: 'code'; fn: FunctionState }
  | { kind: 'change'; what: 'config'; fn: FunctionState }
  | { kind: 'create'; what: 'trigger'; function: string; trigger: TimerTrigger }
  | { kind: 'remove'; what: 'trigger'; function: string; name: string }
  | { kind: 'remove'; what: 'function'; function: string }

/** Present online, not declared, and left alone (without --prune). */
export interface Undeclared {
  collections: string[]
  /** `collection.index` */
  indexes: string[]
  functions: string[]
}

export interface Refusal {
  collection: string
  index: string
  /** The key values that occur more than once, as `field=value` joined by `, `. */
  keys: string[]
}

export interface Plan {
  steps: Step[]
  undeclared: Undeclared
  /** Unique indexes the live data violates: a plan with any refusal must not be applied. */
  refused: Refusal[]
}

export interface PlanOptions {
  prune?: boolean
  duplicates?: Duplicates
}

export function plan(declared: EnvironmentState, live: EnvironmentState, options: PlanOptions = {}): Plan {
  const prune = options.prune ?? false
  const steps: Step[] = []
  const undeclared: Undeclared = { collections: [], indexes: [], functions: [] }
  const refused: Refusal[] = []
  const liveCollections = new Map(live.collections.map((c) => [c.name, c]))
  const declaredCollections = new Set(declared.collections.map((c) => c.name))

  const creates: Step[] = []
  const rebuilds: Step[] = []
  const removes: Step[] = []
  for (const collection of declared.collections) {
    const current = liveCollections.get(collection.name)
    if (!current) {
      steps.push({ kind: 'create', what: 'collection', collection: collection.name })
      steps.push({ kind: 'change', what: 'rule', collection: collection.name, rule: collection.rule })
      for (const index of collection.indexes) creates.push({ kind: 'create', what: 'index', collection: collection.name, index })
      continue
    }
    if (current.rule !== collection.rule) steps.push({ kind: 'change', what: 'rule', collection: collection.name, rule: collection.rule })
    diffIndexes(collection, current, { creates, rebuilds, removes, undeclared, prune })
    for (const index of collection.indexes) {
      const keys = options.duplicates?.[collection.name]?.[index.name]
      if (index.unique && keys && keys.length > 0 && wouldBuild(index, current)) {
        refused.push({ collection: collection.name, index: index.name, keys })
      }
    }
  }
  steps.push(...creates, ...rebuilds, ...removes)
  for (const collection of live.collections) {
    if (declaredCollections.has(collection.name)) continue
    if (prune) steps.push({ kind: 'remove', what: 'collection', collection: collection.name })
    else undeclared.collections.push(collection.name)
  }

  if (declared.storageRule !== null && declared.storageRule !== live.storageRule) {
    steps.push({ kind: 'change', what: 'storageRule', rule: declared.storageRule })
  }

  steps.push(...planFunctions(declared.functions, live.functions, prune, undeclared))
  return { steps, undeclared, refused }
}

function wouldBuild(index: IndexState, current: CollectionState): boolean {
  const existing = current.indexes.find((i) => i.name === index.name)
  return !existing || !sameIndex(existing, index)
}

function diffIndexes(
  declared: CollectionState,
  live: CollectionState,
  out: { creates: Step[]; rebuilds: Step[]; removes: Step[]; undeclared: Undeclared; prune: boolean },
): void {
  const liveIndexes = new Map(live.indexes.map((i) => [i.name, i]))
  const declaredNames = new Set(declared.indexes.map((i) => i.name))
  for (const index of declared.indexes) {
    const current = liveIndexes.get(index.name)
    if (!current) out.creates.push({ kind: 'create', what: 'index', collection: declared.name, index })
    else if (!sameIndex(current, index)) out.rebuilds.push({ kind: 'rebuild', what: 'index', collection: declared.name, index })
  }
  for (const index of live.indexes) {
    // `_id_` is the collection's own primary index: never ours to declare or drop.
    if (declaredNames.has(index.name) || index.name === '_id_') continue
    if (out.prune) out.removes.push({ kind: 'remove', what: 'index', collection: declared.name, name: index.name })
    else out.undeclared.indexes.push(`${declared.name}.${index.name}`)
  }
}

function planFunctions(declared: FunctionState[], live: FunctionState[], prune: boolean, undeclared: Undeclared): Step[] {
  const steps: Step[] = []
  const triggerSteps: Step[] = []
  const liveFunctions = new Map(live.map((f) => [f.name, f]))
  const declaredNames = new Set(declared.map((f) => f.name))
  for (const fn of declared) {
    const current = liveFunctions.get(fn.name)
    if (!current) {
      steps.push({ kind: 'create', what: 'function', fn })
      for (const trigger of fn.triggers) triggerSteps.push({ kind: 'create', what: 'trigger', function: fn.name, trigger })
      continue
    }
    if (current.codeSha256 !== fn.codeSha256) steps.push({ kind: 'change', what: 'code', fn })
    if (current.timeout !== fn.timeout || current.memory !== fn.memory || !sameVariables(current.variables, fn.variables)) {
      steps.push({ kind: 'change', what: 'config', fn })
    }
    const liveTriggers = new Map(current.triggers.map((t) => [t.name, t]))
    const declaredTriggers = new Set(fn.triggers.map((t) => t.name))
    for (const trigger of current.triggers) {
      const wanted = fn.triggers.find((t) => t.name === trigger.name)
      // A changed timer is removed and created again: CloudBase has no trigger update.
      if (!declaredTriggers.has(trigger.name) || wanted?.config !== trigger.config) {
        triggerSteps.push({ kind: 'remove', what: 'trigger', function: fn.name, name: trigger.name })
      }
    }
    for (const trigger of fn.triggers) {
      if (liveTriggers.get(trigger.name)?.config !== trigger.config) {
        triggerSteps.push({ kind: 'create', what: 'trigger', function: fn.name, trigger })
      }
    }
  }
  for (const fn of live) {
    if (declaredNames.has(fn.name)) continue
    if (prune) triggerSteps.push({ kind: 'remove', what: 'function', function: fn.name })
    else undeclared.functions.push(fn.name)
  }
  return [...steps, ...triggerSteps]
}

/** One line per step, for the printed plan and the report of a stopped run. */
export function describeStep(step: Step): string {
  switch (step.what) {
    case 'collection':
      return `${step.kind} collection ${step.collection}`
    case 'rule':
      return `change rule of ${step.collection} → ${step.rule}`
    case 'index':
      if (step.kind === 'remove') return `remove index ${step.collection}.${step.name}`
      return `${step.kind} index ${step.collection}.${step.index.name} ${describeIndex(step.index)}`
    case 'storageRule':
      return `change storage rule → ${step.rule}`
    case 'function':
      return step.kind === 'create' ? `create function ${step.fn.name} (${describeConfig(step.fn)})` : `remove function ${step.function}`
    case 'code':
      return `change code of function ${step.fn.name} (bundle ${step.fn.codeSha256.slice(0, 12)})`
    case 'config':
      return `change config of function ${step.fn.name} (${describeConfig(step.fn)})`
    case 'trigger':
      return step.kind === 'create'
        ? `create trigger ${step.function}.${step.trigger.name} "${step.trigger.config}"`
        : `remove trigger ${step.function}.${step.name}`
  }
}

function describeIndex(index: IndexState): string {
  const keys = index.keys.map((k) => `${k.field} ${k.direction === 1 ? 'asc' : 'desc'}`).join(', ')
  return `(${keys}${index.unique ? ', unique' : ''})`
}

/** Variable names only: their values may be secrets and are never printed. */
function describeConfig(fn: FunctionState): string {
  const names = Object.keys(fn.variables).sort()
  return `timeout ${fn.timeout}s, memory ${fn.memory} MB, variables ${names.length > 0 ? names.join(' ') : 'none'}`
}

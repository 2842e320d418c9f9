/**
 * One deploy: read the live state, print the plan, and with `apply` carry it out step by step. A
 * failing step stops the run with what was done and what is left; every step is safe to redo, so
 * rerunning completes it.
 */
import type { Duplicates, EnvironmentState } from './model'
import { type Plan, type Step, describeStep, plan } from './plan'

export interface LiveEnvironment {
  read(declared: EnvironmentState): Promise<{ live: EnvironmentState; duplicates: Duplicates }>
  apply(step: Step): Promise<void>
}

export interface DeployOptions {
  apply: boolean
  prune: boolean
  log: (line: string) => void
}

export class DeployError extends Error {}

export async function deploy(declared: EnvironmentState, env: LiveEnvironment, options: DeployOptions): Promise<Plan> {
  const { live, duplicates } = await env.read(declared)
  const result = plan(declared, live, { prune: options.prune, duplicates })
  printPlan(result, options.log)
  if (result.refused.length > 0) {
    throw new DeployError(
      `refused: ${result.refused.map((r) => `unique index ${r.collection}.${r.index} is violated by ${r.keys.join('; ')}`).join(' | ')}. Nothing was changed; fix the data or the declaration.`,
    )
  }
  if (!options.apply || result.steps.length === 0) return result
  for (const [i, step] of result.steps.entries()) {
    try {
      await env.apply(step)
    } catch (error) {
      const left = result.steps.slice(i).map(describeStep)
      throw new DeployError(
        [
          `step ${i + 1} of ${result.steps.length} failed: ${describeStep(step)}: ${(error as Error).message}`,
          `done: ${i} step(s)${i > 0 ? ` (${result.steps.slice(0, i).map(describeStep).join('; ')})` : ''}`,
          `left: ${left.join('; ')}`,
          'rerun the same command to complete it.',
        ].join('\n'),
      )
    }
    options.log(`  ✓ ${describeStep(step)}`)
  }
  options.log(`applied ${result.steps.length} step(s)`)
  return result
}

function printPlan(result: Plan, log: (line: string) => void): void {
  if (result.steps.length === 0) log('plan: nothing to change')
  else {
    log(`plan: ${result.steps.length} step(s)`)
    for (const step of result.steps) log(`  ${describeStep(step)}`)
  }
  const { collections, indexes, functions } = result.undeclared
  if (collections.length + indexes.length + functions.length > 0) {
    log('online but not declared (left alone; --prune removes them):')
    for (const name of collections) log(`  collection ${name}`)
    for (const name of indexes) log(`  index ${name}`)
    for (const name of functions) log(`  function ${name}`)
  }
  for (const r of result.refused) log(`refused: unique index ${r.collection}.${r.index}: the data repeats ${r.keys.join('; ')}`)
}

/** How the parts of `npm run bench` report: figures on stdout, budgets collected for `--check`. */

/** Prints one figure as `name value unit`. */
export type Figure = (name: string, value: number, unit: string) => void

/** Records a budget of the performance record: `ok` false breaks `--check`; `detail` says value against limit. */
export type Budget = (name: string, ok: boolean, detail: string) => void

export interface BudgetResult {
  name: string
  ok: boolean
  detail: string
}

/** The bench's figure on stdout, which carries nothing else. */
export const printFigure: Figure = (name, value, unit) => {
  console.log(`${name} ${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`)
}

/** The budgets on stderr, one line each. */
export function printBudgets(budgets: readonly BudgetResult[]): void {
  for (const b of budgets) console.error(`budget ${b.ok ? 'ok    ' : 'BROKEN'} ${b.name}: ${b.detail}`)
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

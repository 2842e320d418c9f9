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

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

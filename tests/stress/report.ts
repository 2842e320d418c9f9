import { appendFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'

/** Where the parts of `npm run test:stress` leave their figures; the bench report prints them too. */
export const STRESS_REPORT = path.resolve(__dirname, '../../dist/reports/stress.txt')
/** The access matrix runs in `npm test` only; its figures wait here for the stress report to print. */
export const ACCESS_REPORT = path.resolve(__dirname, '../../dist/reports/access-matrix.txt')

/** One figure of a stress part, as `name value unit` (e.g. `crash_kill_points 24 points`). */
export function report(name: string, value: number, unit: string, file = STRESS_REPORT): void {
  if (!/^[a-z0-9_]+$/.test(name) || !/^\S+$/.test(unit)) throw new Error(`stress report: bad figure ${name} ${unit}`)
  mkdirSync(path.dirname(file), { recursive: true })
  appendFileSync(file, `${name} ${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}\n`)
}

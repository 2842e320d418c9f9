/**
 * `npm run test:stress`: runs the stress parts (vitest.stress.config.mts) and ends with their
 * figures, one `name value unit` line per part, for `npm run bench` to print. Exits as vitest did.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { ACCESS_REPORT, STRESS_REPORT } from '../tests/stress/report'

const root = path.resolve(__dirname, '..')
const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.stress.config.mts'], { cwd: root, stdio: 'inherit' })
const lines = existsSync(STRESS_REPORT) ? readFileSync(STRESS_REPORT, 'utf8').trim().split('\n').filter(Boolean) : []
console.log('\nstress report')
for (const line of lines) console.log(line)
// The access matrix's figures come from `npm test`'s last run (it is not run twice).
if (existsSync(ACCESS_REPORT)) for (const line of readFileSync(ACCESS_REPORT, 'utf8').trim().split('\n')) console.log(line)
if (lines.length === 0) {
  console.error('stress: no part reported a figure')
  process.exit(1)
}
process.exit(run.status ?? 1)

import { rmSync } from 'node:fs'
import { STRESS_REPORT } from './report'

/** Each run reports afresh. */
export default function setup(): void {
  rmSync(STRESS_REPORT, { force: true })
}

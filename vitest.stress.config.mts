import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/** The part that measures latency: its p95 is compared with one open alone, so nothing else runs beside it. */
const MEASURED_ALONE = ['tests/stress/viral-share.stress.test.ts']

// `npm run test:stress`: the long parts of the reliability sweep — generated bad input at volume,
// concurrency, SIGKILL crash points, a share gone viral. Kept out of `npm test`'s projects; `.ci/run`
// runs both. Each part reports its figures with tests/stress/report.ts; scripts/stress.ts prints them.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    globalSetup: ['tests/stress/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          // Their invariants hold whatever runs beside them, and half of each part's time is waiting
          // (restarts after a kill, timers, time-boxed rounds): two at a time use both cores.
          name: 'stress',
          include: ['tests/stress/**/*.stress.test.ts'],
          exclude: MEASURED_ALONE,
        },
      },
      {
        extends: true,
        // Vitest runs one-at-a-time files after every other group, so it has the machine to itself.
        test: { name: 'stress-alone', include: MEASURED_ALONE, fileParallelism: false },
      },
    ],
  },
})

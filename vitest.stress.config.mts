import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// `npm run test:stress` (issue 11): the long parts of the reliability sweep — generated bad input at
// volume, concurrency, SIGKILL crash points. Kept out of `npm test`'s projects; `.ci/run` runs both.
// Each part reports its figures with tests/stress/report.ts; scripts/stress.ts prints them at the end.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    name: 'stress',
    include: ['tests/stress/**/*.stress.test.ts'],
    globalSetup: ['tests/stress/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // One part at a time on a 2-core machine: the parts measure the system under their own load.
    fileParallelism: false,
  },
})

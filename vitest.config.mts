import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/** Weapp files that need neither the shared demo cloud of tests/weapp/global-setup.ts nor one at a time. */
const WEAPP_ALONE = [
  'tests/weapp/compile-check.test.ts',
  'tests/weapp/main-package.test.ts',
  'tests/weapp/privacy-scan.test.ts',
  'tests/weapp/deployed.smoke.test.ts',
  'tests/weapp/demo-clock.test.ts',
]

// One runner for every layer: pure domain (unit), the local cloud itself, the cloud functions on
// the local cloud (integration), the mini-program build headless (weapp), and the H5 build in
// Chromium (e2e).
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    // Vitest's default (cores − 1) runs one file at a time on 2 cores, where a file's calls take turns
    // between the test, the local cloud and its function threads: two files at a time use both cores.
    maxWorkers: 2,
    projects: [
      // Pure functions and file scans: nothing a file leaves in a module changes the next file's run.
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'], isolate: false } },
      {
        extends: true,
        test: {
          // The store alone, in-process: each file opens its own and puts back the one clock it
          // fakes, so the files share their imports (isolate: false) instead of paying them again.
          name: 'local-db',
          include: ['tests/local-db/**/*.test.ts'],
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'local-cloud',
          include: ['tests/local-cloud/**/*.test.ts', 'tests/deploy/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/functions/**/*.test.ts', 'tests/demo/**/*.test.ts'],
          // Each file starts its own cloud (fresh store, function threads) and mocks nothing: the
          // modules around it (the cloud, the store, zod schemas) are imported once per worker.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // The mini-program build read and compiled as it is, or run on a cloud of its own: beside
          // the other files, as they share nothing.
          name: 'weapp-build',
          include: WEAPP_ALONE,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // The mini-program build (dist/weapp) run headlessly in jsdom with WeChat's template
          // compiler, on the local cloud (tests/weapp; README "The mini-program smoke suite").
          name: 'weapp',
          include: ['tests/weapp/**/*.test.ts'],
          exclude: WEAPP_ALONE,
          // One local cloud on the demo data for all its files.
          globalSetup: ['tests/weapp/global-setup.ts'],
          // The smoke pages share that cloud's demo data: one file at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // One browser at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
})

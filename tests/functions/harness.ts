/**
 * The local cloud's lifecycle in a test file (vitest's beforeAll/afterAll); the cloud itself is
 * test-cloud.ts, which scripts share without vitest.
 */
import { afterAll, beforeAll } from 'vitest'
import { storeSnapshot, warmUpOrderFunctions } from './order-fixtures'
import { startTestCloud, type TestCloud, type TestCloudOptions } from './test-cloud'

export { OPERATOR, startTestCloud, type TestCloud, type TestCloudOptions } from './test-cloud'

/**
 * One test cloud for the calling test file: started before its tests (then `setup` runs on it, e.g.
 * to warm functions up or make shared suppliers) and closed after them. The returned object is that
 * cloud, usable from the tests and from `setup` once started.
 */
/** How long a cloud seeded with the demo may take to start (a few function cold starts and a refund). */
export const DEMO_SEED_TIMEOUT_MS = 180_000

export function testCloudForFile(setup?: (t: TestCloud) => Promise<void>, options: TestCloudOptions = {}): TestCloud {
  let current: TestCloud | undefined
  // The demo seeds its after-sales cases through the functions (orders paid and refunded): longer than a bare start.
  beforeAll(
    async () => {
      current = await startTestCloud(options)
      await setup?.(current)
    },
    options.seed === 'demo' ? DEMO_SEED_TIMEOUT_MS : undefined,
  )
  afterAll(async () => {
    await current?.close()
  })
  return new Proxy({} as TestCloud, {
    get(_, key) {
      if (!current) throw new Error('the test cloud is used before its beforeAll started it')
      return Reflect.get(current, key, current) as unknown
    },
  })
}

/** This file's cloud for order tests, its order functions warmed up, and a snapshot of what an order can change. */
export function orderCloudForFile(): { t: TestCloud; snapshot: () => string } {
  const t = testCloudForFile(warmUpOrderFunctions)
  return { t, snapshot: () => storeSnapshot(t) }
}

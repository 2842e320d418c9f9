import { afterAll, beforeAll } from 'vitest'
import { connectDemo, type DemoCloud } from './demo'
import { WEAPP_DIR, demoCloudUrl } from './paths'
import { Weapp, assertBuilt } from './simulator'

/**
 * The built mini-program on the demo cloud for one test file: connected before its tests, closed
 * after. The fields are read inside tests (they are set once beforeAll has run).
 */
export function weappForFile(): { readonly cloud: DemoCloud; readonly weapp: Weapp } {
  let cloud: DemoCloud | undefined
  let weapp: Weapp | undefined
  beforeAll(async () => {
    assertBuilt(WEAPP_DIR)
    cloud = await connectDemo(demoCloudUrl())
    weapp = new Weapp({ distDir: WEAPP_DIR, cloudUrl: cloud.url })
    weapp.start()
  })
  afterAll(() => {
    weapp?.close()
  })
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the mini-program is not started: read it inside a test')
    return value
  }
  return {
    get cloud() {
      return started(cloud)
    },
    get weapp() {
      return started(weapp)
    },
  }
}

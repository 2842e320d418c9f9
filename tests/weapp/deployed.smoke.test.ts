import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ManagedCloud, startDeployedDemoCloud } from '../deploy/deployed-cloud'
import { type DemoCloud, connectDemo } from './demo'
import { pageTable } from './pages'
import { WEAPP_DIR } from './paths'
import { caseName, smoke } from './smoke'
import { Weapp, assertBuilt } from './simulator'

/**
 * The mini-program on what `npm run deploy` installed into an empty local cloud (README "Deploying
 * to WeChat"), not on the development wiring. Two rows of the page table prove the wiring: the
 * agent's feed (the main package's first tab: user, feed, the bindings/products/markups indexes and
 * the deployed variables) and the supplier's home (a subpackage: supplier, its stats and order
 * collections). The whole table runs on the development cloud (pages.smoke.test.ts); each row
 * costs 0.3–1 s, so more here would repeat it without proving more of the deploy.
 */
const ROWS = [
  { route: 'pages/feed/index', persona: 'agent' },
  { route: 'supplier/home/index', persona: 'supplier' },
]
const cases = pageTable.filter((c) => ROWS.some((row) => row.route === c.route && row.persona === c.persona))

let deployed: ManagedCloud
let demo: DemoCloud
let weapp: Weapp

beforeAll(async () => {
  assertBuilt(WEAPP_DIR)
  deployed = await startDeployedDemoCloud()
  demo = await connectDemo(deployed.cloud.url)
  weapp = new Weapp({ distDir: WEAPP_DIR, cloudUrl: deployed.cloud.url })
  weapp.start()
})

afterAll(async () => {
  weapp?.close()
  await deployed?.close()
})

describe('the mini-program on a deployed cloud', () => {
  it('the page table has the rows this file runs', () => {
    expect(cases.map((c) => `${c.route} ${c.persona}`)).toEqual(ROWS.map((row) => `${row.route} ${row.persona}`))
  })

  for (const c of cases) {
    it(`${caseName(c)}: renders the deployed functions' data, keeps every element, errs nowhere`, async () => {
      const { problems } = await smoke(weapp, c, demo.demo)
      expect(problems).toEqual([])
    })
  }
})

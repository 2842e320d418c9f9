import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDemo, type DemoCloud } from './demo'
import { pageTable } from './pages'
import { Weapp, assertBuilt } from './simulator'
import { caseName, smoke, tableProblems } from './smoke'
import { WEAPP_DIR, demoCloudUrl } from './paths'

/**
 * The mini-program users get (dist/weapp), every page of app.json opened headlessly as the persona
 * it is for, on the local cloud with the demo data (README: "The mini-program smoke suite").
 */
let cloud: DemoCloud
let weapp: Weapp

beforeAll(async () => {
  assertBuilt(WEAPP_DIR)
  cloud = await connectDemo(demoCloudUrl())
  weapp = new Weapp({ distDir: WEAPP_DIR, cloudUrl: cloud.url })
  weapp.start()
})

afterAll(() => {
  weapp?.close()
})

describe('the mini-program build, page by page', () => {
  it('every page of app.json (main package and subpackages) has a row in the page table', () => {
    expect(tableProblems(weapp, pageTable)).toEqual([])
  })

  for (const c of pageTable) {
    it(`${caseName(c)}: renders its data, keeps every element, errs nowhere and navigates only to real pages`, async () => {
      const { problems } = await smoke(weapp, c, cloud.demo)
      expect(problems).toEqual([])
    })
  }
})

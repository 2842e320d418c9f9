import { describe, expect, it } from 'vitest'
import { pageTable } from './pages'
import { caseName, smoke, tableProblems } from './smoke'
import { weappForFile } from './weapp-for-file'

/**
 * The mini-program users get (dist/weapp), every page of app.json opened headlessly as the persona
 * it is for, on the local cloud with the demo data (README: "The mini-program smoke suite").
 */
const app = weappForFile()

describe('the mini-program build, page by page', () => {
  it('every page of app.json (main package and subpackages) has a row in the page table', () => {
    expect(tableProblems(app.weapp, pageTable)).toEqual([])
  })

  for (const c of pageTable) {
    it(`${caseName(c)}: renders its data, keeps every element, errs nowhere and navigates only to real pages`, async () => {
      const { problems } = await smoke(app.weapp, c, app.cloud.demo)
      expect(problems).toEqual([])
    })
  }
})

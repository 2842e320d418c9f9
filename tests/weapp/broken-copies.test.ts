import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { connectDemo, type DemoCloud } from './demo'
import { pageTable } from './pages'
import { WEAPP_DIR, demoCloudUrl } from './paths'
import { Weapp, assertBuilt } from './simulator'
import { caseName, smoke, tableProblems, type PageCase } from './smoke'

/**
 * The smoke suite proves something only if it fails on a broken mini-program. Each test copies the
 * build, breaks one thing the way a real regression would, runs the very same harness and page row
 * on the copy, and asserts the suite reports exactly that failure.
 */
let cloud: DemoCloud
let copies: string[] = []
let weapp: Weapp | null = null

beforeAll(async () => {
  assertBuilt(WEAPP_DIR)
  cloud = await connectDemo(demoCloudUrl())
})

afterEach(() => {
  weapp?.close()
  weapp = null
})

afterAll(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true })
  copies = []
})

function copyOfBuild(): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'wegong-weapp-broken-'))
  cpSync(WEAPP_DIR, copy, { recursive: true })
  copies.push(copy)
  return copy
}

/** Edits one file of the copy; fails (asking to update the proof) when the build no longer has `find`. */
function edit(copy: string, file: string, change: (text: string) => string): void {
  const full = path.join(copy, file)
  const before = readFileSync(full, 'utf8')
  const after = change(before)
  if (after === before) throw new Error(`the proof could not break ${file}: the build changed, update this test`)
  writeFileSync(full, after)
}

function row(name: string): PageCase {
  const found = pageTable.find((c) => caseName(c) === name)
  if (!found) throw new Error(`no row ${name} in the page table`)
  return found
}

async function problemsOn(copy: string, c: PageCase): Promise<string[]> {
  weapp = new Weapp({ distDir: copy, cloudUrl: cloud.url })
  weapp.start()
  return (await smoke(weapp, c, cloud.demo)).problems
}

describe('the smoke suite fails on a broken copy of the mini-program', () => {
  it("when a page's data does not render (the product page reads a renamed field)", async () => {
    const copy = copyOfBuild()
    edit(copy, 'pages/product/index.js', (code) => code.replaceAll('.description', '.descriptionRenamed'))
    const problems = await problemsOn(copy, row('pages/product/index as agent'))
    expect(problems.some((p) => p.startsWith(`data not rendered: 「${cloud.demo.agentProduct.text}」`))).toBe(true)
  })

  it('when a template drops an element (the text template is missing from base.wxml)', async () => {
    const copy = copyOfBuild()
    edit(copy, 'base.wxml', (wxml) => wxml.replace(/<template name="(tmpl_0_\d+)">(\s*<text )/, '<template name="$1_gone">$2'))
    const problems = await problemsOn(copy, row('pages/mine/index as agent'))
    expect(problems.some((p) => /^element dropped on load: Taro has \d+ elements, WeChat rendered \d+/.test(p))).toBe(true)
    expect(problems.some((p) => /^element dropped on load: .*Template `tmpl_0_\d+` not found/.test(p))).toBe(true)
  })

  it('when a tap navigates to a page that does not exist', async () => {
    const copy = copyOfBuild()
    edit(copy, 'pages/mine/index.js', (code) => code.replace('"pages/suppliers/index"', '"pages/my-suppliers/index"'))
    const problems = await problemsOn(copy, row('pages/mine/index as agent'))
    expect(problems).toContain('wrong navigation: navigateTo(/pages/my-suppliers/index): no such page in app.json')
    expect(problems).toContain(
      'tap .entry-my-suppliers: expected navigateTo(/pages/suppliers/index), it made navigateTo(/pages/my-suppliers/index)',
    )
  })

  it('when a tap opens a tab page with navigateTo (WeChat refuses it)', async () => {
    const copy = copyOfBuild()
    edit(copy, 'pages/mine/index.js', (code) => code.replace('"pages/profile/index"', '"pages/feed/index"'))
    const problems = await problemsOn(copy, row('pages/mine/index as agent'))
    expect(problems).toContain('wrong navigation: navigateTo(/pages/feed/index): a tab page opens only with switchTab')
  })

  it('when a tap no longer copies what it should to the clipboard', async () => {
    const copy = copyOfBuild()
    edit(copy, 'supplier/import/index.js', (code) => code.replaceAll('.setClipboardData(', '.getClipboardData('))
    const problems = await problemsOn(copy, row('supplier/import/index as supplier'))
    expect(problems.some((p) => p.startsWith('tap .import-copy: expected the clipboard to hold 「商品编号,商品标题'))).toBe(true)
  })

  it('when a privacy-scoped API is called before consent (the build no longer registers its consent handler)', async () => {
    const copy = copyOfBuild()
    edit(copy, 'common.js', (code) => code.replaceAll('.onNeedPrivacyAuthorization', '.onNeedPrivacyAuthorizationGone'))
    const problems = await problemsOn(copy, row('pages/feed/index as agent'))
    expect(problems).toContain('tap .card-forward: expected the privacy consent popup, none showed')
    expect(problems).toContain('privacy-scoped call refused: setClipboardData:no consent handler')
  })

  it('when a shared card opens a page that does not exist, or not the customer view its row names', async () => {
    // The page's options gain an onShareAppMessage, as Taro registers one for a page that shares.
    const sharing = (sharedPath: string) => {
      const copy = copyOfBuild()
      const share = `var __page=Page;Page=function(o){Page=__page;o.onShareAppMessage=function(){return{title:'t',path:'${sharedPath}'}};return __page(o)};`
      edit(copy, 'pages/product/index.js', (code) => code.replace('"use strict";', `"use strict";${share}`))
      return copy
    }
    const c = { ...row('pages/product/index as agent'), share: { message: 'pages/shop/index' } }
    expect(await problemsOn(sharing('/pages/customer/index?token=x'), c)).toContain(
      'share message: the card opens /pages/customer/index?token=x, which is not a page of app.json',
    )
    weapp?.close()
    expect(await problemsOn(sharing('/pages/product/index?id=x'), c)).toContain(
      'share message: the card opens /pages/product/index?id=x, expected /pages/shop/index',
    )
  })

  it('when app.json gains a page the table has no row for', () => {
    const copy = copyOfBuild()
    edit(copy, 'app.json', (json) => {
      const app = JSON.parse(json) as { pages: string[] }
      app.pages.push('pages/not-in-the-table/index')
      return JSON.stringify(app)
    })
    weapp = new Weapp({ distDir: copy, cloudUrl: cloud.url })
    expect(tableProblems(weapp, pageTable)).toContain(
      'pages/not-in-the-table/index is in app.json but not in the page table (tests/weapp/pages.ts)',
    )
  })
})

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Download } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SELECTION_LINE_MAX } from '../src/domain/my-words'
import { excerpt } from '../src/domain/post-rules'
import { startApp, type App } from './harness'

/**
 * 多选转发 end to end: the agent picks three products of its feed, forwards them as one Moments
 * post (three pictures saved, one combined text on the clipboard at its retail prices), makes the
 * selection's card, and a customer opens it in a fresh browser: the three products at the agent's
 * prices, nothing of the supplier. Then the same from a search: 搜索 → 多选转发 on its results → three
 * picked → the clipboard's lines and the three downloaded pictures, each product's first, in pick order.
 */
const AGENT = 'demo-agent-1'
const SHOP_NAME = '杭州源头好货服饰'

let app: App
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

/** Every 转发 the agent's shares have counted. */
function forwards(): number {
  return (app.db.find('shares', { agentOpenid: AGENT }) as Array<{ forwards: number }>).reduce((n, s) => n + s.forwards, 0)
}

describe('多选转发 (pick up to nine, forward as one post, share as one card)', () => {
  let path = ''

  it('when the agent picks three products and forwards, then three pictures are saved and one numbered text is copied', async () => {
    const page = await app.openAs(AGENT, 'pages/pick/index')
    const items = page.locator('.pick-item')
    await items.nth(2).waitFor({ timeout: 20_000 })
    // The agent's own retail price of each, as the list shows it (the lowest when its specs differ).
    const prices = await Promise.all(
      [0, 1, 2].map(async (i) => /¥\d+\.\d{2}/.exec((await items.nth(i).locator('.pick-price').textContent()) ?? '')?.[0] ?? '-'),
    )
    for (const i of [0, 1, 2]) await items.nth(i).click()
    await expect.poll(() => page.locator('.pick-count').textContent(), { timeout: 10_000 }).toBe('已选 3/9')

    const before = forwards()
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.cloud.url })
    const downloads: string[] = []
    page.on('download', (download) => downloads.push(download.suggestedFilename()))
    await page.locator('.pick-forward').click()
    await expect.poll(() => page.locator('.forward-ok').textContent(), { timeout: 20_000 }).toContain('3 张图片已保存')
    await expect.poll(() => downloads.length, { timeout: 15_000 }).toBe(3)

    const copied = (await page.locator('.forward-text').textContent()) ?? ''
    const clipboard = await page.evaluate(() => navigator.clipboard.readText())
    const lines = clipboard.split('\n')
    expect(lines).toHaveLength(3)
    lines.forEach((line, i) => {
      expect(line.startsWith(`${i + 1}. `)).toBe(true)
      expect(line).toContain(`💰 ${prices[i]}`)
    })
    expect(clipboard.replace(/\s/g, '')).toBe(copied.replace(/\s/g, ''))
    // Each product's forward is counted once.
    expect(forwards() - before).toBe(3)

    await page.locator('.forward-close').click()
    await page.locator('.pick-share').click()
    await expect.poll(() => page.locator('.pick-link').textContent(), { timeout: 15_000 }).toMatch(/^pages\/selection\/index\?token=/)
    path = (await page.locator('.pick-link').textContent()) ?? ''
    expect(app.db.find('selections', { agentOpenid: AGENT })).toHaveLength(1)
    await page.context().close()
  })

  it('when a customer opens the selection in a fresh browser, then it sees three products at the agent’s prices and nothing of the supplier', async () => {
    const page = await app.openAs('e2e-selection-customer', path)
    await expect.poll(() => page.locator('.selection-item').count(), { timeout: 20_000 }).toBe(3)
    expect(await page.locator('.selection-title').textContent()).toBe('精选 3 件好物')
    const text = (await page.locator('.selection-view').textContent()) ?? ''
    expect(text).not.toContain(SHOP_NAME)
    expect(text).toContain('联系卖家')
    await page.context().close()
  })
})

interface StoredProduct {
  _id: string
  description: string
  specs: Array<{ images: string[] }>
}

/** A word of the demo that several on-sale products hold, Chinese: 奶油白, 珍珠白 / 显白, 米白. */
const WORD = '白'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** A product's first picture as the local cloud serves it (the bytes behind its temp URL). */
async function firstPicture(productId: string): Promise<Buffer> {
  const [product] = app.db.find('products', { _id: productId }) as unknown as StoredProduct[]
  const fileid = product?.specs.flatMap((spec) => spec.images)[0] ?? ''
  const [file] = await app.cloud.storage.downloadList([{ fileid }])
  if (!file?.tempFileURL) throw new Error(`no picture served for ${productId}`)
  const response = await fetch(file.tempFileURL)
  expect(response.ok).toBe(true)
  return Buffer.from(await response.arrayBuffer())
}

describe('多选转发 from a search (search → pick 3 → forward as one post)', () => {
  it('when the agent searches a word, opens 多选转发 and picks three, then the forward copies their lines and downloads their first pictures in pick order', async () => {
    // What the search answers through the API: the pick page must list exactly these, in this order.
    const answer = (await app.call('feed', AGENT, { action: 'search', q: WORD })) as { ok: true; data: { items: StoredProduct[] } }
    const matches = answer.data.items
    const all = (await app.call('feed', AGENT, { action: 'products' })) as { ok: true; data: { items: StoredProduct[] } }
    expect(matches.length).toBeGreaterThanOrEqual(3)
    expect(matches.length).toBeLessThan(all.data.items.length)

    const page = await app.openAs(AGENT, 'pages/search/index')
    const box = page.locator('.search-box input')
    await box.waitFor({ timeout: 20_000 })
    await box.fill(WORD)
    await box.press('Enter')
    await expect.poll(() => page.locator('.search-result').count(), { timeout: 20_000 }).toBe(matches.length)
    await page.locator('.search-pick').click()

    await expect.poll(() => page.locator('.pick-search').textContent(), { timeout: 20_000 }).toBe(`搜索：${WORD}`)
    const items = page.locator('.pick-item')
    await expect.poll(() => items.count(), { timeout: 20_000 }).toBe(matches.length)
    const titles = await page.locator('.pick-title').allTextContents()
    expect(titles).toEqual(matches.map((p) => excerpt(p.description, 30)))

    // Picked out of the list's order, so the post's order is the agent's, not the list's.
    const order = [2, 0, 1]
    const prices = await Promise.all(
      order.map(async (i) => /¥\d+\.\d{2}/.exec((await items.nth(i).locator('.pick-price').textContent()) ?? '')?.[0] ?? '-'),
    )
    for (const i of order) await items.nth(i).click()
    await expect.poll(() => page.locator('.pick-count').textContent(), { timeout: 10_000 }).toBe('已选 3/9')
    const picked = order.map((i) => matches[i] as StoredProduct)

    const before = forwards()
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.cloud.url })
    const downloads: Download[] = []
    page.on('download', (download) => downloads.push(download))
    await page.locator('.pick-forward').click()
    await expect.poll(() => page.locator('.forward-ok').textContent(), { timeout: 20_000 }).toContain('3 张图片已保存')
    await expect.poll(() => downloads.length, { timeout: 15_000 }).toBe(3)

    const lines = (await page.evaluate(() => navigator.clipboard.readText())).split('\n')
    expect(lines).toHaveLength(3)
    lines.forEach((line, i) => {
      expect(line).toBe(`${i + 1}. ${excerpt(picked[i]?.description ?? '', SELECTION_LINE_MAX)} 💰 ${prices[i]}`)
    })
    expect(forwards() - before).toBe(3)

    // Each file a real image, the first picture of the product picked at its place (微供-1 is the first).
    const files = await Promise.all(
      downloads.map(async (download) => ({ name: download.suggestedFilename(), bytes: readFileSync(await download.path()) })),
    )
    files.sort((a, b) => a.name.localeCompare(b.name))
    expect(files.map((f) => f.name)).toEqual(['微供-1.jpg', '微供-2.jpg', '微供-3.jpg'])
    const expected = await Promise.all(picked.map((p) => firstPicture(p._id)))
    expect(new Set(expected.map(sha256)).size).toBe(3)
    files.forEach(({ bytes }, i) => {
      expect(bytes.length).toBeGreaterThan(0)
      const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
      const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
      expect(png || jpeg).toBe(true)
      expect(sha256(bytes)).toBe(sha256(expected[i] as Buffer))
    })
    await page.context().close()
  })
})

describe('搜索 by category (the 类目 chips)', () => {
  it('when the agent taps a category chip, then the results are exactly that category’s search, and 多选转发 carries it to the pick page', async () => {
    const CATEGORY = '童装'
    const answer = (await app.call('feed', AGENT, { action: 'search', category: CATEGORY })) as {
      ok: true
      data: { items: StoredProduct[] }
    }
    const all = (await app.call('feed', AGENT, { action: 'products' })) as { ok: true; data: { items: StoredProduct[] } }
    const matches = answer.data.items
    expect(matches.length).toBeGreaterThan(0)
    expect(matches.length).toBeLessThan(all.data.items.length)

    const page = await app.openAs(AGENT, 'pages/search/index')
    await page.locator('.search-chip', { hasText: '全部类目' }).waitFor({ timeout: 20_000 })
    await page.locator('.search-chip', { hasText: CATEGORY }).click()
    await expect.poll(() => page.locator('.search-chip-active', { hasText: CATEGORY }).count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => page.locator('.search-result').count(), { timeout: 20_000 }).toBe(matches.length)

    await page.locator('.search-pick').click()
    await expect.poll(() => page.locator('.pick-search').textContent(), { timeout: 20_000 }).toBe(`搜索：全部商品 · ${CATEGORY}`)
    await expect.poll(() => page.locator('.pick-item').count(), { timeout: 20_000 }).toBe(matches.length)
    expect(await page.locator('.pick-title').allTextContents()).toEqual(matches.map((p) => excerpt(p.description, 30)))
    await page.context().close()
  })
})

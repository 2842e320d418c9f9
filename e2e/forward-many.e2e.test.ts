import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type App } from './harness'

/**
 * 多选转发 end to end: the agent picks three products of its feed, forwards them as one Moments
 * post (three pictures saved, one combined text on the clipboard at its retail prices), makes the
 * selection's card, and a customer opens it in a fresh browser: the three products at the agent's
 * prices, nothing of the supplier.
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

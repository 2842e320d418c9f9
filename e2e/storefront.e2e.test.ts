import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Spec } from '@/domain/product'
import { formatFen } from '../src/domain/money'
import { startApp, type App } from './harness'

/**
 * 我的小店 end to end: the agent names its storefront, adds products from the feed (pick) and from
 * search, reorders them and shares it; a customer opens the share path in a fresh browser and sees
 * the products in the agent's order at its retail prices, and nothing of the supplier (no name, no
 * purchase price); the supplier delists one: the customer no longer sees it, the agent sees 已下架.
 */
const AGENT = 'demo-agent-1'
const SUPPLIER = 'demo-supplier'
const SHOP = 'demo-shop'
const SHOP_NAME = '杭州源头好货服饰'
const NAME = '小美的精选好物'

let app: App
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

/** The product ids of the storefront's rows, top to bottom, as the agent's page shows them. */
async function rowIds(page: Page): Promise<string[]> {
  return page.locator('.store-item').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-product-id') ?? ''))
}

/** Every purchase price of the agent's tier on the demo supplier's products (none may reach a customer). */
function purchasePrices(): string[] {
  const [binding] = app.db.find('bindings', { supplierId: SHOP, agentOpenid: AGENT })
  const tier = String((binding as { tierId: string }).tierId)
  const products = app.db.find('products', { supplierId: SHOP }) as unknown as Array<{ specs: Spec[] }>
  return [...new Set(products.flatMap((p) => p.specs.map((s) => formatFen(s.tierPrices[tier] ?? s.price))))]
}

describe('我的小店 (the agent’s storefront, opened by customers)', () => {
  let path = ''
  let order: string[] = []
  let texts: string[] = []
  let prices: string[] = []

  it('when the agent names its storefront, adds products from the feed and search, reorders and shares, then the stored list follows', async () => {
    const page = await app.openAs(AGENT, 'pages/storefront/index')
    await expect.poll(() => page.locator('.store-name').textContent(), { timeout: 20_000 }).toMatch(/的小店$/)
    await page.locator('.store-edit').click()
    await page.locator('.store-name-input input').fill(NAME)
    await page.locator('.store-save').click()
    await expect.poll(() => page.locator('.store-name').textContent(), { timeout: 15_000 }).toBe(NAME)

    // 添加商品 from the feed: three picked, in that order, then back to the storefront.
    await page.locator('.store-add-pick').click()
    const picks = page.locator('.pick-item')
    await picks.nth(2).waitFor({ timeout: 20_000 })
    for (const i of [0, 1, 2]) await picks.nth(i).click()
    await expect.poll(() => page.locator('.pick-count').textContent(), { timeout: 10_000 }).toBe('已选 3/20')
    await page.locator('.pick-storefront').click()
    await expect.poll(() => page.locator('.store-item').count(), { timeout: 20_000 }).toBe(3)
    const picked = await rowIds(page)

    // 搜索添加: a result not yet in the storefront goes first.
    await page.locator('.store-add-search').click()
    await page.locator('.search-result').first().waitFor({ timeout: 20_000 })
    const results = await page
      .locator('.search-result .feed-card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-product-id') ?? ''))
    const fresh = results.find((id) => !picked.includes(id))
    expect(fresh).toBeTruthy()
    await page.locator(`.search-result:has(.feed-card[data-product-id="${fresh}"]) .search-add-store`).click()
    await expect.poll(() => page.locator('.store-item').count(), { timeout: 20_000 }).toBe(4)
    expect(await rowIds(page)).toEqual([fresh, ...picked])

    // 下移 the first, then 置顶 the last.
    await page.locator('.store-item').first().locator('.store-move-down').click()
    await expect.poll(() => rowIds(page), { timeout: 15_000 }).toEqual([picked[0], fresh, picked[1], picked[2]])
    await page.locator('.store-item').last().locator('.store-move-top').click()
    order = [picked[2], picked[0], fresh, picked[1]].map(String)
    await expect.poll(() => rowIds(page), { timeout: 15_000 }).toEqual(order)
    const [stored] = app.db.find('storefronts', { agentOpenid: AGENT }) as Array<{ name: string; productIds: string[] }>
    expect(stored).toMatchObject({ name: NAME, productIds: order })
    texts = await page.locator('.store-item-text').allTextContents()
    prices = await page.locator('.store-item-price').allTextContents()
    expect(prices).toHaveLength(4)

    await page.locator('.store-share-open').click()
    await expect
      .poll(() => page.locator('.store-link').textContent(), { timeout: 15_000 })
      .toMatch(/^pages\/storefront\/view\/index\?token=/)
    path = (await page.locator('.store-link').textContent()) ?? ''
    await page.context().close()
  })

  it('when a customer opens the share path in a fresh browser, then it sees the products in order at the agent’s prices and nothing of the supplier', async () => {
    const page = await app.openAs('e2e-store-customer', path)
    await expect.poll(() => page.locator('.storeview-item').count(), { timeout: 20_000 }).toBe(4)
    expect(await page.locator('.storeview-name').textContent()).toBe(NAME)
    expect(await page.locator('.storeview-item-text').allTextContents()).toEqual(texts)
    expect(await page.locator('.storeview-item-price').allTextContents()).toEqual(prices)
    const text = (await page.locator('.storeview').textContent()) ?? ''
    expect(text).not.toContain(SHOP_NAME)
    for (const price of purchasePrices()) expect(text).not.toContain(price)
    expect(text).toContain('联系卖家')

    // A product opened from the storefront: its whole text, at the same price.
    await page.locator('.storeview-item').first().click()
    await expect.poll(() => page.locator('.storeview-product-price').textContent(), { timeout: 15_000 }).toBe(prices[0])
    const detail = (await page.locator('.storeview-product').textContent()) ?? ''
    expect(detail).not.toContain(SHOP_NAME)
    await page.locator('.storeview-back').click()
    await expect.poll(() => page.locator('.storeview-item').count(), { timeout: 10_000 }).toBe(4)
    await page.context().close()
  })

  it('when the supplier delists one, then the customer no longer sees it and the agent sees it 已下架', async () => {
    const gone = order[1] ?? ''
    expect(await app.call('product', SUPPLIER, { action: 'delist', ids: [gone] })).toMatchObject({ ok: true })

    const customer = await app.openAs('e2e-store-customer-2', path)
    await expect.poll(() => customer.locator('.storeview-item').count(), { timeout: 20_000 }).toBe(3)
    expect(await customer.locator('.storeview-item-text').allTextContents()).toEqual(texts.filter((_, i) => i !== 1))
    await customer.context().close()

    const page = await app.openAs(AGENT, 'pages/storefront/index')
    const row = page.locator(`.store-item[data-product-id="${gone}"]`)
    await expect.poll(() => row.locator('.store-item-off').textContent(), { timeout: 20_000 }).toBe('已下架')
    expect(await rowIds(page)).toEqual(order)
    await page.context().close()
  })
})

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Spec } from '@/domain/product'
import { formatFen } from '../src/domain/money'
import { demoOpenids, DEMO_SUPPLIER_ID } from '../demo/people'
import { startApp, type App, type StoredTier } from './harness'

/** The demo supplier (demo/seed.ts) and its tiers, read from the store rather than assumed. */
const SUPPLIER = demoOpenids.supplier
const SHOP = DEMO_SUPPLIER_ID
interface StoredProduct {
  _id: string
  status: string
  expiresAt: number
  specs: Spec[]
}

let app: App
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

function shop() {
  const [record] = app.db.find('suppliers', { _id: SHOP })
  if (!record) throw new Error('the demo shop is missing from the seed')
  return record as { homeScene: string; tiers: StoredTier[] }
}

function tiersByRank(): StoredTier[] {
  return [...shop().tiers].sort((a, b) => a.rank - b.rank)
}

function binding(agent: string) {
  return app.db.find('bindings', { supplierId: SHOP, agentOpenid: agent })[0] as { tierId: string; remark: string } | undefined
}

/** What a spec costs an agent of `tierId` (R11): the tier's price, or the base price. */
const priceFor = (spec: Spec, tierId: string) => spec.tierPrices?.[tierId] ?? spec.price

/** An on-sale product whose first spec costs tier 2 less than the default tier, so the two prices tell apart. */
function productWithTierPrice(tier2: string): StoredProduct {
  const products = app.db.find('products', { supplierId: SHOP, status: 'on_sale' }) as unknown as StoredProduct[]
  const product = products.find((p) => p.expiresAt > Date.now() && p.specs[0] && priceFor(p.specs[0], tier2) !== p.specs[0].price)
  if (!product) throw new Error('the demo catalogue has no product with a tier-2 price')
  return product
}

/** The price chip a card shows: one amount, or min-max when the specs differ. */
function chipText(product: StoredProduct, tierId: string): string {
  const prices = product.specs.map((s) => priceFor(s, tierId))
  const [min, max] = [Math.min(...prices), Math.max(...prices)]
  return min === max ? formatFen(min) : `${formatFen(min)}-${formatFen(max)}`
}

/** `openAs` adds `?as=` to the path, so a page with its own query is opened after the persona is set. */
async function openWithQuery(openid: string, pathWithQuery: string): Promise<Page> {
  const page = await app.openAs(openid, 'pages/mine/index')
  await page.locator('.mine-nickname').waitFor()
  await page.goto(`${app.cloud.url}/#/${pathWithQuery}`)
  return page
}

describe('an agent binds by the home code and buys at its tier price (R11, R12, R13)', () => {
  const agent = 'e2e-network-agent'
  let scene = ''

  it('when the supplier shows its home code, then the code image is shown and the scene is stored', async () => {
    const page = await app.openAs(SUPPLIER, 'supplier/agents/index')
    await page.locator('.agent-row').first().waitFor()
    await page.locator('.nut-button', { hasText: '邀请微商' }).click()
    const image = page.locator('.home-code-popup .home-code-image img')
    await expect.poll(() => image.getAttribute('src'), { timeout: 15_000 }).toMatch(/^http/)
    scene = shop().homeScene
    expect(scene).toMatch(/^[A-Za-z0-9]{1,32}$/)
    await page.context().close()
  })

  it('when an unknown code is scanned, then it says the code is no longer valid and binds nothing', async () => {
    const page = await openWithQuery(agent, 'pages/bind/index?scene=no-such-scene-42')
    await expect.poll(() => page.locator('.bind-invalid').textContent(), { timeout: 15_000 }).toContain('二维码已失效')
    expect(await page.locator('.bind-confirm').count()).toBe(0)
    expect(binding(agent)).toBeUndefined()
    await page.context().close()
  })

  it('when a new agent opens the bind link and confirms, then it is bound in the rank-1 tier and the supplier page opens', async () => {
    const page = await openWithQuery(agent, `pages/bind/index?scene=${encodeURIComponent(scene)}`)
    await expect.poll(() => page.locator('.bind-card .bind-name').textContent(), { timeout: 15_000 }).toBe('杭州源头好货服饰')
    expect(binding(agent)).toBeUndefined()

    await page.locator('.nut-button', { hasText: '成为TA的微商代理' }).click()
    await page.waitForURL(/#\/pages\/shop\/index\?id=demo-shop/, { timeout: 15_000 })
    await expect.poll(() => binding(agent)?.tierId, { timeout: 15_000 }).toBe(tiersByRank()[0].id)
    expect(binding(agent)?.remark).toBe('')
    await expect.poll(() => page.locator('.shop-tier').textContent(), { timeout: 15_000 }).toBe(`我的等级：${tiersByRank()[0].name}`)
    await page.context().close()
  })

  it('when the new agent browses, then it sees the products at the default tier price, never tier 2', async () => {
    const [defaultTier, tier2] = tiersByRank()
    const product = productWithTierPrice(tier2.id)
    const page = await app.openAs(agent, 'pages/feed/index')
    const chip = page.locator(`.feed-card[data-product-id="${product._id}"] .price-chip`)
    await expect.poll(() => chip.textContent(), { timeout: 15_000 }).toContain(chipText(product, defaultTier.id))
    expect(await chip.textContent()).not.toContain(formatFen(priceFor(product.specs[0], tier2.id)))

    await chip.click()
    await page.waitForURL(/#\/pages\/product\/index\?id=/)
    await expect.poll(() => page.locator('.product-price').textContent(), { timeout: 15_000 }).toBe(formatFen(product.specs[0].price))
    await page.context().close()
  })

  it('when the supplier sets a remark and moves the agent to tier 2, then both are stored and shown', async () => {
    const tier2 = tiersByRank()[1]
    const page = await app.openAs(SUPPLIER, 'supplier/agents/index')
    const row = page.locator(`.agent-row[data-openid="${agent}"]`)
    await row.waitFor({ timeout: 15_000 })

    await row.locator('.agent-edit').click()
    await page.locator('.remark-popup .remark-input input').fill('宁波新代理')
    await page.locator('.remark-popup .nut-button', { hasText: '保存' }).click()
    await expect.poll(() => binding(agent)?.remark, { timeout: 15_000 }).toBe('宁波新代理')
    await expect.poll(() => row.locator('.agent-remark').textContent(), { timeout: 15_000 }).toBe('宁波新代理')

    await page.locator('.nut-button', { hasText: '调整分销商等级' }).click()
    await row.click()
    await expect.poll(() => page.locator('.agents-batch-count').textContent(), { timeout: 15_000 }).toBe('已选 1 位')
    await page.locator('.agents-batch-bar .nut-button', { hasText: '调整分销商等级' }).click()
    await page.locator(`.tier-popup .tier-option[data-tier-id="${tier2.id}"]`).click()
    await page.locator('.tier-popup .nut-button', { hasText: '确定' }).click()
    await expect.poll(() => binding(agent)?.tierId, { timeout: 15_000 }).toBe(tier2.id)
    await expect.poll(() => row.locator('.agent-tier').textContent(), { timeout: 15_000 }).toBe(tier2.name)
    // The others keep their tiers.
    expect(binding('demo-agent-2')?.tierId).toBe(tiersByRank()[0].id)
    await page.context().close()
  })

  it('when the agent looks again, then it sees the tier-2 price', async () => {
    const tier2 = tiersByRank()[1]
    const product = productWithTierPrice(tier2.id)
    const page = await app.openAs(agent, 'pages/feed/index')
    const chip = page.locator(`.feed-card[data-product-id="${product._id}"] .price-chip`)
    await expect.poll(() => chip.textContent(), { timeout: 15_000 }).toContain(chipText(product, tier2.id))

    await page.goto(`${app.cloud.url}/#/pages/product/index?id=${encodeURIComponent(product._id)}`)
    await expect
      .poll(() => page.locator('.product-price').textContent(), { timeout: 15_000 })
      .toBe(formatFen(priceFor(product.specs[0], tier2.id)))
    await page.goto(`${app.cloud.url}/#/pages/suppliers/index`)
    await expect
      .poll(() => page.locator(`.my-supplier[data-supplier-id="${SHOP}"] .my-supplier-tier`).textContent(), { timeout: 15_000 })
      .toBe(`我的等级：${tier2.name}`)
    await page.context().close()
  })
})

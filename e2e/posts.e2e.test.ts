import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Spec } from '@/domain/product'
import { formatFen, formatYuan } from '../src/domain/money'
import { startApp, type App } from './harness'

/**
 * Posts end to end (R14, R16): the supplier posts, the agent finds the post under 动态, opens a
 * product from it, sets a 50 % markup, forwards it (pictures downloaded, text with its price
 * copied); a customer opens the share and sees the retail price and nothing of the supplier; the
 * product is delisted and the share says so, and 我的转发 marks it.
 */
const SUPPLIER = 'demo-supplier'
const SHOP = 'demo-shop'
const SHOP_NAME = '杭州源头好货服饰'
const AGENT = 'demo-agent-2'
const LINKED = ['demo-p-tote', 'demo-p-hoodie']
const TEXT = '周末特惠：帆布包和儿童卫衣一起上新，库存有限先到先得'

let app: App
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

/** What a binding carries of its agent's markups (R16). */
interface StoredMarkups {
  products: Record<string, unknown>
}

interface StoredProduct {
  _id: string
  specs: Spec[]
}

function product(id: string): StoredProduct {
  const [row] = app.db.find('products', { _id: id })
  if (!row) throw new Error(`demo product ${id} is missing`)
  return row as unknown as StoredProduct
}

function agentTier(): string {
  const [binding] = app.db.find('bindings', { supplierId: SHOP, agentOpenid: AGENT })
  return String((binding as { tierId: string }).tierId)
}

/** The agent's purchase price of each spec (R11). */
function purchasePrices(id: string): number[] {
  const tier = agentTier()
  return product(id).specs.map((s) => s.tierPrices[tier] ?? s.price)
}

function images(id: string): number {
  return new Set(product(id).specs.flatMap((s) => s.images)).size
}

async function openWithQuery(openid: string, pathWithQuery: string): Promise<Page> {
  const page = await app.openAs(openid, 'pages/mine/index')
  await page.locator('.mine-nickname').waitFor()
  await page.goto(`${app.cloud.url}/#/${pathWithQuery}`)
  return page
}

describe('posts and forwarding to Moments (R14, R16)', () => {
  let postId = ''
  let token = ''
  const [tote] = LINKED as [string, string]

  it('when the supplier publishes a post linking two products, then it is stored and listed under 管理动态', async () => {
    const page = await app.openAs(SUPPLIER, 'supplier/posts/publish/index')
    await page.locator('.post-text-input textarea').fill(TEXT)
    await expect.poll(() => page.locator('.post-counter').textContent(), { timeout: 15_000 }).toBe(`${Array.from(TEXT).length}/500`)
    await page.locator('.nut-button', { hasText: '选择导购商品' }).click()
    for (const id of LINKED) await page.locator(`.picker-item[data-product-id="${id}"]`).click()
    await page.locator('.product-picker .nut-button', { hasText: '确定' }).click()
    await expect.poll(() => page.locator('.chosen-product').count(), { timeout: 15_000 }).toBe(2)
    await page.locator('.post-submit-bar .nut-button').click()
    await page.waitForURL(/#\/supplier\/posts\/index/, { timeout: 15_000 })
    const stored = app.db.find('posts', { text: TEXT }) as Array<{ _id: string; productIds: string[]; supplierId: string }>
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ supplierId: SHOP, productIds: LINKED })
    postId = stored[0]?._id ?? ''
    await expect
      .poll(() => page.locator(`.post-row[data-post-id="${postId}"] .post-count`).textContent(), { timeout: 15_000 })
      .toBe('导购商品 2 件')
    await page.context().close()
  })

  it('when the agent opens 动态, then it sees the post and opens a product from it', async () => {
    const page = await app.openAs(AGENT, 'pages/feed/index')
    await page.locator('.feed-tab-posts').click()
    const card = page.locator(`.post-card[data-post-id="${postId}"]`)
    await expect.poll(() => card.locator('.fold-text-body').textContent(), { timeout: 15_000 }).toBe(TEXT)
    await card.locator('.fold-text-body').click()
    await page.locator(`.post-chooser-item[data-product-id="${tote}"]`).click()
    await page.waitForURL(new RegExp(`#/pages/product/index\\?id=${tote}`), { timeout: 15_000 })
    await expect.poll(() => page.locator('.product-price').textContent(), { timeout: 15_000 }).toBe(formatFen(purchasePrices(tote)[0] ?? 0))
    await page.context().close()
  })

  it('when the agent sets a 50 % markup and presses 一键转发, then the pictures download and the text with its retail price is copied', async () => {
    const page = await openWithQuery(AGENT, `pages/product/index?id=${tote}`)
    await page.locator('.product-markup').click()
    await page.waitForURL(/#\/pages\/markup\/index/, { timeout: 15_000 })
    await page.locator('.markup-kind-percent').click()
    await page.locator('.markup-percent input').fill('50')
    await page.locator('.markup-round').click()
    await page.locator('.nut-button', { hasText: '保存' }).click()
    await expect
      // The agent's markups live on its binding, not in a collection of their own.
      .poll(
        () =>
          app.db.find('bindings', { agentOpenid: AGENT }).flatMap((b) => (b.markups as StoredMarkups | undefined)?.products[tote] ?? []),
        {
          timeout: 15_000,
        },
      )
      .toEqual([expect.objectContaining({ kind: 'percent', value: 50, roundUp: false })])
    await page.waitForURL(new RegExp(`#/pages/product/index\\?id=${tote}`), { timeout: 15_000 })

    const retail = purchasePrices(tote).map((p) => Math.ceil((p * 150) / 100))
    const min = Math.min(...retail)
    const line = Math.max(...retail) === min ? `💰 ${formatFen(min)}` : `💰 ${formatFen(min)} 起`
    await expect
      .poll(() => page.locator('.product-sell').first().textContent(), { timeout: 15_000 })
      .toBe(`我的零售价 ${formatFen(retail[0] ?? 0)}`)

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.cloud.url })
    const downloads: string[] = []
    page.on('download', (download) => downloads.push(download.suggestedFilename()))
    await page.locator('.product-actions .nut-button', { hasText: '一键转发' }).click()
    await expect.poll(() => page.locator('.forward-ok').textContent(), { timeout: 20_000 }).toContain(`${images(tote)} 张图片已保存`)
    await expect.poll(() => downloads.length, { timeout: 15_000 }).toBe(images(tote))
    const copied = await page.locator('.forward-text').textContent()
    expect(copied).toContain(line)
    // What the agent pastes into Moments: the same text, from the real clipboard.
    const clipboard = await page.evaluate(() => navigator.clipboard.readText())
    expect(clipboard).toContain(line)
    expect(clipboard.replace(/\s/g, '')).toBe((copied ?? '').replace(/\s/g, ''))
    for (const price of purchasePrices(tote)) expect(copied).not.toContain(formatFen(price))

    const [share] = app.db.find('shares', { agentOpenid: AGENT, itemId: tote }) as Array<{ token: string; forwards: number }>
    expect(share?.forwards).toBe(1)
    token = share?.token ?? ''
    await page.context().close()
  })

  it('when a customer opens the share in a fresh browser, then it sees the retail price and no purchase price or supplier name', async () => {
    const page = await app.openAs('e2e-customer', `pages/share/index?token=${token}`)
    const retail = purchasePrices(tote).map((p) => Math.ceil((p * 150) / 100))
    await expect.poll(() => page.locator('.share-price').textContent(), { timeout: 15_000 }).toBe(formatYuan(Math.min(...retail)))
    const text = (await page.locator('.share-view').textContent()) ?? ''
    expect(text).not.toContain(SHOP_NAME)
    for (const price of purchasePrices(tote)) expect(text).not.toContain(formatFen(price))
    expect(text).toContain('联系卖家')
    await page.context().close()
  })

  it('when the supplier delists the product, then the share says 商品已下架 and 我的转发 marks it', async () => {
    expect(await app.call('product', SUPPLIER, { action: 'delist', ids: [tote] })).toMatchObject({ ok: true })
    const customer = await app.openAs('e2e-customer-2', `pages/share/index?token=${token}`)
    await expect.poll(() => customer.locator('.share-off').textContent(), { timeout: 15_000 }).toContain('商品已下架')
    await customer.context().close()

    const page = await app.openAs(AGENT, 'pages/shares/index')
    const row = page.locator(`.my-share[data-token="${token}"]`)
    await expect.poll(() => row.locator('.my-share-state').textContent(), { timeout: 15_000 }).toBe('已下架')
    await expect.poll(() => page.locator('.shares-alert').textContent(), { timeout: 15_000 }).toContain('已下架')
    await page.context().close()
  })
})

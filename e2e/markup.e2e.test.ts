import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type App } from './harness'

/** The first demo agent (demo/seed.ts): bound to the demo shop, 30 % by default, no product of its own. */
const AGENT = 'demo-agent-1'
const SHOP = 'demo-shop'

interface StoredMarkups {
  supplier: unknown
  products: Record<string, unknown>
}

let app: App
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

/** The agent's markups as its binding keeps them (R16). */
function markups(): StoredMarkups {
  const [binding] = app.db.find('bindings', { supplierId: SHOP, agentOpenid: AGENT })
  if (!binding) throw new Error('the demo agent is not bound to the demo shop')
  return binding.markups as StoredMarkups
}

async function openWithQuery(openid: string, pathWithQuery: string): Promise<Page> {
  const page = await app.openAs(openid, 'pages/mine/index')
  await page.locator('.mine-nickname').waitFor()
  await page.goto(`${app.cloud.url}/#/${pathWithQuery}`)
  return page
}

describe("加价设置's 恢复默认加价: the agent drops a product's own markup (R16)", () => {
  it('when the reset fails it says so and keeps the markup; when it goes through, the product uses the default again', async () => {
    const [product] = app.db.find('products', { supplierId: SHOP, status: 'on_sale' }) as unknown as Array<{ _id: string }>
    if (!product) throw new Error('the demo shop has no product on sale')
    const own = { kind: 'fixed', value: 1500, roundUp: false }
    const set = await fetch(`${app.cloud.url}/fn/network`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wegong-openid': AGENT },
      body: JSON.stringify({ action: 'setMarkup', supplierId: SHOP, productId: product._id, ...own }),
    })
    expect(((await set.json()) as { ok: boolean }).ok).toBe(true)
    const before = markups()
    expect(before.products[product._id]).toMatchObject(own)

    const page = await openWithQuery(AGENT, `pages/markup/index?supplierId=${SHOP}&productId=${product._id}`)
    const reset = page.locator('.nut-button.markup-reset')
    await reset.waitFor({ timeout: 15_000 })
    expect(await page.locator('.markup-scope-note').textContent()).toContain('已单独设置')

    // A reset that never reaches the cloud: said above the buttons, the product keeps its markup.
    await page.route('**/fn/network', (route) =>
      route.request().postData()?.includes('"removeMarkup"') ? route.abort('internetdisconnected') : route.continue(),
    )
    await reset.click()
    await expect.poll(() => page.locator('.markup-error').textContent(), { timeout: 15_000 }).toBe('网络不给力，请稍后再试')
    expect(markups()).toEqual(before)
    expect(await reset.isDisabled()).toBe(false)
    await page.unroute('**/fn/network')

    await reset.click()
    await page.getByText('已恢复默认加价', { exact: true }).waitFor({ timeout: 15_000 })
    await expect.poll(() => page.locator('.markup-scope-note').textContent(), { timeout: 15_000 }).toBe('未单独设置，正在使用默认加价')
    expect(await reset.count()).toBe(0)
    // The form shows the default (30 %, 取整到元) and the product's own markup is gone; the default stays.
    expect(await page.locator('.markup-percent input').inputValue()).toBe('30')
    expect(markups()).toEqual({ supplier: before.supplier, products: {} })
    await page.context().close()
  })
})

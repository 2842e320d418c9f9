import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type App } from './harness'

/** The demo supplier (demo/seed.ts), its shop and an agent bound to it. */
const SUPPLIER = 'demo-supplier'
const SHOP = 'demo-shop'
const AGENT = 'demo-agent-1'

interface StoredSupplier {
  name: string
  contact: string
  mainCategory: string
}

let app: App
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

/** The stored profile only: opening the admin home may write other fields (the home code is made on first view). */
function shop(): StoredSupplier {
  const [record] = app.db.find('suppliers', { _id: SHOP })
  if (!record) throw new Error('the demo shop is missing from the seed')
  const { name, contact, mainCategory } = record as unknown as StoredSupplier
  return { name, contact, mainCategory }
}

describe('the supplier renames its shop in 店铺资料 (supplier.updateProfile)', () => {
  const newName = '杭州四季青童装直供'
  let oldName = ''

  it('when the supplier renames the shop, then the record is stored, a failed save kept what was typed, and the home shows the name', async () => {
    const before = shop()
    oldName = before.name
    const page = await app.openAs(SUPPLIER, 'supplier/home/index')
    await page.locator('.header-profile').click()
    await page.waitForURL(/#\/supplier\/profile\/index/)

    // Prefilled from supplier.me.
    const name = page.locator('.field-name input')
    await expect.poll(() => name.inputValue(), { timeout: 15_000 }).toBe(before.name)
    expect(await page.locator('.field-contact input').inputValue()).toBe(before.contact)
    expect(await page.locator('.field-category .field-value').textContent()).toBe(before.mainCategory)

    // Checked with the server's schema before any call: an empty name says what it needs, nothing is stored.
    await name.fill('')
    await page.locator('.nut-button.profile-save').click()
    await expect.poll(() => page.locator('.field-error-name').textContent(), { timeout: 15_000 }).toBe('请填写供应商名称')
    expect(shop()).toEqual(before)

    // A save that never reaches the cloud: the form says so and keeps the new name to save again.
    await name.fill(newName)
    await page.route('**/fn/supplier', (route) =>
      route.request().postData()?.includes('"updateProfile"') ? route.abort('internetdisconnected') : route.continue(),
    )
    await page.locator('.nut-button.profile-save').click()
    await expect.poll(() => page.locator('.form-error').textContent(), { timeout: 15_000 }).toBe('网络不给力，请稍后再试')
    expect(await name.inputValue()).toBe(newName)
    expect(shop().name).toBe(before.name)
    await page.unroute('**/fn/supplier')

    await page.locator('.nut-button.profile-save').click()
    await page.getByText('已保存', { exact: true }).waitFor({ timeout: 15_000 })
    await page.waitForURL(/#\/supplier\/home\/index/, { timeout: 15_000 })
    await expect.poll(() => page.locator('.supplier-name').textContent(), { timeout: 15_000 }).toBe(newName)
    expect(shop()).toEqual({ ...before, name: newName })
    await page.context().close()
  })

  it("when a bound agent opens its feed next, then the shop's cards carry the new name", async () => {
    const page = await app.openAs(AGENT, 'pages/feed/index')
    const names = page.locator('.feed-card .feed-card-supplier')
    await names.first().waitFor({ timeout: 15_000 })
    const shown = await names.allTextContents()
    expect(shown).toContain(newName)
    expect(shown).not.toContain(oldName)
    await page.context().close()
  })
})

/** How 发布动态 says an empty post is wrong: the padding and size 编辑资料's own messages would change if they leaked. */
async function emptyPostMessageLook(page: Page): Promise<{ text: string | null; look: string }> {
  await page.locator('.nut-button.post-submit').click()
  const message = page.locator('.field-error').first()
  await message.waitFor({ timeout: 15_000 })
  const look = await message.evaluate((element) => {
    const style = getComputedStyle(element)
    return [style.padding, style.margin, style.fontSize, style.display].join(' ')
  })
  return { text: await message.textContent(), look }
}

describe("编辑资料's form styles stay on its page (H5 keeps a page's styles once opened)", () => {
  it('when the supplier opens 编辑资料 and then 发布动态, then 发布动态 says what is wrong as it does when opened alone', async () => {
    const alone = await app.openAs(SUPPLIER, 'supplier/posts/publish/index')
    const expected = await emptyPostMessageLook(alone)
    expect(expected.text).toBeTruthy()
    await alone.context().close()

    const page = await app.openAs(SUPPLIER, 'pages/profile/index')
    await page.locator('.profile-form .field-nickname').waitFor({ timeout: 15_000 })
    await page.goto(`${app.cloud.url}/#/supplier/posts/publish/index`)
    expect(await emptyPostMessageLook(page)).toEqual(expected)
    await page.context().close()
  })
})

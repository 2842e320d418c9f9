import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Spec } from '@/domain/product'
import { startApp, type App } from './harness'
import { addImages as addImagesTo, makeImages as drawImages, pickedFiles } from './images'

const SUPPLIER = 'demo-supplier'
const SUPPLIER_ID = 'demo-shop'

let app: App
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})
const picked = pickedFiles()

const makeImages = (page: Page) => drawImages(page, picked.dir)
const addImages = (page: Page, spec: number, paths: string[]) => addImagesTo(page, `.spec-card-${spec}`, paths)

type Doc = Record<string, unknown>
function productsWith(text: string): Doc[] {
  return app.db.find('products', { supplierId: SUPPLIER_ID }).filter((p) => String(p.description).includes(text))
}

async function addSpec(page: Page, name: string): Promise<void> {
  await page.locator('.spec-adder-input input').fill(name)
  await page.locator('.nut-button', { hasText: '添加规格' }).click()
}

async function confirmDialog(page: Page, text: string): Promise<void> {
  const button = page.locator('.nut-dialog .nut-button', { hasText: text })
  await button.waitFor()
  await button.click()
}

async function rowOf(page: Page, text: string) {
  const row = page.locator('.product-row', { hasText: text })
  await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1)
  return row
}

describe('publishing a product (R3–R7) and managing it (R10)', () => {
  const description = '【e2e】冰丝防晒衣 UPF50+ 轻薄透气，出门不怕晒'

  it('when the supplier publishes a product with two specs and images, then it is stored on sale as typed', async () => {
    const page = await app.openAs(SUPPLIER, 'supplier/home/index')
    const images = await makeImages(page)
    await page.locator('.entry-publish').click()
    await page.waitForURL(/#\/supplier\/publish\/category\/index/)
    await page.locator('.category-chip', { hasText: '女装' }).click()
    await page.locator('.nut-button', { hasText: '发布新商品' }).click()
    await page.waitForURL(/#\/supplier\/publish\/form\/index/)

    // Nothing filled: the form says what is missing and nothing is stored.
    await page.locator('.publish-submit').click()
    await expect.poll(() => page.locator('.field-error-specs').textContent(), { timeout: 15_000 }).toBe('请至少填写一个产品规格')
    expect(await page.locator('.field-error-description').textContent()).toBe('请填写商品描述')
    expect(productsWith('【e2e】')).toHaveLength(0)

    await page.locator('.description-input textarea').fill(description)
    // The counter counts code points (R4).
    expect(await page.locator('.description-counter').textContent()).toBe(`${Array.from(description).length}/500`)

    await addSpec(page, '冰川蓝 / 均码')
    await addImages(page, 0, [images.png, images.jpeg])
    const first = page.locator('.spec-card-0')
    await first.locator('.spec-price input').fill('39.9')
    await first.locator('.tier-price-tier-gold input').fill('35')
    await first.locator('.spec-retail input').fill('89')
    await first.locator('.spec-stock input').fill('100')

    await addSpec(page, '樱花粉 / 均码')
    await addImages(page, 1, [images.jpeg])
    const second = page.locator('.spec-card-1')
    await second.locator('.spec-price input').fill('42.5')
    await second.locator('.spec-stock input').fill('50')

    // A malformed price is caught on the phone, and what was typed stays.
    await second.locator('.spec-retail input').fill('9.999')
    await page.locator('.agreement-check').click()
    await page.locator('.publish-submit').click()
    await expect.poll(() => second.locator('.field-error-retail').textContent(), { timeout: 15_000 }).toBe('价格格式不正确（如 12.80）')
    expect(await page.locator('.description-input textarea').inputValue()).toBe(description)
    expect(productsWith('【e2e】')).toHaveLength(0)
    await second.locator('.spec-retail input').fill('')

    await page.locator('.publish-submit').click()
    await page.waitForURL(/#\/supplier\/publish\/success\/index\?id=/, { timeout: 15_000 })
    await expect.poll(() => page.locator('.product-code .mini-code-image').count(), { timeout: 15_000 }).toBe(1)

    const [stored] = productsWith('【e2e】')
    expect(stored).toMatchObject({ category: '女装', description, status: 'on_sale', source: 'new' })
    const specs = stored.specs as Spec[]
    expect(specs).toHaveLength(2)
    expect(specs[0]).toMatchObject({ name: '冰川蓝 / 均码', price: 3990, tierPrices: { 'tier-gold': 3500 }, retailPrice: 8900, stock: 100 })
    expect(specs[0].images).toHaveLength(2)
    // Under names the server gave the supplier, the only new files the function accepts (R9), saying nothing of it (R16).
    for (const id of specs[0].images) expect(id).toMatch(/^cloud:\/\/[^/]+\/uploads\/products\/[0-9a-f]{56}\.(png|jpg|webp|gif)$/)
    expect(specs[1]).toMatchObject({ name: '樱花粉 / 均码', price: 4250, tierPrices: {}, stock: 50 })
    expect(specs[1].retailPrice).toBeUndefined()
    expect(specs[1].images).toHaveLength(1)
    await page.context().close()
  })

  it('when the supplier delists, relists and deletes it from 商品管理, then the stored product follows', async () => {
    const page = await app.openAs(SUPPLIER, 'supplier/products/index')
    const id = String(productsWith('【e2e】')[0]._id)

    const onSale = await rowOf(page, '【e2e】')
    expect(await onSale.locator('.product-price').textContent()).toBe('¥39.90–¥42.50')
    expect(await onSale.locator('.product-days').textContent()).toBe('30 天后下架')
    await onSale.locator('.product-check').click()
    await page.locator('.batch-delist').click()
    await confirmDialog(page, '下架')
    await expect.poll(() => app.db.find('products', { _id: id })[0]?.status, { timeout: 15_000 }).toBe('off_shelf')
    await expect.poll(() => page.locator('.product-row', { hasText: '【e2e】' }).count(), { timeout: 15_000 }).toBe(0)

    await page.locator('.nut-tabs-titles-item', { hasText: '已下架' }).click()
    const offShelf = await rowOf(page, '【e2e】')
    await offShelf.locator('.product-check').click()
    await page.locator('.batch-relist').click()
    await expect.poll(() => app.db.find('products', { _id: id })[0]?.status, { timeout: 15_000 }).toBe('on_sale')

    await page.locator('.nut-tabs-titles-item', { hasText: '销售中' }).click()
    const again = await rowOf(page, '【e2e】')
    await again.locator('.product-check').click()
    await page.locator('.batch-remove').click()
    const dialog = page.locator('.nut-dialog')
    await expect.poll(() => dialog.textContent(), { timeout: 15_000 }).toContain('删除后无法恢复，确定删除这 1 件商品？')
    // Cancelling changes nothing.
    await page.locator('.nut-dialog .nut-button', { hasText: '取消' }).click()
    expect(app.db.find('products', { _id: id })).toHaveLength(1)
    await page.locator('.batch-remove').click()
    await confirmDialog(page, '删除')
    await expect.poll(() => app.db.find('products', { _id: id }).length, { timeout: 15_000 }).toBe(0)
    await expect.poll(() => page.locator('.product-row', { hasText: '【e2e】' }).count(), { timeout: 15_000 }).toBe(0)
    await page.context().close()
  })
})

describe('importing the shop catalogue and publishing from it (R15)', () => {
  it('when the supplier imports a CSV, then good rows are stored, bad rows are reported, and an item publishes as source import', async () => {
    const csv = path.join(picked.dir, 'shop.csv')
    writeFileSync(
      csv,
      [
        '商品编号,商品标题,商品描述,类目,规格,采购价,建议零售价,库存',
        'E2E-1,【导入】真丝睡衣套装,桑蚕丝 19 姆米,女装,香槟色 / L,128.5,299,30',
        'E2E-2,坏行商品,,女装,均码,abc,,1',
      ].join('\n'),
    )
    const page = await app.openAs(SUPPLIER, 'supplier/import/index')
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.import-choose').click()])
    await chooser.setFiles(csv)
    await expect.poll(() => page.locator('.import-summary').textContent(), { timeout: 15_000 }).toBe('导入 1 件商品（新增 1，更新 0）')
    expect(await page.locator('.import-error .import-error-row').textContent()).toBe('第 2 行')
    expect(await page.locator('.import-error .import-error-reason').textContent()).toContain('价格格式不正确')
    const [shopItem] = app.db.find('shop_catalog', { supplierId: SUPPLIER_ID, externalId: 'E2E-1' })
    expect(shopItem).toMatchObject({ title: '【导入】真丝睡衣套装' })
    expect(app.db.find('shop_catalog', { supplierId: SUPPLIER_ID, externalId: 'E2E-2' })).toHaveLength(0)

    await page.locator('.nut-button', { hasText: '从导入的商品发布' }).click()
    await page.waitForURL(/#\/supplier\/publish\/category\/index/)
    await page.locator('.category-chip', { hasText: '女装' }).click()
    await page.locator('.nut-button', { hasText: '导入已发布商品' }).click()
    await page.locator('.shop-search-input input').fill('真丝睡衣')
    await page.locator('.shop-search-button').click()
    await page.locator('.shop-item', { hasText: '【导入】真丝睡衣套装' }).click()
    await page.waitForURL(/#\/supplier\/publish\/form\/index\?.*shopItemId=/)

    // Prefilled from the shop item: title and text, the spec with its prices and stock.
    await expect
      .poll(() => page.locator('.description-input textarea').inputValue(), { timeout: 15_000 })
      .toBe('【导入】真丝睡衣套装\n桑蚕丝 19 姆米')
    const spec = page.locator('.spec-card-0')
    expect(await spec.locator('.spec-name input').inputValue()).toBe('香槟色 / L')
    expect(await spec.locator('.spec-price input').inputValue()).toBe('128.50')
    expect(await spec.locator('.spec-retail input').inputValue()).toBe('299')
    expect(await spec.locator('.spec-stock input').inputValue()).toBe('30')

    await addImages(page, 0, [(await makeImages(page)).png])
    await page.locator('.agreement-check').click()
    await page.locator('.publish-submit').click()
    await page.waitForURL(/#\/supplier\/publish\/success\/index\?id=/, { timeout: 15_000 })

    const [stored] = productsWith('【导入】真丝睡衣套装')
    expect(stored).toMatchObject({ source: 'import', category: '女装', status: 'on_sale' })
    expect((stored.specs as Spec[])[0]).toMatchObject({ name: '香槟色 / L', price: 12850, retailPrice: 29900, stock: 30 })
    await page.context().close()
  })
})

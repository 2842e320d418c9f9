import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDayRange } from '../src/domain/order-csv'
import { DAY_MS, shanghaiDay } from '../src/domain/time'
import { demoOpenids, DEMO_SUPPLIER_ID } from '../demo/people'
import { startApp, type App, type StoredTier } from './harness'

/**
 * The supplier's forms on the submit hook, end to end on the H5 build: 分销商等级 (each change saves
 * the whole list), the shipping template form and 导出订单. What the screens say is checked against
 * what the local cloud stored or answers.
 */
const SUPPLIER = demoOpenids.supplier
const SHOP = DEMO_SUPPLIER_ID
interface StoredTemplate {
  _id: string
  name: string
  firstFee: number
  additionalFee: number
  regions: Array<{ provinces: string[]; firstFee: number; additionalFee: number }>
  freeOver?: number
}

let app: App
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

async function call<T>(fn: string, openid: string, event: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${app.cloud.url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wegong-openid': openid },
    body: JSON.stringify(event),
  })
  const answer = (await response.json()) as { ok: boolean; data: T }
  expect(answer.ok).toBe(true)
  return answer.data
}

/** The tiers as network.tiers answers them: by rank, with their agent counts. */
async function tiersOfApi() {
  return call<Array<StoredTier & { agentCount: number }>>('network', SUPPLIER, { action: 'tiers' })
}

function storedTierNames(): string[] {
  const [record] = app.db.find('suppliers', { _id: SHOP }) as unknown as Array<{ tiers: StoredTier[] }>
  if (!record) throw new Error('the demo shop is missing from the seed')
  return [...record.tiers].sort((a, b) => a.rank - b.rank).map((t) => t.name)
}

const rowNames = (page: Page) => page.locator('.tier-row .tier-name').allTextContents()
const row = (page: Page, name: string) => page.locator('.tier-row', { has: page.locator('.tier-name', { hasText: name }) })

async function typeTierName(page: Page, name: string) {
  const input = page.locator('.tier-name-popup .tier-name-input input')
  await input.waitFor({ timeout: 10_000 })
  await input.fill(name)
  await page.locator('.tier-name-popup .nut-button.tier-name-save').click()
}

describe('分销商等级: the supplier adds, renames, moves and deletes a tier (R11)', () => {
  it('when each change is made on the page, then the list is saved whole and the API answers it', async () => {
    const before = await tiersOfApi()
    expect(before.map((t) => t.name)).toEqual(['普通代理', '金牌代理', '钻石代理'])
    const gold = before.find((t) => t.name === '金牌代理')
    const normal = before.find((t) => t.name === '普通代理')
    if (!gold || !normal) throw new Error('the demo tiers changed')

    const page = await app.openAs(SUPPLIER, 'supplier/tiers/index')
    await expect.poll(() => rowNames(page), { timeout: 15_000 }).toEqual(['普通代理', '金牌代理', '钻石代理'])

    // A name another tier has is refused on the phone: the sheet says why, nothing is stored.
    await page.locator('.nut-button.tier-add').click()
    await typeTierName(page, '金牌代理')
    await expect.poll(() => page.locator('.tier-name-error').textContent(), { timeout: 10_000 }).toBe('等级名称不能重复')
    expect(storedTierNames()).toEqual(['普通代理', '金牌代理', '钻石代理'])

    // Typing takes the message away; a new name is added last.
    await page.locator('.tier-name-popup .tier-name-input input').fill('银牌')
    expect(await page.locator('.tier-name-error').count()).toBe(0)
    await typeTierName(page, '银牌代理')
    await page.getByText('已新增等级', { exact: true }).waitFor({ timeout: 15_000 })
    await expect.poll(() => rowNames(page), { timeout: 15_000 }).toEqual(['普通代理', '金牌代理', '钻石代理', '银牌代理'])
    expect(storedTierNames()).toEqual(['普通代理', '金牌代理', '钻石代理', '银牌代理'])

    // Rename: the sheet opens with the tier's own name.
    await row(page, '银牌代理').locator('.nut-button.tier-rename').click()
    await expect.poll(() => page.locator('.tier-name-popup .tier-name-input input').inputValue(), { timeout: 10_000 }).toBe('银牌代理')
    await typeTierName(page, '白银代理')
    await page.getByText('已重命名', { exact: true }).waitFor({ timeout: 15_000 })
    await expect.poll(() => rowNames(page), { timeout: 15_000 }).toEqual(['普通代理', '金牌代理', '钻石代理', '白银代理'])

    // Move it up one place.
    await row(page, '白银代理').locator('.nut-button.tier-up').click()
    await page.getByText('顺序已保存', { exact: true }).waitFor({ timeout: 15_000 })
    await expect.poll(() => rowNames(page), { timeout: 15_000 }).toEqual(['普通代理', '金牌代理', '白银代理', '钻石代理'])

    // Delete 金牌代理: the dialog says where its agents go, and they go there.
    await expect.poll(() => row(page, '金牌代理').locator('.tier-agent-count').textContent()).toBe(`${gold.agentCount} 位微商`)
    await row(page, '金牌代理').locator('.nut-button.tier-delete').click()
    const dialog = page.locator('.nut-dialog')
    const says =
      gold.agentCount > 0
        ? `删除后，「金牌代理」下的 ${gold.agentCount} 位微商将移至「普通代理」，按该等级价格拿货。`
        : '「金牌代理」下没有微商，删除后不影响任何人。'
    await expect.poll(() => dialog.textContent(), { timeout: 10_000 }).toContain(says)
    await page.locator('.nut-dialog .nut-button', { hasText: '删除' }).click()
    await page
      .getByText(gold.agentCount > 0 ? `已删除等级，${gold.agentCount} 位微商已移至「普通代理」` : '已删除等级')
      .waitFor({ timeout: 15_000 })
    await expect.poll(() => rowNames(page), { timeout: 15_000 }).toEqual(['普通代理', '白银代理', '钻石代理'])

    // What is stored, through the API: the order, the ranks, the kept ids, and the moved agents.
    const after = await tiersOfApi()
    expect(after.map(({ name, rank }) => ({ name, rank }))).toEqual([
      { name: '普通代理', rank: 1 },
      { name: '白银代理', rank: 2 },
      { name: '钻石代理', rank: 3 },
    ])
    expect(after[0]).toMatchObject({ id: normal.id, agentCount: normal.agentCount + gold.agentCount })
    expect(after.some((t) => t.id === gold.id)).toBe(false)
    expect(storedTierNames()).toEqual(['普通代理', '白银代理', '钻石代理'])
    await page.context().close()
  })
})

function templates(): StoredTemplate[] {
  return app.db.find('shipping_templates', { supplierId: SHOP }) as unknown as StoredTemplate[]
}

const money = (page: Page, line: string) => page.locator(`.field-${line} input`)

/** Taps these provinces (on, or off when ticked) in the region's sheet; the region then shows `shown`. */
async function tapProvinces(page: Page, region: number, taps: string[], shown: string[]) {
  await page.locator(`.region-${region} .region-provinces`).click()
  for (const name of taps) await page.locator('.province-popup .province-chip', { hasText: name }).click()
  await page.locator('.province-popup .nut-button.province-confirm').click()
  await expect.poll(() => page.locator(`.region-${region} .region-provinces-text`).textContent()).toBe(shown.join('、'))
}

describe('the shipping template form: create and edit a template with a region (R7)', () => {
  const name = '偏远地区加价模板'
  let id = ''

  it('when the supplier creates a template with a region, then a region without provinces is refused first and the saved one is stored', async () => {
    const count = templates().length
    const page = await app.openAs(SUPPLIER, 'supplier/shipping/index')
    await page.locator('.nut-button.shipping-create').click()
    await page.waitForURL(/#\/supplier\/shipping\/edit\/index/)

    await page.locator('.field-name input').fill(name)
    await money(page, 'firstFee').fill('10')
    await money(page, 'additionalFee').fill('3')
    await page.locator('.nut-button.region-add').click()
    await money(page, 'regions-0-firstFee').fill('15')
    await money(page, 'regions-0-additionalFee').fill('5.5')

    // No province chosen: the region says so and nothing is stored.
    await page.locator('.nut-button.shipping-save').click()
    await expect.poll(() => page.locator('.form-error').textContent(), { timeout: 10_000 }).toBe('请检查标红的内容')
    expect(await page.locator('.region-0 .region-provinces.field-invalid').count()).toBe(1)
    expect(await page.locator('.region-0 .field-error').textContent()).toBeTruthy()
    expect(templates().length).toBe(count)

    await tapProvinces(page, 0, ['青海', '海南'], ['海南', '青海'])
    await page.locator('.nut-button.shipping-save').click()
    await page.getByText('已创建', { exact: true }).waitFor({ timeout: 15_000 })
    await page.waitForURL(/#\/supplier\/shipping\/index/, { timeout: 15_000 })

    const created = templates().find((t) => t.name === name)
    expect(templates().length).toBe(count + 1)
    expect(created).toMatchObject({
      firstFee: 1000,
      additionalFee: 300,
      regions: [{ provinces: ['海南', '青海'], firstFee: 1500, additionalFee: 550 }],
    })
    expect(created?.freeOver).toBeUndefined()
    id = created?._id ?? ''
    await expect.poll(() => page.locator(`.shipping-card[data-template-id="${id}"] .shipping-name`).textContent()).toBe(name)
    await page.context().close()
  })

  it('when the supplier edits it, then the form opens with its values and the changes are stored', async () => {
    expect(id).not.toBe('')
    const page = await app.openAs(SUPPLIER, 'supplier/shipping/index')
    await page.locator(`.shipping-card[data-template-id="${id}"] .shipping-edit`).click()
    await page.waitForURL(/#\/supplier\/shipping\/edit\/index/)

    await expect.poll(() => page.locator('.field-name input').inputValue(), { timeout: 15_000 }).toBe(name)
    expect(await money(page, 'firstFee').inputValue()).toBe('10')
    expect(await money(page, 'regions-0-additionalFee').inputValue()).toBe('5.50')
    expect(await page.locator('.region-0 .region-provinces-text').textContent()).toBe('海南、青海')

    await money(page, 'firstFee').fill('12')
    await tapProvinces(page, 0, ['海南', '宁夏'], ['青海', '宁夏'])
    await money(page, 'regions-0-additionalFee').fill('6')
    await page.locator('.free-switch').click()
    await money(page, 'freeOver').fill('199')
    await page.locator('.nut-button.shipping-save').click()
    await page.getByText('已保存', { exact: true }).waitFor({ timeout: 15_000 })
    await page.waitForURL(/#\/supplier\/shipping\/index/, { timeout: 15_000 })

    const edited = templates().find((t) => t._id === id)
    expect(edited).toMatchObject({
      name,
      firstFee: 1200,
      additionalFee: 300,
      regions: [{ provinces: ['青海', '宁夏'], firstFee: 1500, additionalFee: 600 }],
      freeOver: 19900,
    })
    await page.context().close()
  })
})

describe('导出订单: the supplier exports a range of orders (ExportPopup)', () => {
  it('when the supplier chooses 近 30 天 and 全部, then the export covers those days and its link answers the CSV of the stored orders', async () => {
    const page = await app.openAs(SUPPLIER, 'supplier/orders/index')
    await page.locator('.nut-button.sold-export').click()
    const popup = page.locator('.export-popup')
    await popup.locator('.ship-carrier', { hasText: '近 30 天' }).click()
    await popup.locator('.ship-carrier', { hasText: '全部' }).click()
    expect(await popup.locator('.ship-carrier-active').allTextContents()).toEqual(['近 30 天', '全部'])

    const answered = page.waitForResponse((r) => r.url().endsWith('/fn/order') && Boolean(r.request().postData()?.includes('"export"')))
    const clicked = Date.now()
    await popup.locator('.nut-button.export-confirm').click()
    const response = await answered
    const sent = JSON.parse(response.request().postData() ?? '{}') as { fromDay: string; toDay: string; status?: string }
    // The page reads its clock between the click and the answer: at Shanghai's midnight the day may turn between.
    expect([shanghaiDay(clicked), shanghaiDay(Date.now())]).toContain(sent.toDay)
    expect(sent.fromDay).toBe(shanghaiDay(shanghaiDayRange(sent.toDay, sent.toDay).from - 29 * DAY_MS))
    expect(sent.status).toBeUndefined()
    const { data } = (await response.json()) as { data: { url: string; fileName: string; count: number } }

    // The orders stored in those days, whatever their status.
    const { from, to } = shanghaiDayRange(sent.fromDay, sent.toDay)
    const stored = (app.db.find('orders', { supplierId: SHOP }) as unknown as Array<{ orderNo: string; createdAt: number }>).filter(
      (o) => o.createdAt >= from && o.createdAt < to,
    )
    expect(stored.length).toBeGreaterThan(0)
    expect(data.count).toBe(stored.length)
    expect(data.fileName).toBe(`微供订单_${sent.fromDay}_${sent.toDay}.csv`)
    await page.getByText(`已导出 ${stored.length} 单`, { exact: true }).waitFor({ timeout: 15_000 })
    await expect.poll(() => popup.isVisible()).toBe(false)

    const file = await fetch(data.url)
    expect(file.status).toBe(200)
    const csv = await file.text()
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]?.startsWith('订单号,')).toBe(true)
    expect(lines.length).toBe(stored.length + 1)
    for (const order of stored) expect(csv).toContain(order.orderNo)
    await page.context().close()
  })
})

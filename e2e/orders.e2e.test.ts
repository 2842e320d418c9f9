import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatFen } from '../src/domain/money'
import { startApp, type App } from './harness'

/**
 * R17 end to end on the H5 build: an agent puts two specs in its 进货单, orders them to a customer's
 * address, pays in the 模拟支付 sheet (the local cloud's cloudPay stand-in); the supplier sees the
 * order tagged 微供 under 待发货 and ships it; the agent sees the tracking number and confirms
 * receipt; both notifications are in the local message log.
 */
const SUPPLIER = 'demo-supplier'
const AGENT = 'demo-agent-2'
const PRODUCT = 'demo-p-tote'

interface StoredOrder {
  _id: string
  orderNo: string
  status: string
  total: number
  createdAt: number
  consignee: { name: string }
  logistics?: { trackingNo: string }
}

let app: App
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

async function openWithQuery(openid: string, pathWithQuery: string): Promise<Page> {
  const page = await app.openAs(openid, 'pages/mine/index')
  await page.locator('.mine-nickname').waitFor()
  await page.goto(`${app.cloud.url}/#/${pathWithQuery}`)
  return page
}

function newestOrderOfAgent(): StoredOrder {
  const orders = (app.db.find('orders', { agentOpenid: AGENT }) as unknown as StoredOrder[]).sort((a, b) => b.createdAt - a.createdAt)
  const [order] = orders
  if (!order) throw new Error('no order stored')
  return order
}

/** What WeChat's subscribe dialog granted this user and no send used yet (GET /_local/subscriptions). */
async function acceptancesLeft(openid: string, templateId: string): Promise<number> {
  const answer = (await (await fetch(`${app.cloud.url}/_local/subscriptions`)).json()) as {
    data: { quota: Record<string, Record<string, number> | undefined> }
  }
  return answer.data.quota[openid]?.[templateId] ?? 0
}

async function addSpec(page: Page, specName: string) {
  await page.locator('.order-bar .nut-button', { hasText: '加入进货单' }).click()
  const sheet = page.locator('.order-sheet')
  await sheet.locator('.order-spec', { hasText: specName }).click()
  await sheet.locator('.nut-button', { hasText: '加入进货单' }).click()
  await expect.poll(() => page.locator('.order-bar-badge').textContent(), { timeout: 10_000 }).not.toBeNull()
}

describe('an agent orders two specs to a customer, pays, the supplier ships, the agent confirms (R17)', () => {
  let orderNo = ''
  const customer = { name: '赵先生', phone: '13600001111', address: '文一西路 969 号 2 幢' }

  it('when the agent adds two specs to the 进货单 and orders them to a new address, then the server quote is shown and the 模拟支付 sheet pays it', async () => {
    const product = app.db.find('products', { _id: PRODUCT })[0] as { specs: Array<{ name: string; price: number; stock: number }> }
    const [first, second] = product.specs
    if (!first || !second) throw new Error('the demo tote needs two specs')
    // The supplier opened 订单管理 before, accepting the 新订单 message (the H5 stand-in of WeChat's dialog).
    const home = await app.openAs(SUPPLIER, 'supplier/home/index')
    await home.locator('.entry-grid').getByText('订单管理').click()
    await expect.poll(() => acceptancesLeft(SUPPLIER, 'demo-tpl-order-paid'), { timeout: 10_000 }).toBe(1)
    const page = await openWithQuery(AGENT, `pages/product/index?id=${PRODUCT}`)
    await page.locator('.order-bar').waitFor({ timeout: 15_000 })
    await addSpec(page, first.name)
    await addSpec(page, second.name)
    expect(await page.locator('.order-bar-badge').textContent()).toBe('2')

    await page.locator('.order-bar-cart').click()
    await page.locator('.cart-group').waitFor()
    expect(await page.locator('.cart-line').count()).toBe(2)
    await page.locator('.nut-button', { hasText: '去结算' }).click()

    // A customer's address, typed in the H5 form with the region picker (一件代发).
    await page.locator('.checkout-consignee').click()
    await page.locator('.consignee-picker .nut-button', { hasText: '新建收货地址' }).click()
    await page.locator('.consignee-name input').fill(customer.name)
    await page.locator('.consignee-phone input').fill(customer.phone)
    await page.locator('.consignee-region').click()
    for (const place of ['浙江省', '杭州市', '余杭区']) {
      await page.locator('.nut-cascader-item', { hasText: place }).first().click()
    }
    await page.locator('.consignee-address textarea').fill(customer.address)
    await page.locator('.consignee-picker .nut-button', { hasText: '使用这个地址' }).click()
    await expect.poll(() => page.locator('.checkout-consignee').textContent(), { timeout: 10_000 }).toContain('浙江省 杭州市 余杭区')

    // The server's quote: both specs at the agent's price, shipping ¥8 + ¥2 under the demo template.
    const goods = first.price + second.price
    const total = goods + 800 + 200
    await expect.poll(() => page.locator('.checkout-total').textContent(), { timeout: 15_000 }).toBe(formatFen(total))
    expect(await page.locator('.checkout-goods-total').textContent()).toBe(formatFen(goods))

    await page.locator('.nut-button', { hasText: '提交订单' }).click()
    const sheet = page.locator('.pay-sheet')
    await expect.poll(() => sheet.textContent(), { timeout: 15_000 }).toContain('模拟支付')
    expect(await sheet.textContent()).toContain(formatFen(total))
    await sheet.locator('.nut-button', { hasText: '确认支付' }).click()

    await expect.poll(() => page.locator('.order-detail-status-text').textContent(), { timeout: 20_000 }).toBe('待发货')
    const order = newestOrderOfAgent()
    expect(order).toMatchObject({ status: 'paid', total, consignee: { name: customer.name } })
    orderNo = order.orderNo
    expect(await page.locator('.order-no').textContent()).toBe(orderNo)
  })

  it('when the supplier opens 已卖出的商品, then the order is under 待发货 tagged 微供, and shipping it stores the carrier and number', async () => {
    const page = await app.openAs(SUPPLIER, 'supplier/orders/index')
    const card = page.locator(`.order-card[data-order-no="${orderNo}"]`)
    await card.waitFor({ timeout: 15_000 })
    expect(await card.locator('.order-tag').textContent()).toBe('微供')
    expect(await card.locator('.order-status').textContent()).toBe('待发货')
    await card.locator('.nut-button', { hasText: '发货' }).click()
    const popup = page.locator('.ship-popup')
    await popup.locator('.ship-carrier', { hasText: '顺丰速运' }).click()
    await popup.locator('.ship-no-input input').fill('SF1234509876')
    await popup.locator('.nut-button', { hasText: '确认发货' }).click()
    await expect.poll(() => newestOrderOfAgent().status, { timeout: 15_000 }).toBe('shipped')
    expect(newestOrderOfAgent().logistics?.trackingNo).toBe('SF1234509876')
  })

  it('when the agent opens the order, then it reads 已发货 with the tracking number, and 确认收货 completes it', async () => {
    const page = await openWithQuery(AGENT, `pages/orders/detail/index?id=${newestOrderOfAgent()._id}`)
    await expect.poll(() => page.locator('.order-detail-status-text').textContent(), { timeout: 15_000 }).toBe('已发货')
    expect(await page.locator('.order-logistics').textContent()).toContain('SF1234509876')
    await page.locator('.order-detail-bar .nut-button', { hasText: '确认收货' }).click()
    await page.locator('.nut-dialog .nut-button', { hasText: '确认收货' }).click()
    await expect.poll(() => page.locator('.order-detail-status-text').textContent(), { timeout: 15_000 }).toBe('已完成')
    expect(newestOrderOfAgent().status).toBe('completed')
  })

  it('then the supplier was told of the new order and the agent of the shipping, in the local message log', async () => {
    const answer = (await (await fetch(`${app.cloud.url}/_local/messages`)).json()) as {
      data: { items: Array<{ touser: string; data: Record<string, { value: string }> }> }
    }
    const about = answer.data.items.filter((m) => m.data.character_string1?.value === orderNo)
    expect(about.map((m) => m.touser)).toEqual([SUPPLIER, AGENT])
    expect(about[1]?.data.character_string4?.value).toBe('SF1234509876')
  })
})

describe('经营数据 on the admin home', () => {
  it('when the supplier opens its home, then the last 30 days are drawn by F2 on a canvas and the totals match the counters', async () => {
    const opened = Date.now()
    const page = await app.openAs(SUPPLIER, 'supplier/home/index')
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const card = page.locator('.sales-card')
    await card.waitFor({ timeout: 20_000 })
    const days = app.db.find('supplier_days', { supplierId: 'demo-shop' }) as unknown as Array<{
      salesFen: number
      refundedFen?: number
      day: string
    }>
    // 经营数据 are net of refunds (R19): the demo holds a refunded after-sales case.
    const netSales = (at: number) => {
      const since = new Date(at + 8 * 3600_000 - 29 * 24 * 3600_000).toISOString().slice(0, 10)
      const shown = days.filter((d) => d.day >= since)
      const refunded = shown.reduce((sum, d) => sum + (d.refundedFen ?? 0), 0)
      expect(refunded).toBeGreaterThan(0)
      return formatFen(shown.reduce((sum, d) => sum + d.salesFen, 0) - refunded)
    }
    // The page reads its clock while it opens: at Shanghai's midnight its 30 days may start a day later.
    expect([netSales(opened), netSales(Date.now())]).toContain(await card.locator('.sales-tab-salesFen .sales-tab-value').textContent())
    // Something was painted: the canvas holds non-transparent pixels.
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const canvas = document.querySelector('.sales-card canvas') as HTMLCanvasElement | null
            const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data
            return data ? data.filter((_, i) => i % 4 === 3 && data[i] !== 0).length : 0
          }),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(100)
    await card.locator('.sales-tab-paidOrders').click()
    expect(errors).toEqual([])
  })
})

describe('the order lists open where their entries say (R17)', () => {
  /** The highlighted tabs' titles (a title carries its count once the counts arrive: 「待发货 2」). */
  const activeTabs = (page: Page) => page.locator('.order-status-tabs .nut-tabs-titles-item-active').allTextContents()

  it('when the supplier opens 已卖出的商品 as 订单管理 does (no status), then 待发货 is the highlighted tab and only paid orders are listed', async () => {
    const page = await app.openAs(SUPPLIER, 'supplier/orders/index')
    await page.locator('.order-card').first().waitFor({ timeout: 15_000 })
    expect((await activeTabs(page)).map((title) => title.split(' ')[0])).toEqual(['待发货'])
    const paid = app.db.find('orders', { supplierId: 'demo-shop', status: 'paid' }).length
    expect(paid).toBeGreaterThan(0)
    expect(await page.locator('.order-card .order-status').allTextContents()).toEqual(Array.from({ length: paid }, () => '待发货'))
  })

  it('when the agent opens 我的订单 as 全部订单 does (no status), then 全部 is the highlighted tab and every order is listed', async () => {
    const agent = 'demo-agent-1'
    const page = await openWithQuery(agent, 'pages/orders/index')
    await page.locator('.order-card').first().waitFor({ timeout: 15_000 })
    expect(await activeTabs(page)).toEqual(['全部'])
    expect(await page.locator('.order-card').count()).toBe(app.db.find('orders', { agentOpenid: agent }).length)
  })

  it('when the agent comes to 我的 from 首页, then 我的订单 asks for its counts once', async () => {
    const page = await app.openAs('demo-agent-1', 'pages/feed/index')
    await page.locator('.feed-card').first().waitFor({ timeout: 15_000 })
    let countCalls = 0
    page.on('request', (request) => {
      if (request.url().endsWith('/fn/order') && request.postData()?.includes('"countsMine"')) countCalls += 1
    })
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
    await expect.poll(() => page.locator('.my-orders-paid .my-orders-count').textContent(), { timeout: 15_000 }).not.toBe('-')
    // Both calls of a doubled load leave together; a moment more lets a late one show.
    await page.waitForTimeout(1000)
    expect(countCalls).toBe(1)
  })
})

describe('a checkout whose answer was lost (R17, 一件代发)', () => {
  const AGENT_1 = 'demo-agent-1'

  async function newConsignee(page: Page, name: string, address: string) {
    await page.locator('.checkout-consignee').click()
    await page.locator('.consignee-picker .nut-button', { hasText: '新建收货地址' }).click()
    await page.locator('.consignee-name input').fill(name)
    await page.locator('.consignee-phone input').fill('13600002222')
    await page.locator('.consignee-region').click()
    for (const place of ['浙江省', '杭州市', '余杭区']) {
      await page.locator('.nut-cascader-item', { hasText: place }).first().click()
    }
    await page.locator('.consignee-address textarea').fill(address)
    await page.locator('.consignee-picker .nut-button', { hasText: '使用这个地址' }).click()
    await expect.poll(() => page.locator('.checkout-consignee').textContent(), { timeout: 10_000 }).toContain(name)
  }

  it('when 提交订单 is tapped again unchanged, then the same key is sent; once the consignee changes, a new key, and the order goes to the new consignee', async () => {
    const product = app.db.find('products', { _id: PRODUCT })[0] as { specs: Array<{ name: string }> }
    const page = await openWithQuery(AGENT_1, `pages/product/index?id=${PRODUCT}`)
    await page.locator('.order-bar').waitFor({ timeout: 15_000 })
    await addSpec(page, product.specs[0]!.name)
    await page.locator('.order-bar-cart').click()
    await page.locator('.cart-group').waitFor()
    await page.locator('.nut-button', { hasText: '去结算' }).click()
    await newConsignee(page, '钱先生', '旧地址 1 号')
    await expect.poll(() => page.locator('.checkout-total').textContent(), { timeout: 15_000 }).toMatch(/\d/)

    // The order is made but its answer never comes back (a lost answer): the page offers 提交订单 again.
    const keys: string[] = []
    await page.route('**/fn/order', async (route) => {
      const event = JSON.parse(route.request().postData() ?? '{}') as { action?: string; idempotencyKey?: string }
      if (event.action !== 'create') return route.continue()
      keys.push(event.idempotencyKey ?? '')
      await route.fetch()
      return route.abort('internetdisconnected')
    })
    const submit = page.locator('.nut-button', { hasText: '提交订单' })
    for (const tries of [1, 2]) {
      await submit.click()
      await expect.poll(() => keys.length, { timeout: 15_000 }).toBe(tries)
      await page.getByText('网络不给力，请稍后再试').first().waitFor({ timeout: 15_000 })
    }
    expect(keys[1]).toBe(keys[0])
    const ordersOf = () => app.db.find('orders', { agentOpenid: AGENT_1 }) as unknown as StoredOrder[]
    expect(ordersOf().filter((order) => order.consignee.name === '钱先生')).toHaveLength(1)

    // The agent ships to another customer instead: another submission, under a new key.
    await newConsignee(page, '孙女士', '新地址 2 号')
    await page.unroute('**/fn/order')
    await page.route('**/fn/order', async (route) => {
      const event = JSON.parse(route.request().postData() ?? '{}') as { action?: string; idempotencyKey?: string }
      if (event.action === 'create') keys.push(event.idempotencyKey ?? '')
      return route.continue()
    })
    await submit.click()
    await expect.poll(() => page.locator('.pay-sheet').textContent(), { timeout: 15_000 }).toContain('模拟支付')
    expect(keys).toHaveLength(3)
    expect(keys[2]).not.toBe(keys[0])
    const newest = ordersOf().sort((a, b) => b.createdAt - a.createdAt)[0]
    expect(newest?.consignee.name).toBe('孙女士')
    await page.context().close()
  })
})

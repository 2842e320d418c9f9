import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatFen } from '../src/domain/money'
import { DEMO_OPERATOR, startApp, type App } from './harness'

/**
 * R19 end to end on the H5 build: a return with a photo (agent applies, supplier agrees with a
 * return address, agent ships it back, supplier confirms, both read 退款成功), the supplier's
 * 无法发货，退款, and a platform decision. Orders are placed and paid through the API (the ordering
 * pages have their own e2e), so WeChat Pay's stand-in holds the payments the refunds go back to.
 */
const SUPPLIER = 'demo-supplier'
const AGENT = 'demo-agent-2'
const PRODUCT = 'demo-p-tote'

let app: App
let files = ''
beforeAll(async () => {
  app = await startApp()
  files = mkdtempSync(path.join(tmpdir(), 'wegong-aftersale-'))
})
afterAll(async () => {
  await app?.close()
  if (files) rmSync(files, { recursive: true, force: true })
})

interface StoredOrder {
  _id: string
  orderNo: string
  status: string
  total: number
  goodsTotal: number
  refundedFen?: number
}

/** One call of a function as this OPENID, as the app makes it; the answer's data or the test fails. */
async function call<T>(openid: string, fn: string, action: string, input: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${app.cloud.url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wegong-openid': openid },
    body: JSON.stringify({ action, ...input }),
  })
  const answer = (await response.json()) as { ok: boolean; data: T; error?: { message: string } }
  if (!answer.ok) throw new Error(`${fn}.${action}: ${answer.error?.message}`)
  return answer.data
}

/** A paid order of the demo tote by the demo agent (paid in the 模拟支付 stand-in), shipped when asked. */
async function paidOrder(shipped: boolean): Promise<StoredOrder> {
  const product = app.db.find('products', { _id: PRODUCT })[0] as { specs: Array<{ id: string }> }
  const specId = product.specs[0]?.id ?? ''
  const consignee = { name: '陈女士', phone: '13600002222', province: '浙江省', city: '杭州市', district: '西湖区', address: '学院路 1 号' }
  const key = `e2e-as-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`
  const order = await call<StoredOrder>(AGENT, 'order', 'create', {
    idempotencyKey: key,
    items: [{ productId: PRODUCT, specId, qty: 1 }],
    consignee,
  })
  const { payment } = await call<{ payment: { package: string } }>(AGENT, 'order', 'pay', { id: order._id })
  const paid = await fetch(`${app.cloud.url}/_local/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ package: payment.package }),
  })
  expect(paid.status).toBe(200)
  if (shipped) await call(SUPPLIER, 'order', 'ship', { id: order._id, carrier: '中通快递', trackingNo: 'ZT2026120701' })
  return stored(order._id)
}

function stored(id: string): StoredOrder {
  const [order] = app.db.find('orders', { _id: id }) as unknown as StoredOrder[]
  if (!order) throw new Error(`no order ${id}`)
  return order
}

function caseOf(orderId: string): { _id: string; status: string } {
  const [found] = app.db.find('aftersales', { orderId }) as unknown as Array<{ _id: string; status: string }>
  if (!found) throw new Error(`no case of order ${orderId}`)
  return found
}

async function confirmDialog(page: Page, text: string): Promise<void> {
  const button = page.locator('.nut-dialog .nut-button', { hasText: text })
  await button.waitFor()
  await button.click()
}

const statusOf = (page: Page) => page.locator('.case-status-text').textContent()

/** A real PNG drawn by the browser, for the photo of an application. */
async function photo(page: Page): Promise<string> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas')
    canvas.width = 200
    canvas.height = 200
    const context = canvas.getContext('2d')
    if (!context) throw new Error('no canvas')
    context.fillStyle = '#c0392b'
    context.fillRect(0, 0, 200, 200)
    return canvas.toDataURL('image/png')
  })
  const file = path.join(files, 'broken.png')
  writeFileSync(file, Buffer.from(dataUrl.split(',')[1] ?? '', 'base64'))
  return file
}

describe('a return with a photo, end to end (R19)', () => {
  let order: StoredOrder
  let caseId = ''

  it('when the agent applies for 退货退款 with a photo from the order, then the case page reads 待商家处理 with the amount', async () => {
    order = await paidOrder(true)
    const page = await app.openAs(AGENT, `pages/orders/detail/index?id=${order._id}`)
    await page.locator('.order-detail-bar .nut-button', { hasText: '申请售后' }).click()
    await page.locator('.apply-form').waitFor({ timeout: 15_000 })
    await page.locator('.case-chip', { hasText: '退货退款' }).click()
    await page.locator('.case-chip', { hasText: '商品破损' }).click()
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.spec-image-add').click()])
    await chooser.setFiles([await photo(page)])
    await expect.poll(() => page.locator('.spec-image:not(.spec-image-pending):not(.spec-image-add)').count(), { timeout: 15_000 }).toBe(1)
    await page.locator('.case-note textarea').fill('外箱压坏，拉链断了')
    await page.locator('.apply-submit').click()
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('待商家处理')
    caseId = caseOf(order._id)._id
    expect(await page.locator('.case-amount-value').textContent()).toBe(formatFen(order.goodsTotal))
    expect(await page.locator('.case-request .case-photo').count()).toBe(1)
    expect(await page.locator('.case-timeline').textContent()).toContain('外箱压坏，拉链断了')
  })

  it('when the supplier agrees from its 售后 list with a return address, then the agent ships it back and the supplier confirms receipt', async () => {
    const supplier = await app.openAs(SUPPLIER, 'supplier/aftersale/index')
    await supplier.locator(`.case-card[data-case-id="${caseId}"]`).click({ timeout: 15_000 })
    await expect.poll(() => statusOf(supplier), { timeout: 15_000 }).toBe('待商家处理')
    await supplier.locator('.case-bar .nut-button', { hasText: '同意退货' }).click()
    const sheet = supplier.locator('.agree-return')
    await sheet.locator('.field-name input').fill('售后部')
    await sheet.locator('.field-phone input').fill('13800001111')
    await sheet.locator('.field-region input').fill('浙江省 杭州市 滨江区')
    await sheet.locator('.field-detail input').fill('江南大道 100 号')
    await sheet.locator('.agree-return-confirm').click()
    await expect.poll(() => statusOf(supplier), { timeout: 15_000 }).toBe('待退货')

    const agent = await app.openAs(AGENT, `pages/aftersale/detail/index?id=${caseId}`)
    await expect.poll(() => statusOf(agent), { timeout: 15_000 }).toBe('待退货')
    expect(await agent.locator('.case-return').textContent()).toContain('江南大道 100 号')
    await agent.locator('.case-bar .nut-button', { hasText: '填写退货物流' }).click()
    await agent.locator('.case-chip', { hasText: '顺丰速运' }).click()
    await agent.locator('.return-no-input input').fill('SF2026120799')
    await agent.locator('.return-ship-confirm').click()
    await expect.poll(() => statusOf(agent), { timeout: 15_000 }).toBe('待商家收货')

    await supplier.reload()
    await expect.poll(() => statusOf(supplier), { timeout: 15_000 }).toBe('待商家收货')
    expect(await supplier.locator('.case-return').textContent()).toContain('SF2026120799')
    await supplier.locator('.case-bar .nut-button', { hasText: '确认收货' }).click()
    await confirmDialog(supplier, '确认收货')
    await expect.poll(() => caseOf(order._id).status, { timeout: 20_000 }).toBe('refunded')
  })

  it('then both sides read 退款成功 with the amount, and the order carries it', async () => {
    for (const [openid, page] of [
      [AGENT, `pages/aftersale/detail/index?id=${caseId}`],
      [SUPPLIER, `supplier/aftersale/detail/index?id=${caseId}`],
    ] as const) {
      const view = await app.openAs(openid, page)
      await expect.poll(() => statusOf(view), { timeout: 15_000 }).toBe('退款成功')
      expect(await view.locator('.case-refund-status').textContent()).toBe('退款成功')
      expect(await view.locator('.case-refund-amount').textContent()).toBe(formatFen(order.goodsTotal))
    }
    expect(stored(order._id).refundedFen).toBe(order.goodsTotal)
  })
})

describe('无法发货，退款 (R19)', () => {
  it('when the supplier refunds a paid order from its detail, then it is cancelled and both sides read 退款成功 with the whole amount', async () => {
    const order = await paidOrder(false)
    const page = await app.openAs(SUPPLIER, `supplier/orders/detail/index?id=${order._id}`)
    await page.locator('.order-detail-bar .nut-button', { hasText: '无法发货，退款' }).click()
    await page.locator('.refund-reason', { hasText: '缺货' }).click()
    await page.locator('.refund-confirm').click()
    await confirmDialog(page, '确认退款')
    await expect.poll(() => page.locator('.order-detail-status-text').textContent(), { timeout: 15_000 }).toBe('已取消')
    await expect.poll(() => stored(order._id).refundedFen, { timeout: 20_000 }).toBe(order.total)
    for (const [openid, url] of [
      [SUPPLIER, `supplier/orders/detail/index?id=${order._id}`],
      [AGENT, `pages/orders/detail/index?id=${order._id}`],
    ] as const) {
      const view = await app.openAs(openid, url)
      await expect.poll(() => view.locator('.order-refund-status').textContent(), { timeout: 15_000 }).toBe('退款成功')
      expect(await view.locator('.order-refund-amount').textContent()).toBe(formatFen(order.total))
      expect(await view.locator('.order-refund').textContent()).toContain('缺货')
    }
  })
})

describe('平台介入 (R19)', () => {
  it('when a refused agent asks the platform, then the operator decides a refund and the case ends 退款成功', async () => {
    const order = await paidOrder(true)
    const opened = await call<{ _id: string }>(AGENT, 'aftersale', 'apply', {
      orderId: order._id,
      kind: 'refund_only',
      reason: '质量问题',
      amountFen: 500,
      note: '线头多',
    })
    await call(SUPPLIER, 'aftersale', 'refuse', { id: opened._id, reason: '商品无问题', note: '出厂检验合格' })

    const agent = await app.openAs(AGENT, `pages/aftersale/detail/index?id=${opened._id}`)
    await expect.poll(() => statusOf(agent), { timeout: 15_000 }).toBe('商家已拒绝')
    await agent.locator('.case-bar .nut-button', { hasText: '申请平台介入' }).click()
    await agent.locator('.case-popup .case-note textarea').fill('请平台看看线头的照片')
    await agent.locator('.case-popup .nut-button', { hasText: '提交平台介入' }).click()
    await expect.poll(() => statusOf(agent), { timeout: 15_000 }).toBe('平台介入中')

    const operator = await app.openAs(DEMO_OPERATOR, 'operator/aftersale/index')
    await operator.locator(`.case-card[data-case-id="${opened._id}"]`).click({ timeout: 15_000 })
    await expect.poll(() => statusOf(operator), { timeout: 15_000 }).toBe('平台介入中')
    const words = await operator.locator('.case-timeline').textContent()
    expect(words).toContain('出厂检验合格')
    expect(words).toContain('请平台看看线头的照片')
    await operator.locator('.case-bar .nut-button', { hasText: '裁决' }).click()
    await operator.locator('.decide-body .case-chip', { hasText: '退款给代理' }).click()
    await operator.locator('.decide-body .money-input-field input').fill('3')
    await operator.locator('.decide-body .case-note textarea').fill('部分质量问题，退 3 元')
    await operator.locator('.decide-confirm').click()
    await confirmDialog(operator, '确认裁决')
    await expect.poll(() => caseOf(order._id).status, { timeout: 20_000 }).toBe('refunded')
    expect(stored(order._id).refundedFen).toBe(300)
    await agent.reload()
    await expect.poll(() => statusOf(agent), { timeout: 15_000 }).toBe('退款成功')
    expect(await agent.locator('.case-refund-amount').textContent()).toBe(formatFen(300))
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_OPERATOR, startApp, type App } from './harness'

let app: App
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

describe('a new supplier, from registration to 可发布 (R1, R2)', () => {
  const newcomer = 'e2e-newcomer'
  const shopName = '苏州织里童装工厂'

  it('when a new user registers as a supplier, then the admin home says exactly what is missing', async () => {
    const page = await app.openAs(newcomer, 'pages/mine/index')
    await page.locator('.entry-register').click()
    await page.locator('.register-submit').click()
    // Nothing typed: each field says what it needs, nothing is stored.
    await expect.poll(() => page.locator('.field-error').count(), { timeout: 15_000 }).toBe(3)
    expect(app.db.find('suppliers', { ownerOpenid: newcomer })).toHaveLength(0)

    await page.locator('.field-name input').fill(shopName)
    await page.locator('.field-contact input').fill('13912345678')
    await page.locator('.field-category').click()
    await page.locator('.category-popup .category-option', { hasText: '童装' }).click()
    await page.locator('.nut-button', { hasText: '提交注册' }).click()

    await page.waitForURL(/#\/supplier\/home\/index/)
    const card = page.locator('.eligibility-card.eligibility-blocked')
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('暂不可发布')
    expect(await card.locator('.gap-verifiedMember .eligibility-title').textContent()).toBe('尚未成为诚信通会员')
    expect(await card.locator('.gap-buyerProtection .eligibility-title').textContent()).toBe('尚未开通基础买家保障')
    expect(app.db.find('suppliers', { ownerOpenid: newcomer })[0]).toMatchObject({
      name: shopName,
      contact: '13912345678',
      mainCategory: '童装',
      verifiedMember: false,
      buyerProtection: false,
    })
    await page.context().close()
  })

  it('when the operator turns on both thresholds, then the supplier is stored as eligible', async () => {
    const page = await app.openAs(DEMO_OPERATOR, 'operator/review/index')
    const card = page.locator('.review-card', { hasText: shopName })
    await card.waitFor()
    await card.locator('.switch-verified-member .nut-switch').click()
    await card.locator('.switch-buyer-protection .nut-switch').click()
    await card.locator('.nut-button', { hasText: '保存' }).click()
    const confirm = page.locator('.nut-dialog .nut-button', { hasText: '确定' })
    await confirm.waitFor()
    await confirm.click()
    await expect.poll(() => card.locator('.review-status').textContent(), { timeout: 15_000 }).toBe('可发布')
    expect(app.db.find('suppliers', { ownerOpenid: newcomer })[0]).toMatchObject({ verifiedMember: true, buyerProtection: true })
    await page.context().close()
  })

  it('when the supplier opens its admin home again, then it says 可发布', async () => {
    const page = await app.openAs(newcomer, 'supplier/home/index')
    const status = page.locator('.eligibility-card.eligibility-ok .eligibility-status')
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('可发布')
    expect(await page.locator('.eligibility-gap').count()).toBe(0)
    await page.context().close()
  })
})

describe('who may do what, in the browser', () => {
  it('when an agent opens the operator page, then it is refused and nothing is listed', async () => {
    const page = await app.openAs('demo-agent-1', 'operator/review/index')
    await expect.poll(() => page.locator('.review-forbidden').textContent(), { timeout: 15_000 }).toContain('仅平台运营人员可访问')
    expect(await page.locator('.review-card').count()).toBe(0)
    await page.context().close()
  })

  it('when the demo supplier opens 我的, then it sees its name and the 微供管理 entry', async () => {
    const page = await app.openAs('demo-supplier', 'pages/mine/index')
    await expect.poll(() => page.locator('.mine-nickname').textContent(), { timeout: 15_000 }).toBe('王建国')
    await page.locator('.entry-supplier-home').click()
    await page.waitForURL(/#\/supplier\/home\/index/)
    await expect.poll(() => page.locator('.eligibility-status').textContent(), { timeout: 15_000 }).toContain('可发布')
    await page.context().close()
  })
})

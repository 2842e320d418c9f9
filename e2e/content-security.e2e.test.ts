import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { riskyTextMessage } from '../src/domain/content-rules'
import { HIDDEN_TAG, RISKY_IMAGE_REASON } from '../src/domain/media-check'
import { RISKY_TEST_WORDS } from '../local/security'
import { demoOpenids, DEMO_SUPPLIER_ID } from '../demo/people'
import { startApp, type App } from './harness'
import { addImages, makeImages, pickedFiles } from './images'

/**
 * WeChat's content security as the supplier meets it (R20), on the H5 build: text with one of the
 * local check's test words is refused before anything is stored, the form names the field and keeps
 * everything typed, and once the word is gone the item is published and reaches the agent's feed.
 * A risky verdict on a picture, pushed later, takes the item out of the agent's feed and the owner's
 * list says so and why.
 */
const SUPPLIER = demoOpenids.supplier
const AGENT = demoOpenids.agents[1]
const RISKY = RISKY_TEST_WORDS[0]
const LINKED = 'demo-p-tote'

let app: App
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})
const picked = pickedFiles()

type Doc = Record<string, unknown>
const productsWith = (text: string): Doc[] =>
  app.db.find('products', { supplierId: DEMO_SUPPLIER_ID }).filter((p) => String(p.description).includes(text))
const postsWith = (text: string): Doc[] =>
  app.db.find('posts', { supplierId: DEMO_SUPPLIER_ID }).filter((p) => String(p.text).includes(text))

/** The texts the local stand-in was asked to check with this word, by whom and in which scene. */
async function checkedWith(word: string): Promise<Array<{ openid: string; scene: number; suggest: string }>> {
  const response = await fetch(`${app.cloud.url}/_local/security`)
  const { data } = (await response.json()) as {
    data: { textChecks: Array<{ openid: string; scene: number; suggest: string; content: string }> }
  }
  return data.textChecks.filter((c) => c.content.includes(word)).map(({ openid, scene, suggest }) => ({ openid, scene, suggest }))
}

/** WeChat's message push of a risky verdict on the item's picture (the local control delivers it). */
async function riskyVerdict(kind: 'product' | 'post', id: string): Promise<void> {
  const [check] = app.db.find('media_checks', { 'item.kind': kind, 'item.id': id })
  if (!check) throw new Error(`no image check was asked for ${kind} ${id}`)
  const response = await fetch(`${app.cloud.url}/_local/media-checks/verdict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ traceId: check._id, suggest: 'risky' }),
  })
  expect(response.status).toBe(200)
}

/** Where an item shows: the card in the agent's feed, the row in its owner's list. */
const PLACES = {
  product: { tab: '', card: 'feed-card', list: 'supplier/products/index', row: 'product-row', attr: 'data-product-id' },
  post: { tab: '.feed-tab-posts', card: 'post-card', list: 'supplier/posts/index', row: 'post-row', attr: 'data-post-id' },
} as const
type Kind = keyof typeof PLACES

/** Whether the agent's 商品 or 动态 tab, freshly opened, shows the item (the newest, so on its first page). */
async function agentSees(kind: Kind, id: string): Promise<boolean> {
  const { tab, card, attr } = PLACES[kind]
  const page = await app.openAs(AGENT, 'pages/feed/index')
  if (tab) await page.locator(tab).click()
  // Loaded: the tab shows the demo's other products or posts.
  await page.locator(`.${card}`).first().waitFor({ timeout: 15_000 })
  const count = await page.locator(`.${card}[${attr}="${id}"]`).count()
  await page.context().close()
  return count === 1
}

/** What the owner's list (商品管理, 管理动态) says on the item, and how many of its rows carry a notice. */
async function ownerNotice(kind: Kind, id: string): Promise<{ tag: string | null; reason: string | null; notices: number }> {
  const { list, row: rowClass, attr } = PLACES[kind]
  const page = await app.openAs(SUPPLIER, list)
  const row = page.locator(`.${rowClass}[${attr}="${id}"]`)
  await row.waitFor({ timeout: 15_000 })
  await expect.poll(() => row.locator('.hidden-tag').count(), { timeout: 15_000 }).toBe(1)
  // Only that row: the supplier's other items are shown to agents and say nothing.
  expect(await page.locator(`.${rowClass}`).count()).toBeGreaterThan(1)
  const notice = {
    tag: await row.locator('.hidden-tag').textContent(),
    reason: await row.locator('.hidden-reason').textContent(),
    notices: await page.locator('.hidden-notice').count(),
  }
  await page.context().close()
  return notice
}

const HIDDEN = { tag: HIDDEN_TAG, reason: RISKY_IMAGE_REASON, notices: 1 }

describe('a product with a risky word (R20)', () => {
  const typed = `【审核】夏季亚麻衬衫 ${RISKY} 宽松百搭`
  const fixed = '【审核】夏季亚麻衬衫 宽松百搭'
  let id = ''

  it('when the supplier publishes it, then the form names 商品描述 and keeps everything typed; without the word it is published and in the agent’s feed', async () => {
    const page = await app.openAs(SUPPLIER, 'supplier/home/index')
    const images = await makeImages(page, picked.dir)
    await page.locator('.entry-publish').click()
    await page.locator('.category-chip', { hasText: '女装' }).click()
    await page.locator('.nut-button', { hasText: '发布新商品' }).click()
    await page.waitForURL(/#\/supplier\/publish\/form\/index/)

    await page.locator('.description-input textarea').fill(typed)
    await page.locator('.spec-adder-input input').fill('米白 / L')
    await page.locator('.nut-button', { hasText: '添加规格' }).click()
    const spec = page.locator('.spec-card-0')
    await addImages(page, '.spec-card-0', [images.png])
    await spec.locator('.spec-price input').fill('59')
    await spec.locator('.spec-stock input').fill('20')
    await page.locator('.agreement-check').click()
    await page.locator('.publish-submit').click()

    const message = riskyTextMessage('商品描述')
    await expect.poll(() => page.locator('.field-error-description').textContent(), { timeout: 15_000 }).toBe(message)
    expect(await page.locator('.form-error').textContent()).toBe(message)
    // Everything typed is still there, and nothing was stored.
    expect(await page.locator('.description-input textarea').inputValue()).toBe(typed)
    expect(await spec.locator('.spec-name input').inputValue()).toBe('米白 / L')
    expect(await spec.locator('.spec-price input').inputValue()).toBe('59')
    expect(await spec.locator('.spec-stock input').inputValue()).toBe('20')
    expect(await spec.locator('.spec-image:not(.spec-image-add)').count()).toBe(1)
    expect(productsWith('【审核】')).toHaveLength(0)
    expect(await checkedWith(typed)).toEqual([{ openid: SUPPLIER, scene: 4, suggest: 'risky' }])

    await page.locator('.description-input textarea').fill(fixed)
    expect(await page.locator('.field-error-description').count()).toBe(0)
    await page.locator('.publish-submit').click()
    await page.waitForURL(/#\/supplier\/publish\/success\/index\?id=/, { timeout: 15_000 })
    const [stored] = productsWith('【审核】')
    expect(stored).toMatchObject({ description: fixed, status: 'on_sale' })
    id = String(stored?._id)
    await page.context().close()

    expect(await agentSees('product', id)).toBe(true)
  })

  it('when WeChat calls its picture risky, then the agent’s feed drops it and 商品管理 tags it for its owner with the reason', async () => {
    expect(id).not.toBe('')
    await riskyVerdict('product', id)
    expect(await agentSees('product', id)).toBe(false)
    expect(await ownerNotice('product', id)).toEqual(HIDDEN)
  })
})

describe('a post (动态) with a risky word (R20)', () => {
  const typed = `【审核动态】今晚八点上新 ${RISKY} 先到先得`
  const fixed = '【审核动态】今晚八点上新 先到先得'
  let id = ''

  it('when the supplier publishes it, then the form names 动态内容 and keeps everything; without the word it is published and in the agent’s 动态', async () => {
    const page = await app.openAs(SUPPLIER, 'supplier/posts/publish/index')
    const images = await makeImages(page, picked.dir)
    await page.locator('.post-text-input textarea').fill(typed)
    await addImages(page, '.post-images-card', [images.jpeg])
    await page.locator('.nut-button', { hasText: '选择导购商品' }).click()
    await page.locator(`.picker-item[data-product-id="${LINKED}"]`).click()
    await page.locator('.product-picker .nut-button', { hasText: '确定' }).click()
    await expect.poll(() => page.locator('.chosen-product').count(), { timeout: 15_000 }).toBe(1)
    await page.locator('.post-submit-bar .nut-button').click()

    await expect.poll(() => page.locator('.field-error-text').textContent(), { timeout: 15_000 }).toBe(riskyTextMessage('动态内容'))
    expect(await page.locator('.post-text-input textarea').inputValue()).toBe(typed)
    expect(await page.locator('.post-images-card .spec-image:not(.spec-image-add)').count()).toBe(1)
    expect(await page.locator(`.chosen-product[data-product-id="${LINKED}"]`).count()).toBe(1)
    expect(postsWith('【审核动态】')).toHaveLength(0)
    expect(await checkedWith(typed)).toEqual([{ openid: SUPPLIER, scene: 4, suggest: 'risky' }])

    await page.locator('.post-text-input textarea').fill(fixed)
    expect(await page.locator('.field-error-text').count()).toBe(0)
    await page.locator('.post-submit-bar .nut-button').click()
    await page.waitForURL(/#\/supplier\/posts\/index/, { timeout: 15_000 })
    const [stored] = postsWith('【审核动态】')
    expect(stored).toMatchObject({ text: fixed, productIds: [LINKED] })
    expect(stored?.images).toHaveLength(1)
    id = String(stored?._id)
    await page.context().close()

    expect(await agentSees('post', id)).toBe(true)
  })

  it('when WeChat calls its picture risky, then the agent’s 动态 drops it and 管理动态 tags it for its owner with the reason', async () => {
    expect(id).not.toBe('')
    await riskyVerdict('post', id)
    expect(await agentSees('post', id)).toBe(false)
    expect(await ownerNotice('post', id)).toEqual(HIDDEN)
  })
})

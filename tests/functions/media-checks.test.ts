import { describe, expect, it } from 'vitest'
import { testCloudForFile, type TestCloud } from './harness'
import { boundAgent } from './network-fixtures'
import { productInput, publisher, specInput, upload, type Publisher } from './product-fixtures'

/**
 * Images are checked asynchronously (R20): the item is published at once, and WeChat's verdict, pushed
 * to mediaCheckCallback, hides a risky one from everyone but its owner, who reads why.
 */

const OWNER = 'mc-sup'
const AGENT = 'mc-agent'
const REASON = '图片含有不适宜发布的内容，已对代理和顾客隐藏；请更换图片后重新保存'

let shop: Publisher
const t = testCloudForFile(async (cloud) => {
  shop = await publisher(cloud, OWNER)
  await boundAgent(cloud, AGENT, shop.supplier._id, AGENT)
})

interface StandInCheck {
  openid: string
  scene: number
  mediaUrl: string
  traceId: string
  verdict?: string
}

async function standInChecks(): Promise<StandInCheck[]> {
  const response = await fetch(`${t.cloud.url}/_local/media-checks`)
  return ((await response.json()) as { data: { mediaChecks: StandInCheck[] } }).data.mediaChecks
}

async function deliver(traceId: string, suggest: 'pass' | 'review' | 'risky') {
  const response = await fetch(`${t.cloud.url}/_local/media-checks/verdict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ traceId, suggest }),
  })
  return { status: response.status, body: (await response.json()) as { ok: boolean; data?: { callback: unknown } } }
}

async function security(body: Record<string, string>) {
  await fetch(`${t.cloud.url}/_local/security`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

/** The stored check of an item's picture: WeChat's trace id is its _id. */
function checkOf(cloud: TestCloud, kind: string, id: string): { _id: string; fileId: string; status: string; verdictAt?: number } {
  const [check] = cloud.db.find('media_checks', { 'item.kind': kind, 'item.id': id }) as Array<{
    _id: string
    fileId: string
    status: string
  }>
  if (!check) throw new Error(`no media check of ${kind} ${id}`)
  return check
}

/** A published product and the card its agent shared with customers. */
async function newProduct(): Promise<{ _id: string; image: string; token: string }> {
  const image = (await upload(t, OWNER, `products/${Math.random()}.png`)).fileID
  const product = await t.ok('product', 'create', productInput(shop.templateId, image), OWNER)
  const { token } = await t.ok('feed', 'share', { productId: product._id }, AGENT)
  return { _id: product._id, image, token }
}

/** What agents and customers read of the product: the feed, the product page, the shared card. */
async function othersSee(product: { _id: string; token: string }) {
  const feed = await t.ok('feed', 'products', { limit: 50 }, AGENT)
  const page = await t.call('feed', 'product', { id: product._id }, AGENT)
  const view = await t.ok('feed', 'shareView', { token: product.token })
  return { inFeed: feed.items.some((p) => p._id === product._id), page: page.ok, customer: view.available }
}

describe('image checks: asked when published, answered later (R20)', () => {
  it('when a product is published, then it is on sale at once and each picture is sent with the owner’s openid in the social scene', async () => {
    const product = await newProduct()
    const check = checkOf(t, 'product', product._id)
    expect(check).toMatchObject({ fileId: product.image, status: 'pending', openid: OWNER, scene: 4 })
    expect((await standInChecks()).find((c) => c.traceId === check._id)).toMatchObject({ openid: OWNER, scene: 4 })
    expect(await othersSee(product)).toEqual({ inFeed: true, page: true, customer: true })
    const specId = (await t.ok('product', 'get', { id: product._id }, OWNER)).specs[0]?.id ?? ''
    expect(await t.call('order', 'quote', { items: [{ productId: product._id, specId, qty: 1 }] }, AGENT)).toMatchObject({ ok: true })
  })

  it('when WeChat calls a product’s picture risky, then agents and customers no longer see it and its owner reads why', async () => {
    const product = await newProduct()
    const check = checkOf(t, 'product', product._id)
    expect((await deliver(check._id, 'risky')).body).toMatchObject({ ok: true, data: { callback: { errcode: 0, errmsg: 'ok' } } })

    expect(await othersSee(product)).toEqual({ inFeed: false, page: false, customer: false })
    expect(await t.ok('product', 'get', { id: product._id }, OWNER)).toMatchObject({ hiddenReason: REASON, status: 'on_sale' })
    const mine = await t.ok('product', 'listMine', { status: 'on_sale', limit: 50 }, OWNER)
    expect(mine.items.find((p) => p._id === product._id)).toMatchObject({ hiddenReason: REASON })
    expect(await t.call('feed', 'product', { id: product._id }, OWNER)).toMatchObject({ ok: true })
    expect(checkOf(t, 'product', product._id)).toMatchObject({ status: 'risky', verdictAt: expect.any(Number) })
    expect(await t.call('feed', 'share', { productId: product._id }, AGENT)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const specId = (await t.ok('product', 'get', { id: product._id }, OWNER)).specs[0]?.id ?? ''
    expect(await t.call('order', 'quote', { items: [{ productId: product._id, specId, qty: 1 }] }, AGENT)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it('when the owner replaces the risky picture, then the product is shown again and the new picture is checked', async () => {
    const product = await newProduct()
    await deliver(checkOf(t, 'product', product._id)._id, 'risky')
    const replacement = (await upload(t, OWNER, 'products/replacement.png')).fileID
    const saved = await t.ok('product', 'update', { id: product._id, ...productInput(shop.templateId, replacement) }, OWNER)
    expect(saved.hiddenReason).toBeUndefined()
    expect(await othersSee(product)).toEqual({ inFeed: true, page: true, customer: true })
    const checks = t.db.find('media_checks', { 'item.id': product._id }) as Array<{ fileId: string; status: string }>
    expect(checks.map((c) => [c.fileId, c.status]).sort()).toEqual(
      [
        [product.image, 'risky'],
        [replacement, 'pending'],
      ].sort(),
    )
  })

  it('when a post’s picture is risky, then the agents’ feed and the shared post no longer show it, and its owner reads why', async () => {
    const product = await newProduct()
    const image = (await upload(t, OWNER, 'products/post.png')).fileID
    const post = await t.ok('post', 'create', { text: '今日上新', images: [image], productIds: [product._id] }, OWNER)
    const { token } = await t.ok('feed', 'share', { postId: post._id }, AGENT)
    await deliver(checkOf(t, 'post', post._id)._id, 'risky')

    const feed = await t.ok('feed', 'posts', { limit: 50 }, AGENT)
    expect(feed.items.some((p) => p._id === post._id)).toBe(false)
    expect((await t.ok('feed', 'shareView', { token })).available).toBe(false)
    expect(await t.call('feed', 'forward', { postId: post._id }, AGENT)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const mine = await t.ok('post', 'listMine', { limit: 50 }, OWNER)
    expect(mine.items.find((p) => p._id === post._id)).toMatchObject({ hiddenReason: REASON })
  })

  it('when the verdict is pass or review, then nothing but the check’s record changes', async () => {
    const product = await newProduct()
    const other = await newProduct()
    const before = JSON.stringify([t.db.find('products'), t.db.find('posts'), t.db.find('users')])
    await deliver(checkOf(t, 'product', product._id)._id, 'pass')
    await deliver(checkOf(t, 'product', other._id)._id, 'review')
    expect(JSON.stringify([t.db.find('products'), t.db.find('posts'), t.db.find('users')])).toBe(before)
    expect(checkOf(t, 'product', product._id).status).toBe('pass')
    expect(checkOf(t, 'product', other._id).status).toBe('review')
    expect(await othersSee(product)).toEqual({ inFeed: true, page: true, customer: true })
  })

  it('when a risky avatar is pushed, then the avatar falls back to the default on the user and the supplier’s cards', async () => {
    const avatar = (await upload(t, OWNER, 'avatars/me.png')).fileID
    await t.ok('user', 'updateProfile', { avatar }, OWNER)
    await deliver(checkOf(t, 'avatar', OWNER)._id, 'risky')
    expect(t.db.find('users', { openid: OWNER })[0]).toMatchObject({ avatar: '' })
    expect(t.db.find('bindings', { agentOpenid: AGENT })[0]).toMatchObject({ supplier: { avatar: '' } })
  })
})

describe('forged verdicts change nothing (R20)', () => {
  it('when the callback is called by a user, names an unknown trace id or is not a verdict, then nothing changes', async () => {
    const product = await newProduct()
    const traceId = checkOf(t, 'product', product._id)._id
    const before = JSON.stringify([t.db.find('products'), t.db.find('media_checks')])
    const push = (id: string) => ({
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: id,
      version: 2,
      result: { suggest: 'risky', label: 20002 },
    })
    expect(await t.raw('mediaCheckCallback', push(traceId), AGENT)).toEqual({ errcode: 1, errmsg: 'not a push' })
    expect(await t.raw('mediaCheckCallback', push('0123456789abcdef01234567'))).toEqual({ errcode: 2, errmsg: 'unknown trace' })
    expect(await t.raw('mediaCheckCallback', { ...push(traceId), Event: 'other' })).toEqual({ errcode: 1, errmsg: 'not a push' })
    expect((await deliver('0123456789abcdef01234567', 'risky')).status).toBe(404)
    expect(JSON.stringify([t.db.find('products'), t.db.find('media_checks')])).toBe(before)
  })

  it('when WeChat pushes the same verdict again, then it is acknowledged and applied once', async () => {
    const product = await newProduct()
    const traceId = checkOf(t, 'product', product._id)._id
    await deliver(traceId, 'risky')
    const after = JSON.stringify(t.db.find('products', { _id: product._id }))
    expect((await deliver(traceId, 'pass')).body).toMatchObject({ data: { callback: { errcode: 0, errmsg: 'ok' } } })
    expect(JSON.stringify(t.db.find('products', { _id: product._id }))).toBe(after)
    expect(checkOf(t, 'product', product._id).status).toBe('risky')
  })
})

describe('an image check that cannot be asked for (R20)', () => {
  it('when WeChat cannot take the request, then publishing is refused like an unavailable text check and nothing is stored; later it succeeds', async () => {
    const image = (await upload(t, OWNER, 'products/down.png')).fileID
    await security({ mediaCheck: 'down' })
    try {
      const before = JSON.stringify([t.db.find('products'), t.db.find('posts'), t.db.find('media_checks')])
      const answer = await t.raw('product', { action: 'create', ...productInput(shop.templateId, image) }, OWNER)
      expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: '内容安全检查暂时不可用，请稍后再发布' } })
      expect(JSON.stringify([t.db.find('products'), t.db.find('posts'), t.db.find('media_checks')])).toBe(before)
    } finally {
      await security({ mediaCheck: 'up' })
    }
    await t.ok('product', 'create', productInput(shop.templateId, image), OWNER)
  })

  it('when an edit keeps its pictures, then none is sent again', async () => {
    const product = await newProduct()
    const before = (await standInChecks()).length
    await t.ok(
      'product',
      'update',
      { id: product._id, ...productInput(shop.templateId, product.image, { specs: [specInput(product.image, { stock: 7 })] }) },
      OWNER,
    )
    expect((await standInChecks()).length).toBe(before)
  })
})

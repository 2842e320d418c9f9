import { DAY_MS as DAY } from '@/domain/time'
import { describe, expect, it } from 'vitest'
import { OPERATOR, testCloudForFile } from './harness'

const t = testCloudForFile()

const shop = { name: '杭州源头好货服饰', contact: '13800138000', mainCategory: '女装' }

async function registered(openid: string, name = shop.name) {
  await t.ok('user', 'login', {}, openid)
  return t.ok('supplier', 'register', { ...shop, name }, openid)
}

describe('supplier.register (R1)', () => {
  it('when a user registers, then an unverified supplier with a default tier is stored and answered', async () => {
    const supplier = await registered('s-new')
    expect(supplier).toEqual({
      _id: expect.any(String),
      ...shop,
      verifiedMember: false,
      buyerProtection: false,
      canPublish: false,
      tiers: [{ id: expect.any(String), name: '普通代理', rank: 1 }],
      createdAt: expect.any(Number),
    })
    const [stored] = t.db.find('suppliers', { ownerOpenid: 's-new' })
    expect(stored).toMatchObject({ _id: supplier._id, ...shop, verifiedMember: false, buyerProtection: false })
    expect(stored?.homeScene).toMatch(/^[a-z0-9]{16}$/)
  })

  it('when the same user registers again, then CONFLICT and still one supplier', async () => {
    await registered('s-twice')
    const answer = await t.call('supplier', 'register', { ...shop, name: '第二家' }, 's-twice')
    expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(t.db.find('suppliers', { ownerOpenid: 's-twice' })).toHaveLength(1)
  })

  it('when a user registers five times at once, then exactly one supplier exists', async () => {
    await t.ok('user', 'login', {}, 's-race')
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.call('supplier', 'register', shop, 's-race')))
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT'])
    expect(t.db.find('suppliers', { ownerOpenid: 's-race' })).toHaveLength(1)
  })

  it.each([
    [{ ...shop, mainCategory: '汽车用品' }, 'mainCategory'],
    [{ ...shop, name: '' }, 'name'],
    [{ ...shop, contact: '12345' }, 'contact'],
    [{ ...shop, verifiedMember: true }, ''],
  ])('when the input is %j, then INVALID_ARGUMENT naming %s and nothing is stored', async (input, field) => {
    const before = t.db.count('suppliers')
    const answer = await t.raw('supplier', { action: 'register', ...input }, 's-bad')
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.error.code).toBe('INVALID_ARGUMENT')
    if (field) expect(answer.error.issues?.map((i) => i.path[0])).toContain(field)
    expect(t.db.count('suppliers')).toBe(before)
  })

  it('when nobody is signed in, then UNAUTHENTICATED', async () => {
    expect(await t.call('supplier', 'register', shop)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})

describe('supplier.me', () => {
  it('when the caller has no supplier, then supplier and stats are null', async () => {
    await t.ok('user', 'login', {}, 'agent-only')
    expect(await t.ok('supplier', 'me', {}, 'agent-only')).toEqual({ supplier: null, stats: null })
  })

  it('when the supplier has products, agents and orders, then the stats count them', async () => {
    const supplier = await registered('s-stats')
    const now = (await (await fetch(`${t.cloud.url}/_local/clock`)).json()) as { now: number }
    const product = (status: string, expiresIn: number) => ({
      supplierId: supplier._id,
      status,
      publishedAt: now.now,
      expiresAt: now.now + expiresIn,
    })
    t.db.insertMany('products', [
      product('on_sale', 20 * DAY),
      product('on_sale', 2 * DAY),
      product('on_sale', -1000), // expired but not yet delisted by the timer: not on sale (R8)
      product('off_shelf', 20 * DAY),
      { ...product('on_sale', 20 * DAY), supplierId: 'someone-else' },
    ])
    t.db.insertMany('bindings', [
      { supplierId: supplier._id, agentOpenid: 'a1', tierId: 't', remark: '', createdAt: now.now },
      { supplierId: supplier._id, agentOpenid: 'a2', tierId: 't', remark: '', createdAt: now.now },
    ])
    t.db.insertMany('orders', [
      { supplierId: supplier._id, agentOpenid: 'a1', idempotencyKey: 'k1', orderNo: 'no-sup-k1', status: 'paid', createdAt: now.now },
      { supplierId: supplier._id, agentOpenid: 'a1', idempotencyKey: 'k2', orderNo: 'no-sup-k2', status: 'shipped', createdAt: now.now },
    ])
    const me = await t.ok('supplier', 'me', {}, 's-stats')
    expect(me.supplier?._id).toBe(supplier._id)
    expect(me.stats).toEqual({ onSaleProducts: 2, expiringSoon: 1, agents: 2, ordersToShip: 1 })
  })

  it('when a supplier is answered, then private fields are not in it', async () => {
    await registered('s-private')
    const me = await t.ok('supplier', 'me', {}, 's-private')
    expect(Object.keys(me.supplier ?? {})).not.toContain('ownerOpenid')
    expect(Object.keys(me.supplier ?? {})).not.toContain('homeScene')
  })
})

describe('supplier.verify (R2, operators only)', () => {
  it('when a non-operator verifies, then FORBIDDEN and the flags are unchanged', async () => {
    const supplier = await registered('s-self')
    const answer = await t.call('supplier', 'verify', { supplierId: supplier._id, verifiedMember: true, buyerProtection: true }, 's-self')
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(t.db.find('suppliers', { _id: supplier._id })[0]).toMatchObject({ verifiedMember: false, buyerProtection: false })
  })

  it('when an operator sets one flag, then the supplier still cannot publish; with both it can', async () => {
    const supplier = await registered('s-verify')
    const half = await t.ok('supplier', 'verify', { supplierId: supplier._id, verifiedMember: true, buyerProtection: false }, OPERATOR)
    expect(half).toMatchObject({ verifiedMember: true, buyerProtection: false, canPublish: false })
    expect((await t.ok('supplier', 'me', {}, 's-verify')).supplier?.canPublish).toBe(false)
    const full = await t.ok('supplier', 'verify', { supplierId: supplier._id, verifiedMember: true, buyerProtection: true }, OPERATOR)
    expect(full.canPublish).toBe(true)
    expect((await t.ok('supplier', 'me', {}, 's-verify')).supplier?.canPublish).toBe(true)
    expect(t.db.find('suppliers', { _id: supplier._id })[0]).toMatchObject({ verifiedMember: true, buyerProtection: true })
  })

  it('when the supplier does not exist, then NOT_FOUND', async () => {
    const answer = await t.call('supplier', 'verify', { supplierId: 'nope', verifiedMember: true, buyerProtection: true }, OPERATOR)
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('supplier.listForReview', () => {
  it('when an operator pages through, then every supplier appears once, newest first', async () => {
    for (let i = 0; i < 5; i += 1) await registered(`s-page-${i}`, `翻页供应商${i}`)
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await t.ok('supplier', 'listForReview', { filter: 'all', limit: 2, ...(cursor ? { cursor } : {}) }, OPERATOR)
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((s) => s._id))
      cursor = page.nextCursor ?? undefined
      pages += 1
    } while (cursor && pages < 50)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toHaveLength(t.db.count('suppliers'))
  })

  it('when filtered to pending, then only suppliers missing a threshold are listed, with the owner nickname', async () => {
    const page = await t.ok('supplier', 'listForReview', { filter: 'pending', limit: 100 }, OPERATOR)
    expect(page.items.length).toBeGreaterThan(0)
    expect(page.items.every((s) => !s.canPublish)).toBe(true)
    expect(page.items.every((s) => s.ownerNickname === '微信用户')).toBe(true)
    const eligible = await t.ok('supplier', 'listForReview', { filter: 'eligible', limit: 100 }, OPERATOR)
    expect(eligible.items.every((s) => s.canPublish)).toBe(true)
  })

  it('when a non-operator lists, then FORBIDDEN', async () => {
    expect(await t.call('supplier', 'listForReview', {}, 's-new')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('when the cursor is garbage, then INVALID_ARGUMENT', async () => {
    const answer = await t.call('supplier', 'listForReview', { cursor: 'not-a-cursor' }, OPERATOR)
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })
})

describe('supplier.homeCode (R12)', () => {
  it('when the owner asks for its home code, then it gets its scene and a PNG served by the cloud, made once', async () => {
    await registered('s-code')
    const first = await t.ok('supplier', 'homeCode', {}, 's-code')
    const [stored] = t.db.find('suppliers', { ownerOpenid: 's-code' })
    expect(first.scene).toBe(stored?.homeScene)
    expect(first.scene.length).toBeLessThanOrEqual(32)
    const image = await fetch(first.image)
    expect(image.status).toBe(200)
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(0, 4)
        .toString('hex'),
    ).toBe('89504e47')
    const fileId = stored?.homeCodeFileId
    expect(fileId).toMatch(/^cloud:\/\//)
    await t.ok('supplier', 'homeCode', {}, 's-code')
    expect(t.db.find('suppliers', { ownerOpenid: 's-code' })[0]?.homeCodeFileId).toBe(fileId)
  })

  it('when a user without a supplier asks, then FAILED_PRECONDITION', async () => {
    await t.ok('user', 'login', {}, 'no-shop')
    expect(await t.call('supplier', 'homeCode', {}, 'no-shop')).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  })
})

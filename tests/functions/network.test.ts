import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { addProduct, boundAgent, cloudNow, DAY, registered, sceneOf, storedBindings, storedSupplier, uploadImage } from './network-fixtures'
import { magicOf } from './product-fixtures'

const t = testCloudForFile()

const SCENE_GONE = '二维码已失效，请向供应商索取新的微供码'

describe('network.preview and network.bind (R12)', () => {
  it('when a user opens the bind page, then it shows the supplier card and nothing private', async () => {
    const supplier = await registered(t, 'b-owner', '义乌源头饰品')
    const card = await t.ok('network', 'preview', { scene: sceneOf(t, supplier._id) }, 'b-visitor')
    expect(card).toEqual({ _id: supplier._id, name: '义乌源头饰品', mainCategory: '女装', avatarUrl: '' })
    // The card is what the printed code already tells anyone: no identity needed to see it.
    expect(await t.ok('network', 'preview', { scene: sceneOf(t, supplier._id) })).toEqual(card)
  })

  it('when the owner has an avatar, then the card shows it as a temporary URL, not the file ID', async () => {
    const supplier = await registered(t, 'b-avatar')
    await t.ok('user', 'updateProfile', { avatar: await uploadImage(t, 'b-avatar', 'avatar') }, 'b-avatar')
    const card = await t.ok('network', 'preview', { scene: sceneOf(t, supplier._id) }, 'b-visitor')
    expect(card.avatarUrl).toMatch(/^http/)
    expect((await fetch(card.avatarUrl)).status).toBe(200)
  })

  it('when a user binds by scene, then an active binding in the rank-1 tier is stored', async () => {
    const supplier = await registered(t, 'b-shop')
    await t.ok('network', 'saveTiers', { tiers: [{ name: '普通代理', id: supplier.tiers[0]?.id }, { name: '金牌代理' }] }, 'b-shop')
    await t.ok('user', 'login', {}, 'b-agent')
    const answer = await t.ok('network', 'bind', { scene: sceneOf(t, supplier._id) }, 'b-agent')
    expect(answer).toEqual({
      supplier: { _id: supplier._id, name: supplier.name, mainCategory: '女装', avatarUrl: '' },
      alreadyBound: false,
    })
    const stored = storedBindings(t, { supplierId: supplier._id, agentOpenid: 'b-agent' })
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({
      supplierId: supplier._id,
      agentOpenid: 'b-agent',
      tierId: supplier.tiers[0]?.id,
      remark: '',
      createdAt: expect.any(Number),
    })
  })

  it('when a bound agent binds again, then alreadyBound and its tier and remark are unchanged', async () => {
    const supplier = await registered(t, 'b2-shop')
    await boundAgent(t, 'b2-agent', supplier._id)
    const { tiers } = await t.ok(
      'network',
      'saveTiers',
      { tiers: [{ id: supplier.tiers[0]?.id, name: '普通代理' }, { name: '钻石代理' }] },
      'b2-shop',
    )
    await t.ok('network', 'setTier', { agentOpenids: ['b2-agent'], tierId: tiers[1]?.id ?? '' }, 'b2-shop')
    await t.ok('network', 'setRemark', { agentOpenid: 'b2-agent', remark: '老客户' }, 'b2-shop')
    const before = storedBindings(t, { supplierId: supplier._id })
    const again = await t.ok('network', 'bind', { scene: sceneOf(t, supplier._id) }, 'b2-agent')
    expect(again.alreadyBound).toBe(true)
    expect(storedBindings(t, { supplierId: supplier._id })).toEqual(before)
    expect(before[0]).toMatchObject({ tierId: tiers[1]?.id, remark: '老客户' })
  })

  it('when the same user binds five times at once, then exactly one binding exists', async () => {
    const supplier = await registered(t, 'b-race-shop')
    await t.ok('user', 'login', {}, 'b-race')
    const scene = sceneOf(t, supplier._id)
    // Warm five instances first, so the five binds really run side by side rather than queue behind cold starts.
    await Promise.all(Array.from({ length: 5 }, () => t.call('network', 'preview', { scene })))
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.call('network', 'bind', { scene }, 'b-race')))
    expect(answers.every((a) => a.ok)).toBe(true)
    expect(answers.filter((a) => a.ok && !a.data.alreadyBound)).toHaveLength(1)
    expect(storedBindings(t, { supplierId: supplier._id, agentOpenid: 'b-race' })).toHaveLength(1)
  })

  it.each([['nosuchscene12345'], ['a'.repeat(32)]])(
    'when the scene %s is unknown, then NOT_FOUND with the expired-code message and nothing stored',
    async (scene) => {
      const before = t.db.count('bindings')
      expect(await t.call('network', 'bind', { scene }, 'b-lost')).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: SCENE_GONE } })
      expect(await t.call('network', 'preview', { scene }, 'b-lost')).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: SCENE_GONE },
      })
      expect(t.db.count('bindings')).toBe(before)
    },
  )

  it.each([[''], ['a'.repeat(33)], ['has space']])('when the scene is malformed (%j), then INVALID_ARGUMENT', async (scene) => {
    expect(await t.call('network', 'bind', { scene }, 'b-lost')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('when a supplier scans its own code, then FAILED_PRECONDITION and no binding', async () => {
    const supplier = await registered(t, 'b-self')
    const answer = await t.call('network', 'bind', { scene: sceneOf(t, supplier._id) }, 'b-self')
    expect(answer).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(storedBindings(t, { supplierId: supplier._id })).toHaveLength(0)
  })

  it('when nobody is signed in, then bind is UNAUTHENTICATED and nothing is stored', async () => {
    const supplier = await registered(t, 'b-anon-shop')
    expect(await t.call('network', 'bind', { scene: sceneOf(t, supplier._id) })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(storedBindings(t, { supplierId: supplier._id })).toHaveLength(0)
  })
})

describe('network.rotateCode (R12)', () => {
  it('when the owner rotates its code, then the old scene stops binding, the new one binds, and old bindings stay', async () => {
    const supplier = await registered(t, 'r-shop')
    await boundAgent(t, 'r-early', supplier._id)
    const first = await t.ok('supplier', 'homeCode', {}, 'r-shop')
    const oldFile = storedSupplier(t, supplier._id).homeCodeFileId
    const rotated = await t.ok('network', 'rotateCode', {}, 'r-shop')
    expect(rotated.scene).not.toBe(first.scene)
    expect(rotated.scene).toMatch(/^[a-z0-9]{16}$/)
    const stored = storedSupplier(t, supplier._id)
    expect(stored.homeScene).toBe(rotated.scene)
    expect(stored.homeCodeFileId).toMatch(/^cloud:\/\//)
    expect(stored.homeCodeFileId).not.toBe(oldFile)
    expect(await magicOf(rotated.image)).toBe('89504e47')
    expect(await t.ok('supplier', 'homeCode', {}, 'r-shop')).toMatchObject({ scene: rotated.scene })

    await t.ok('user', 'login', {}, 'r-late')
    expect(await t.call('network', 'bind', { scene: first.scene }, 'r-late')).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: SCENE_GONE },
    })
    expect(await t.call('network', 'preview', { scene: first.scene }, 'r-late')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(storedBindings(t, { agentOpenid: 'r-late' })).toHaveLength(0)
    expect(await t.ok('network', 'bind', { scene: rotated.scene }, 'r-late')).toMatchObject({ alreadyBound: false })
    expect(
      storedBindings(t, { supplierId: supplier._id })
        .map((b) => b.agentOpenid)
        .sort(),
    ).toEqual(['r-early', 'r-late'])
  })

  it('when a user without a supplier rotates, then FAILED_PRECONDITION', async () => {
    await t.ok('user', 'login', {}, 'r-nobody')
    expect(await t.call('network', 'rotateCode', {}, 'r-nobody')).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
  })
})

describe('network.mySuppliers', () => {
  it('when an agent has suppliers, then each shows its own tier name, bound date and on-sale count (R8)', async () => {
    const a = await registered(t, 'm-shop-a', '甲供应商')
    const b = await registered(t, 'm-shop-b', '乙供应商')
    const { tiers } = await t.ok(
      'network',
      'saveTiers',
      { tiers: [{ id: a.tiers[0]?.id, name: '普通代理' }, { name: '金牌代理' }] },
      'm-shop-a',
    )
    await boundAgent(t, 'm-agent', a._id)
    await boundAgent(t, 'm-agent', b._id)
    await t.ok('network', 'setTier', { agentOpenids: ['m-agent'], tierId: tiers[1]?.id ?? '' }, 'm-shop-a')
    const now = await cloudNow(t)
    addProduct(t, a._id, now)
    addProduct(t, a._id, now)
    addProduct(t, a._id, now, { status: 'off_shelf' })
    addProduct(t, a._id, now - 31 * DAY, { expiresAt: now - DAY }) // expired, not yet delisted
    const { items } = await t.ok('network', 'mySuppliers', {}, 'm-agent')
    expect(items).toEqual([
      {
        supplier: { _id: b._id, name: '乙供应商', mainCategory: '女装', avatarUrl: '' },
        tierName: '普通代理',
        boundAt: expect.any(Number),
        onSaleProducts: 0,
      },
      {
        supplier: { _id: a._id, name: '甲供应商', mainCategory: '女装', avatarUrl: '' },
        tierName: '金牌代理',
        boundAt: expect.any(Number),
        onSaleProducts: 2,
      },
    ])
    const [binding] = storedBindings(t, { supplierId: a._id, agentOpenid: 'm-agent' })
    expect(items[1]?.boundAt).toBe(binding?.createdAt)
  })

  it('when a user has no supplier, then the list is empty', async () => {
    await t.ok('user', 'login', {}, 'm-none')
    expect(await t.ok('network', 'mySuppliers', {}, 'm-none')).toEqual({ items: [] })
  })
})

describe('network.listAgents (R13)', () => {
  it('when the owner pages through its agents, then each appears once, newest first, with profile, tier and orders', async () => {
    const supplier = await registered(t, 'l-shop')
    for (let i = 0; i < 5; i += 1) await boundAgent(t, `l-agent-${i}`, supplier._id, `代理${i}`)
    const other = await registered(t, 'l-other-shop')
    await boundAgent(t, 'l-foreign', other._id)
    const now = await cloudNow(t)
    t.db.insertMany('orders', [
      { supplierId: supplier._id, agentOpenid: 'l-agent-1', idempotencyKey: 'o1', orderNo: 'no-net-o1', status: 'paid', createdAt: now },
      {
        supplierId: supplier._id,
        agentOpenid: 'l-agent-1',
        idempotencyKey: 'o2',
        orderNo: 'no-net-o2',
        status: 'completed',
        createdAt: now,
      },
      {
        supplierId: supplier._id,
        agentOpenid: 'l-agent-1',
        idempotencyKey: 'o3',
        orderNo: 'no-net-o3',
        status: 'cancelled',
        createdAt: now,
      },
      { supplierId: 'elsewhere', agentOpenid: 'l-agent-1', idempotencyKey: 'o4', orderNo: 'no-net-o4', status: 'paid', createdAt: now },
    ])
    const seen: Array<{ agentOpenid: string; createdAt: number }> = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await t.ok('network', 'listAgents', { limit: 2, ...(cursor ? { cursor } : {}) }, 'l-shop')
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items)
      cursor = page.nextCursor ?? undefined
      pages += 1
    } while (cursor && pages < 10)
    expect(seen.map((a) => a.agentOpenid).sort()).toEqual(['l-agent-0', 'l-agent-1', 'l-agent-2', 'l-agent-3', 'l-agent-4'])
    const stored = storedBindings(t, { supplierId: supplier._id }).sort((x, y) => y.createdAt - x.createdAt)
    expect(seen.map((a) => a.createdAt)).toEqual(stored.map((b) => b.createdAt))
    const one = (await t.ok('network', 'listAgents', { limit: 100 }, 'l-shop')).items.find((a) => a.agentOpenid === 'l-agent-1')
    expect(one).toEqual({
      agentOpenid: 'l-agent-1',
      nickname: '代理1',
      avatarUrl: '',
      remark: '',
      tierId: supplier.tiers[0]?.id,
      tierName: '普通代理',
      createdAt: expect.any(Number),
      orderCount: 2,
    })
  })

  it('when the owner searches, then nickname or remark matches are listed, case-insensitively', async () => {
    const supplier = await registered(t, 'q-shop')
    await boundAgent(t, 'q-1', supplier._id, '杭州小美')
    await boundAgent(t, 'q-2', supplier._id, '阿强')
    await boundAgent(t, 'q-3', supplier._id, 'Lily')
    await t.ok('network', 'setRemark', { agentOpenid: 'q-2', remark: '杭州老客户' }, 'q-shop')
    const hangzhou = await t.ok('network', 'listAgents', { q: '杭州' }, 'q-shop')
    expect(hangzhou.items.map((a) => a.agentOpenid).sort()).toEqual(['q-1', 'q-2'])
    expect(hangzhou.nextCursor).toBeNull()
    expect((await t.ok('network', 'listAgents', { q: 'lily' }, 'q-shop')).items.map((a) => a.agentOpenid)).toEqual(['q-3'])
    expect((await t.ok('network', 'listAgents', { q: '不存在' }, 'q-shop')).items).toEqual([])
    const first = await t.ok('network', 'listAgents', { q: '杭州', limit: 1 }, 'q-shop')
    expect(first.items).toHaveLength(1)
    const second = await t.ok('network', 'listAgents', { q: '杭州', limit: 1, cursor: first.nextCursor ?? '' }, 'q-shop')
    expect([...first.items, ...second.items].map((a) => a.agentOpenid).sort()).toEqual(['q-1', 'q-2'])
  })

  it('when an agent (not a supplier) lists agents, then FAILED_PRECONDITION; anonymous, UNAUTHENTICATED', async () => {
    await t.ok('user', 'login', {}, 'l-nobody')
    expect(await t.call('network', 'listAgents', {}, 'l-nobody')).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(await t.call('network', 'listAgents', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})

describe('network.setRemark (R13)', () => {
  it('when the owner sets a 20-character remark, then it is stored and answered', async () => {
    const supplier = await registered(t, 'rm-shop')
    await boundAgent(t, 'rm-agent', supplier._id)
    const remark = '一二三四五六七八九十一二三四五六七八九😀'
    const agent = await t.ok('network', 'setRemark', { agentOpenid: 'rm-agent', remark }, 'rm-shop')
    expect(agent).toMatchObject({ agentOpenid: 'rm-agent', remark })
    expect(storedBindings(t, { supplierId: supplier._id })[0]?.remark).toBe(remark)
  })

  it('when the remark has 21 characters, then INVALID_ARGUMENT and the stored remark is unchanged', async () => {
    const supplier = await registered(t, 'rm2-shop')
    await boundAgent(t, 'rm2-agent', supplier._id)
    await t.ok('network', 'setRemark', { agentOpenid: 'rm2-agent', remark: '原备注' }, 'rm2-shop')
    const answer = await t.call('network', 'setRemark', { agentOpenid: 'rm2-agent', remark: '一'.repeat(21) }, 'rm2-shop')
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(storedBindings(t, { supplierId: supplier._id })[0]?.remark).toBe('原备注')
  })

  it("when the agent is not the caller's, then NOT_FOUND and the other supplier's remark is unchanged", async () => {
    const supplier = await registered(t, 'rm3-shop')
    await registered(t, 'rm3-rival')
    await boundAgent(t, 'rm3-agent', supplier._id)
    const answer = await t.call('network', 'setRemark', { agentOpenid: 'rm3-agent', remark: '抢走' }, 'rm3-rival')
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(storedBindings(t, { agentOpenid: 'rm3-agent' })).toEqual([expect.objectContaining({ supplierId: supplier._id, remark: '' })])
    expect(await t.call('network', 'setRemark', { agentOpenid: 'rm3-agent', remark: 'x' }, 'rm3-agent')).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
  })
})

describe('network.setTier (R13)', () => {
  it("when one of the agents is not the supplier's, then NOT_FOUND and no tier changes; without it all change", async () => {
    const supplier = await registered(t, 'st-shop')
    const rival = await registered(t, 'st-rival')
    const { tiers } = await t.ok(
      'network',
      'saveTiers',
      { tiers: [{ id: supplier.tiers[0]?.id, name: '普通代理' }, { name: '金牌代理' }] },
      'st-shop',
    )
    const gold = tiers[1]?.id ?? ''
    await boundAgent(t, 'st-a', supplier._id)
    await boundAgent(t, 'st-b', supplier._id)
    await boundAgent(t, 'st-x', rival._id)
    const refused = await t.call('network', 'setTier', { agentOpenids: ['st-a', 'st-b', 'st-x'], tierId: gold }, 'st-shop')
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(storedBindings(t, { supplierId: supplier._id }).map((b) => b.tierId)).toEqual([supplier.tiers[0]?.id, supplier.tiers[0]?.id])
    expect(storedBindings(t, { agentOpenid: 'st-x' })[0]?.tierId).toBe(rival.tiers[0]?.id)

    expect(await t.ok('network', 'setTier', { agentOpenids: ['st-a', 'st-b', 'st-a'], tierId: gold }, 'st-shop')).toEqual({ updated: 2 })
    expect(storedBindings(t, { supplierId: supplier._id }).map((b) => b.tierId)).toEqual([gold, gold])
    const agents = await t.ok('network', 'listAgents', {}, 'st-shop')
    expect(agents.items.map((a) => a.tierName)).toEqual(['金牌代理', '金牌代理'])
  })

  it("when the tier is another supplier's, then NOT_FOUND and nothing changes", async () => {
    const supplier = await registered(t, 'st2-shop')
    const rival = await registered(t, 'st2-rival')
    await boundAgent(t, 'st2-a', supplier._id)
    const answer = await t.call('network', 'setTier', { agentOpenids: ['st2-a'], tierId: rival.tiers[0]?.id ?? '' }, 'st2-shop')
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(storedBindings(t, { agentOpenid: 'st2-a' })[0]?.tierId).toBe(supplier.tiers[0]?.id)
  })

  it('when the list is empty, then INVALID_ARGUMENT', async () => {
    await registered(t, 'st3-shop')
    expect(await t.call('network', 'setTier', { agentOpenids: [], tierId: 'x' }, 'st3-shop')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
  })
})

describe('network.unbind (R12)', () => {
  it('when the owner removes an agent, then its binding is deleted and it no longer lists the supplier', async () => {
    const supplier = await registered(t, 'u-shop')
    await boundAgent(t, 'u-agent', supplier._id)
    await boundAgent(t, 'u-stays', supplier._id)
    expect(await t.ok('network', 'unbind', { agentOpenid: 'u-agent' }, 'u-shop')).toEqual({ removed: 1 })
    expect(storedBindings(t, { supplierId: supplier._id }).map((b) => b.agentOpenid)).toEqual(['u-stays'])
    expect(await t.ok('network', 'mySuppliers', {}, 'u-agent')).toEqual({ items: [] })
  })

  it('when another supplier or the agent itself tries to remove the binding, then it is refused and kept', async () => {
    const supplier = await registered(t, 'u2-shop')
    await registered(t, 'u2-rival')
    await boundAgent(t, 'u2-agent', supplier._id)
    expect(await t.call('network', 'unbind', { agentOpenid: 'u2-agent' }, 'u2-rival')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await t.call('network', 'unbind', { agentOpenid: 'u2-agent' }, 'u2-agent')).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
    expect(await t.call('network', 'unbind', { agentOpenid: 'u2-agent' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(storedBindings(t, { supplierId: supplier._id })).toHaveLength(1)
  })
})

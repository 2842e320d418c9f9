import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { boundAgent, cloudNow, registered, storedBindings, storedSupplier } from './network-fixtures'

const t = testCloudForFile()

describe('network.tiers and network.saveTiers (R11)', () => {
  it('when the owner adds, renames and reorders tiers, then ids are kept, new ones made, ranks follow positions', async () => {
    const supplier = await registered(t, 't-shop')
    const normal = supplier.tiers[0]?.id ?? ''
    const first = await t.ok(
      'network',
      'saveTiers',
      { tiers: [{ id: normal, name: '普通代理' }, { name: '金牌代理' }, { name: '钻石代理' }] },
      't-shop',
    )
    expect(first.movedAgents).toBe(0)
    expect(first.tiers.map((x) => [x.name, x.rank])).toEqual([
      ['普通代理', 1],
      ['金牌代理', 2],
      ['钻石代理', 3],
    ])
    expect(first.tiers[0]?.id).toBe(normal)
    expect(new Set(first.tiers.map((x) => x.id)).size).toBe(3)
    const [, gold, diamond] = first.tiers
    const second = await t.ok(
      'network',
      'saveTiers',
      {
        tiers: [
          { id: diamond?.id, name: '钻石' },
          { id: normal, name: '普通' },
          { id: gold?.id, name: '金牌' },
        ],
      },
      't-shop',
    )
    expect(second.tiers).toEqual([
      { id: diamond?.id, name: '钻石', rank: 1 },
      { id: normal, name: '普通', rank: 2 },
      { id: gold?.id, name: '金牌', rank: 3 },
    ])
    expect(await t.ok('network', 'tiers', {}, 't-shop')).toEqual(second.tiers.map((tier) => ({ ...tier, agentCount: 0 })))
    expect(storedSupplier(t, supplier._id).tiers).toEqual(second.tiers)
    // Rank 1 is where new agents start.
    await boundAgent(t, 't-new-agent', supplier._id)
    expect(storedBindings(t, { agentOpenid: 't-new-agent' })[0]?.tierId).toBe(diamond?.id)
  })

  it('when ten saves of the tier list race, then each is stored whole or answered CONFLICT, never INTERNAL', async () => {
    const supplier = await registered(t, 'tr-shop')
    const normal = supplier.tiers[0]?.id ?? ''
    const lists = Array.from({ length: 10 }, (_, i) => [{ id: normal, name: '普通代理' }, { name: `等级${i}` }])
    const answers = await Promise.all(lists.map((tiers) => t.call('network', 'saveTiers', { tiers }, 'tr-shop')))
    for (const answer of answers) expect(answer.ok || answer.error.code === 'CONFLICT', JSON.stringify(answer)).toBe(true)
    const saved = answers.flatMap((answer) => (answer.ok ? [answer.data.tiers] : []))
    expect(saved.length).toBeGreaterThan(0)
    // The stored list is one of the saved ones, whole: never a mix of two saves.
    const stored = storedSupplier(t, supplier._id).tiers
    expect(saved.map((tiers) => JSON.stringify(tiers))).toContain(JSON.stringify(stored))
  })

  it('when a tier is deleted, then its agents move to the new rank-1 tier and the answer counts them', async () => {
    const supplier = await registered(t, 'td-shop')
    const normal = supplier.tiers[0]?.id ?? ''
    const { tiers } = await t.ok('network', 'saveTiers', { tiers: [{ id: normal, name: '普通代理' }, { name: '金牌代理' }] }, 'td-shop')
    const gold = tiers[1]?.id ?? ''
    await boundAgent(t, 'td-a', supplier._id)
    await boundAgent(t, 'td-b', supplier._id)
    await boundAgent(t, 'td-c', supplier._id)
    await t.ok('network', 'setTier', { agentOpenids: ['td-a', 'td-b'], tierId: gold }, 'td-shop')
    // What the delete confirmation tells the supplier: how many agents each tier holds.
    expect((await t.ok('network', 'tiers', {}, 'td-shop')).map((x) => [x.id, x.agentCount])).toEqual([
      [normal, 1],
      [gold, 2],
    ])
    const saved = await t.ok('network', 'saveTiers', { tiers: [{ name: '新默认' }, { id: normal, name: '普通代理' }] }, 'td-shop')
    expect(saved.movedAgents).toBe(2)
    const newDefault = saved.tiers[0]?.id
    expect(saved.tiers.map((x) => x.id)).not.toContain(gold)
    const byAgent = Object.fromEntries(storedBindings(t, { supplierId: supplier._id }).map((b) => [b.agentOpenid, b.tierId]))
    expect(byAgent).toEqual({ 'td-a': newDefault, 'td-b': newDefault, 'td-c': normal })
  })

  it('when a binding names a tier that no longer exists (a save stopped midway), then it counts as the default and the next save moves it', async () => {
    const supplier = await registered(t, 'tg-shop')
    await boundAgent(t, 'tg-a', supplier._id)
    t.db.insertMany('bindings', [
      { supplierId: supplier._id, agentOpenid: 'tg-ghost', tierId: 'deleted-tier', remark: '', createdAt: await cloudNow(t) },
    ])
    const listed = await t.ok('network', 'listAgents', {}, 'tg-shop')
    expect(listed.items.find((a) => a.agentOpenid === 'tg-ghost')).toMatchObject({ tierId: supplier.tiers[0]?.id, tierName: '普通代理' })
    // The tier list counts it where it will go.
    expect(await t.ok('network', 'tiers', {}, 'tg-shop')).toEqual([{ ...supplier.tiers[0], agentCount: 2 }])
    const saved = await t.ok('network', 'saveTiers', { tiers: [{ id: supplier.tiers[0]?.id, name: '普通代理' }] }, 'tg-shop')
    expect(saved.movedAgents).toBe(1)
    expect(storedBindings(t, { agentOpenid: 'tg-ghost' })[0]?.tierId).toBe(supplier.tiers[0]?.id)
  })

  it.each([
    ["another supplier's tier id", (rivalTier: string) => [{ id: rivalTier, name: '偷来的' }]],
    [
      'the same id twice',
      (_: string, own: string) => [
        { id: own, name: 'A' },
        { id: own, name: 'B' },
      ],
    ],
  ])('when the list names %s, then INVALID_ARGUMENT and the tiers are unchanged', async (_case, tiersOf) => {
    const supplier = await registered(t, `ti-shop-${_case.length}`)
    const rival = await registered(t, `ti-rival-${_case.length}`)
    const before = storedSupplier(t, supplier._id).tiers
    const answer = await t.call(
      'network',
      'saveTiers',
      { tiers: tiersOf(rival.tiers[0]?.id ?? '', supplier.tiers[0]?.id ?? '') },
      `ti-shop-${_case.length}`,
    )
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(storedSupplier(t, supplier._id).tiers).toEqual(before)
    expect(storedSupplier(t, rival._id).tiers).toEqual(rival.tiers)
  })

  it.each([
    ['no tier at all', []],
    ['eleven tiers', Array.from({ length: 11 }, (_, i) => ({ name: `等级${i}` }))],
    ['two tiers with one name', [{ name: '同名' }, { name: '同名' }]],
    ['an empty name', [{ name: ' ' }]],
  ])('when the list has %s, then INVALID_ARGUMENT and nothing changes', async (_case, list) => {
    const supplier = await registered(t, `tv-shop-${_case.length}`)
    const before = storedSupplier(t, supplier._id).tiers
    expect(await t.call('network', 'saveTiers', { tiers: list }, `tv-shop-${_case.length}`)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
    expect(storedSupplier(t, supplier._id).tiers).toEqual(before)
  })

  it('when a stale page saves a list naming a tier deleted meanwhile, then INVALID_ARGUMENT and the tier stays deleted', async () => {
    const supplier = await registered(t, 'ts-shop')
    const normal = supplier.tiers[0]?.id ?? ''
    const { tiers } = await t.ok('network', 'saveTiers', { tiers: [{ id: normal, name: '普通' }, { name: '金牌' }] }, 'ts-shop')
    const gold = tiers[1]?.id ?? ''
    await t.ok('network', 'saveTiers', { tiers: [{ id: normal, name: '普通' }] }, 'ts-shop')
    const stale = await t.call(
      'network',
      'saveTiers',
      {
        tiers: [
          { id: normal, name: '普通' },
          { id: gold, name: '金牌代理' },
        ],
      },
      'ts-shop',
    )
    expect(stale).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', issues: [{ path: ['tiers', 1, 'id'] }] } })
    expect(storedSupplier(t, supplier._id).tiers).toEqual([{ id: normal, name: '普通', rank: 1 }])
  })

  it('when two editors save at once, then the stored list is one of theirs, whole', async () => {
    const supplier = await registered(t, 'tc-shop')
    const normal = supplier.tiers[0]?.id ?? ''
    const lists = [
      [{ id: normal, name: '普通' }, { name: '甲' }],
      [{ id: normal, name: '默认' }, { name: '乙' }, { name: '丙' }],
    ]
    await Promise.all(lists.map(() => t.call('network', 'tiers', {}, 'tc-shop')))
    const answers = await Promise.all(lists.map((tiers) => t.call('network', 'saveTiers', { tiers }, 'tc-shop')))
    expect(answers.every((a) => a.ok)).toBe(true)
    const names = storedSupplier(t, supplier._id).tiers.map((x) => x.name)
    expect([
      ['普通', '甲'],
      ['默认', '乙', '丙'],
    ]).toContainEqual(names)
  })

  it('when an agent asks for tiers or saves them, then FAILED_PRECONDITION', async () => {
    await t.ok('user', 'login', {}, 't-agent-only')
    expect(await t.call('network', 'tiers', {}, 't-agent-only')).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(await t.call('network', 'saveTiers', { tiers: [{ name: 'x' }] }, 't-agent-only')).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
  })
})

describe('owner actions: who may call them (R13)', () => {
  type Case = [action: string, event: (agent: string, tier: string) => Record<string, unknown>]
  const cases: Case[] = [
    ['listAgents', () => ({})],
    ['setRemark', (agent) => ({ agentOpenid: agent, remark: '改备注' })],
    ['setTier', (agent, tier) => ({ agentOpenids: [agent], tierId: tier })],
    ['unbind', (agent) => ({ agentOpenid: agent })],
    ['tiers', () => ({})],
    ['saveTiers', () => ({ tiers: [{ name: '改名' }] })],
    ['rotateCode', () => ({})],
  ]

  it.each(cases)('when %s is called by anyone but the owner, then it is refused and nothing changes', async (action, event) => {
    const owner = `mx-${action}-owner`
    const supplier = await registered(t, owner)
    const rival = await registered(t, `mx-${action}-rival`)
    const agent = `mx-${action}-agent`
    await boundAgent(t, agent, supplier._id)
    await t.ok('network', 'setRemark', { agentOpenid: agent, remark: '原备注' }, owner)
    const before = {
      supplier: storedSupplier(t, supplier._id),
      rival: storedSupplier(t, rival._id),
      bindings: storedBindings(t, { agentOpenid: agent }),
    }
    const payload = { action, ...event(agent, supplier.tiers[0]?.id ?? '') }
    const anonymous = await t.raw('network', payload)
    const byAgent = await t.raw('network', payload, agent)
    const byRival = await t.raw('network', payload, `mx-${action}-rival`)
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(byAgent).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    if (['setRemark', 'setTier', 'unbind'].includes(action)) expect(byRival).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    if (action === 'listAgents') expect(byRival).toEqual({ ok: true, data: { items: [], nextCursor: null } })
    // A rival's own tiers/saveTiers/rotateCode act on the rival only.
    if (['tiers', 'saveTiers', 'rotateCode'].includes(action)) expect(byRival.ok).toBe(true)
    expect(storedSupplier(t, supplier._id)).toEqual(before.supplier)
    expect(storedBindings(t, { agentOpenid: agent })).toEqual(before.bindings)
    if (action === 'tiers') expect(storedSupplier(t, rival._id)).toEqual(before.rival)
  })
})

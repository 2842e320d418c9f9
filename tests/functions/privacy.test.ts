import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Spec } from '@/domain/product'
import { startTestCloud, type TestCloud } from './harness'
import { addProduct, boundAgent, cloudNow, registered, sceneOf, storedSupplier, uploadImage } from './network-fixtures'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t.close()
})

/** Keys that must never reach an agent (R9, R11, R13). */
const FORBIDDEN_KEYS = [
  'tierPrices',
  'ownerOpenid',
  'homeScene',
  'homeCodeFileId',
  'remark',
  'shippingTemplateId',
  'agentOpenid',
  '_openid',
  'contact',
]

interface Finding {
  path: string
  problem: string
}

/** Walks an answer and reports every forbidden key, file ID, secret string or foreign price in it. */
function scan(value: unknown, rules: { secrets: string[]; foreignPrices: number[] }, path = '$', findings: Finding[] = []): Finding[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => scan(v, rules, `${path}[${i}]`, findings))
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.includes(key)) findings.push({ path: `${path}.${key}`, problem: 'forbidden key' })
      scan(v, rules, `${path}.${key}`, findings)
    }
  } else if (typeof value === 'string') {
    if (value.includes('cloud://')) findings.push({ path, problem: `file ID ${value}` })
    for (const secret of rules.secrets) if (value.includes(secret)) findings.push({ path, problem: `secret ${secret}` })
  } else if (typeof value === 'number') {
    if (rules.foreignPrices.includes(value)) findings.push({ path, problem: `foreign price ${value}` })
  }
  return findings
}

describe('privacy scan: everything an agent receives (R9, R11)', () => {
  it("when agents of different tiers use every agent action, then no answer holds another tier's price, a remark, an owner id, a scene or a file ID", async () => {
    // A supplier with an avatar, three tiers and a fourth already deleted; prices are distinct odd
    // numbers so any leak is recognisable wherever it appears.
    const supplier = await registered(t, 'pv-owner', '隐私测试供应商')
    const avatar = await uploadImage(t, 'pv-owner', 'owner-avatar')
    await t.ok('user', 'updateProfile', { avatar }, 'pv-owner')
    const { tiers } = await t.ok(
      'network',
      'saveTiers',
      { tiers: [{ id: supplier.tiers[0]?.id, name: '普通代理' }, { name: '金牌代理' }, { name: '钻石代理' }] },
      'pv-owner',
    )
    const [, gold, diamond] = tiers.map((x) => x.id) as [string, string, string]
    await t.ok('supplier', 'homeCode', {}, 'pv-owner')

    const agents = { gold: 'pv-agent-gold', diamond: 'pv-agent-diamond', normal: 'pv-agent-normal' }
    const previewAnswers: unknown[] = []
    for (const openid of Object.values(agents)) {
      await t.ok('user', 'login', {}, openid)
      previewAnswers.push(await t.call('network', 'preview', { scene: sceneOf(t, supplier._id) }, openid))
    }
    for (const openid of Object.values(agents)) await boundAgent(t, openid, supplier._id)
    await t.ok('network', 'setTier', { agentOpenids: [agents.gold], tierId: gold }, 'pv-owner')
    await t.ok('network', 'setTier', { agentOpenids: [agents.diamond], tierId: diamond }, 'pv-owner')
    await t.ok('network', 'setRemark', { agentOpenid: agents.gold, remark: '上海大客户' }, 'pv-owner')
    await t.ok('network', 'setRemark', { agentOpenid: agents.diamond, remark: '钻石客户慎发货' }, 'pv-owner')
    await t.ok('network', 'setRemark', { agentOpenid: agents.normal, remark: '普通客户备注' }, 'pv-owner')

    const image = await uploadImage(t, 'pv-owner', 'product-1')
    const now = await cloudNow(t)
    const priced = (base: number, g: number, d: number): Spec => ({
      id: `spec-${base}`,
      name: `规格${base}`,
      images: [image],
      price: base,
      tierPrices: { [gold]: g, [diamond]: d, 'deleted-tier': base - 400 },
      retailPrice: base + 5000,
      stock: 7,
    })
    const first = addProduct(t, supplier._id, now - 1000, { specs: [priced(10_101, 8_081, 7_071), priced(20_201, 18_181, 17_171)] })
    const second = addProduct(t, supplier._id, now - 500, { specs: [priced(30_301, 28_281, 27_271)] })
    const delisted = addProduct(t, supplier._id, now - 200, { status: 'off_shelf', specs: [priced(40_401, 38_381, 37_371)] })
    t.db.insertMany('posts', [
      { supplierId: supplier._id, text: '隐私测试动态', images: [image], productIds: [first, second, delisted], createdAt: now - 100 },
    ])
    const specs = [
      priced(10_101, 8_081, 7_071),
      priced(20_201, 18_181, 17_171),
      priced(30_301, 28_281, 27_271),
      priced(40_401, 38_381, 37_371),
    ]
    const priceOf = (tier: 'normal' | 'gold' | 'diamond', spec: Spec) =>
      tier === 'normal' ? spec.price : (spec.tierPrices[tier === 'gold' ? gold : diamond] ?? 0)
    const allPrices = specs.flatMap((s) => [s.price, ...Object.values(s.tierPrices)])

    const stored = storedSupplier(t, supplier._id)
    const commonSecrets = [
      'pv-owner',
      stored.homeScene,
      stored.homeCodeFileId ?? 'cloud://',
      '上海大客户',
      '钻石客户慎发货',
      '普通客户备注',
      'deleted-tier',
    ]

    for (const tier of ['gold', 'diamond', 'normal'] as const) {
      const openid = agents[tier]
      const otherAgents = Object.entries(agents)
        .filter(([k]) => k !== tier)
        .map(([, v]) => v)
      const answers: unknown[] = [...previewAnswers]
      answers.push(await t.call('network', 'bind', { scene: sceneOf(t, supplier._id) }, openid))
      answers.push(await t.call('network', 'mySuppliers', {}, openid))
      const feed = await t.call('feed', 'products', {}, openid)
      answers.push(feed)
      answers.push(await t.call('feed', 'products', { supplierId: supplier._id, limit: 1 }, openid))
      for (const id of [first, second, delisted, 'missing']) answers.push(await t.call('feed', 'product', { id }, openid))
      answers.push(await t.call('feed', 'newCount', { since: 0 }, openid))
      // Posts, markups and 我的转发 (R14, R16) answer the agent's own prices only.
      answers.push(await t.call('feed', 'posts', {}, openid))
      answers.push(await t.call('network', 'markup', { supplierId: supplier._id, productId: first }, openid))
      answers.push(await t.call('feed', 'forward', { productId: first }, openid))
      answers.push(await t.call('feed', 'myShares', {}, openid))
      // What an agent gets when it tries the owner's actions.
      answers.push(await t.call('network', 'listAgents', {}, openid))
      answers.push(await t.call('network', 'tiers', {}, openid))
      answers.push(await t.call('supplier', 'homeCode', {}, openid))

      const own = specs.map((s) => priceOf(tier, s))
      const foreignPrices = allPrices.filter((p) => !own.includes(p))
      const findings = scan(answers, { secrets: [...commonSecrets, ...otherAgents], foreignPrices })
      expect(findings, `${tier} agent`).toEqual([])

      // And the agent does get its own prices: the scan would pass vacuously on empty answers.
      expect(feed.ok).toBe(true)
      if (!feed.ok) return
      expect(feed.data.items.map((p) => p._id)).toEqual([second, first])
      expect(feed.data.items.flatMap((p) => p.specs.map((s) => s.price))).toEqual(
        [specs[2], specs[0], specs[1]].map((s) => priceOf(tier, s as Spec)),
      )
      expect(feed.data.items[0]?.supplier.avatarUrl).toMatch(/^http/)
      expect(feed.data.items[0]?.specs[0]?.images[0]).toMatch(/^http/)
    }
  })

  it('when the scan meets a leak, then it reports it (the scan itself can fail)', () => {
    const leaky = {
      a: [{ tierPrices: { x: 1 } }, 'cloud://env/file.png', { price: 999 }, 'owner-openid-x', 'http://h/files/a.png?u=owner-openid-x'],
    }
    expect(scan(leaky, { secrets: ['owner-openid-x'], foreignPrices: [999] }).map((f) => f.problem)).toEqual([
      'forbidden key',
      'file ID cloud://env/file.png',
      'foreign price 999',
      'secret owner-openid-x',
      'secret owner-openid-x',
    ])
    expect(scan('http://h/files/uploads/owner-openid-x/a.png', { secrets: ['owner-openid-x'], foreignPrices: [] })).toHaveLength(1)
  })
})

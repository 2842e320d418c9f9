import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { publisher } from './product-fixtures'

/**
 * Through the real functions: an unknown key is refused at every depth, a number past its
 * bound is refused (never stored inexact), and an event nested too deep is a structured refusal in
 * Chinese. tests/unit/input-contract.test.ts proves the same rules hold for every action's schema.
 */

let owner: Awaited<ReturnType<typeof publisher>>
const t = testCloudForFile(async () => {
  owner = await publisher(t, 'il-owner')
})

const templates = () => t.db.find('shipping_templates', {}).length
const expectRefused = (answer: { ok: boolean; error?: { code: string; message: string } }, message: RegExp) => {
  expect(answer.ok, JSON.stringify(answer)).toBe(false)
  expect(answer.error?.code).toBe('INVALID_ARGUMENT')
  expect(answer.error?.message).toMatch(message)
}

describe('unknown keys inside nested objects', () => {
  it('when a shipping region carries an unknown key, then INVALID_ARGUMENT and nothing is stored', async () => {
    const before = templates()
    const answer = await t.raw(
      'shipping',
      {
        action: 'save',
        name: '偏远',
        firstFee: 800,
        additionalFee: 200,
        regions: [{ provinces: ['新疆'], firstFee: 2000, additionalFee: 800, discount: 1 }],
      },
      'il-owner',
    )
    expectRefused(answer as never, /不支持的字段：discount/)
    expect(templates()).toBe(before)
  })

  it('when a tier carries an unknown key, then INVALID_ARGUMENT and the tiers stay as they were', async () => {
    const answer = await t.raw(
      'network',
      { action: 'saveTiers', tiers: [{ id: owner.tierId, name: '普通代理', rank: 9 }, { name: '金牌' }] },
      'il-owner',
    )
    expectRefused(answer as never, /不支持的字段：rank/)
    expect((await t.ok('network', 'tiers', {}, 'il-owner')).map((tier) => tier.name)).toEqual(['普通代理'])
  })
})

describe('numbers past their bounds', () => {
  for (const freeOver of [1e300, 2 ** 60, 100_000_001]) {
    it(`when a template's free-shipping threshold is ${freeOver}, then INVALID_ARGUMENT and nothing is stored`, async () => {
      const before = templates()
      const answer = await t.raw('shipping', { action: 'save', name: '包邮', firstFee: 800, additionalFee: 200, freeOver }, 'il-owner')
      expectRefused(answer as never, /包邮门槛过高/)
      expect(templates()).toBe(before)
    })
  }

  it('when the threshold is the largest price, then it is stored exactly', async () => {
    const saved = await t.ok('shipping', 'save', { name: '包邮', firstFee: 800, additionalFee: 200, freeOver: 100_000_000 }, 'il-owner')
    expect(saved.freeOver).toBe(100_000_000)
  })

  it('when a fixed markup or a "since" time is past every real value, then INVALID_ARGUMENT', async () => {
    const markup = await t.raw(
      'network',
      { action: 'setMarkup', supplierId: owner.supplier._id, kind: 'fixed', value: 2 ** 60 },
      'il-owner',
    )
    expectRefused(markup as never, /过高|不能大于/)
    expectRefused((await t.raw('feed', { action: 'newCount', since: 2 ** 60 }, 'il-owner')) as never, /不能大于/)
  })
})

describe('deeply nested events', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 1
    for (let i = 0; i < depth; i++) value = { a: value }
    return value
  }

  it('when an event nests deeper than any input (but within the gateway bound), then the function refuses it in Chinese', async () => {
    const answer = await t.raw('shipping', { action: 'list', deep: nested(60) }, 'il-owner')
    expectRefused(answer as never, /嵌套过深/)
  })

  it('when it nests 5,000 levels, then the gateway refuses it with 400 INVALID_ARGUMENT, not 500', async () => {
    const response = await fetch(`${t.cloud.url}/fn/shipping`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wegong-openid': 'il-owner' },
      // Built as text: JSON.stringify itself would overflow the test's stack.
      body: `{"action":"list","deep":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/嵌套过深/) },
    })
    expect((await t.ok('shipping', 'list', {}, 'il-owner')).items.length).toBeGreaterThan(0)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ActionCall, arrangeWorld, contractActions, dumpStore } from './bad-input-world'
import { assertGatewayRefusesGarbage, assertRefusesBadInput, newTally } from './bad-input-mutations'
import { startTestCloud, type TestCloud } from './harness'

/**
 * Every action of the contract (walked, so a new action needs a valid call in the world)
 * refuses hostile input with a structured Chinese error, never INTERNAL or HTTP 500, and a refused
 * call leaves the store and storage byte for byte unchanged. A few mutations per action here;
 * tests/stress/bad-input.stress.test.ts runs many more.
 */

const RUNS_PER_ACTION = 4
const GATEWAY_RUNS = 40

let t: TestCloud
let calls: Record<string, ActionCall>
const tally = newTally()
beforeAll(async () => {
  t = await startTestCloud()
  calls = await arrangeWorld(t)
}, 120_000)
afterAll(async () => {
  await t.close()
})

/** Posts JSON text as written (so "__proto__" stays an own key and \ud800 a lone surrogate). */
async function rawCall(call: ActionCall, body: string): Promise<unknown> {
  const response = await fetch(`${t.cloud.url}/fn/${call.fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(call.caller ? { 'x-wegong-openid': call.caller } : {}) },
    body,
  })
  return response.json()
}

describe('bad input, property-based', () => {
  it('when the contract is walked, then every action has a valid call to mutate', () => {
    expect(Object.keys(calls).sort()).toEqual(contractActions.map((a) => a.name).sort())
  })

  it('when each valid call is sent as is, then it is accepted (the mutations start from something valid)', async () => {
    // Read-only and repeatable actions only: the mutating ones are proven valid by the first mutation that keeps them valid.
    for (const name of ['user.login', 'supplier.me', 'product.get', 'feed.products', 'order.quote', 'feed.shareView']) {
      const call = calls[name]!
      expect(await t.raw(call.fn, { action: call.action, ...call.input }, call.caller), name).toMatchObject({ ok: true })
    }
  })

  for (const { name, schema } of contractActions) {
    it(`when ${name} gets hostile input, then a Chinese refusal and an unchanged store`, async () => {
      await assertRefusesBadInput(t, calls[name]!, schema, RUNS_PER_ACTION, tally)
    })
  }

  it('when a key "__proto__" is sent as a real own key (raw JSON), then it is refused like any unknown key, not dropped', async () => {
    const call = calls['order.get']!
    const before = dumpStore(t)
    const answer = await rawCall(call, `{"action":"get","id":${JSON.stringify(call.input.id)},"__proto__":{"status":"paid"}}`)
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/__proto__/) } })
    expect(dumpStore(t)).toBe(before)
  })

  it('when a name or a text holds a lone surrogate (no character at all), then INVALID_ARGUMENT in Chinese and nothing is stored', async () => {
    const tiers = calls['network.saveTiers']!
    const before = dumpStore(t)
    const answer = await rawCall(
      tiers,
      `{"action":"saveTiers","tiers":[{"id":"${(tiers.input.tiers as Array<{ id: string }>)[0]!.id}","name":"\\ud800代理"}]}`,
    )
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/无法识别的字符/) } })
    const post = calls['post.create']!
    const text = `${'字'.repeat(499)}\\ud83d`
    expect(
      await rawCall(post, JSON.stringify({ action: 'create', ...post.input }).replace('"今日上新，欢迎转发"', `"${text}"`)),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
    expect(dumpStore(t)).toBe(before)
  })

  it.each([
    ['NUL', '\\u0000'],
    ['a bell', '\\u0007'],
  ])('when a name holds %s, then INVALID_ARGUMENT in Chinese and nothing is stored', async (_case, escape) => {
    const remark = calls['network.setRemark']!
    const before = dumpStore(t)
    const answer = await rawCall(
      remark,
      `{"action":"setRemark","agentOpenid":"${String(remark.input.agentOpenid)}","remark":"老客户${escape}"}`,
    )
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/无法识别的字符/) } })
    const tiers = calls['network.saveTiers']!
    const id = (tiers.input.tiers as Array<{ id: string }>)[0]!.id
    expect(await rawCall(tiers, `{"action":"saveTiers","tiers":[{"id":"${id}","name":"${escape}"}]}`)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
    expect(dumpStore(t)).toBe(before)
  })

  it('when a broken client sends any bytes, content type and identity header, then a structured refusal in Chinese and an unchanged store', async () => {
    await assertGatewayRefusesGarbage(t, [...new Set(contractActions.map((a) => a.fn))], GATEWAY_RUNS, tally)
  })

  it('counts', () => {
    expect(tally.requests).toBe(contractActions.length * RUNS_PER_ACTION + GATEWAY_RUNS)
    expect(tally.storeChanges).toBe(0)
  })
})

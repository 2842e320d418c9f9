import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertGatewayRefusesGarbage, assertRefusesBadInput, newTally } from '../functions/bad-input-mutations'
import { type ActionCall, arrangeWorld, contractActions } from '../functions/bad-input-world'
import { startTestCloud, type TestCloud } from '../functions/harness'
import { report } from './report'

/**
 * Bad input at volume: tests/functions/bad-input.test.ts's property over every action of
 * the contract, round after round with fresh random mutations, and garbage bodies, content types and
 * identity headers at the gateway, until the time budget is spent.
 */

const BUDGET_MS = 35_000
const RUNS_PER_ROUND = 5
const GATEWAY_RUNS_PER_ROUND = 50
const functions = [...new Set(contractActions.map((a) => a.fn))]

let t: TestCloud
let calls: Record<string, ActionCall>
beforeAll(async () => {
  t = await startTestCloud()
  calls = await arrangeWorld(t)
})
afterAll(async () => {
  await t.close()
})

describe('bad input at volume', () => {
  it('when every action gets round after round of hostile input, then every refusal is Chinese, none is INTERNAL, and no refused call changes the store', async () => {
    const tally = newTally()
    const deadline = Date.now() + BUDGET_MS
    let rounds = 0
    while (Date.now() < deadline) {
      for (const { name, schema } of contractActions) await assertRefusesBadInput(t, calls[name]!, schema, RUNS_PER_ROUND, tally)
      await assertGatewayRefusesGarbage(t, functions, GATEWAY_RUNS_PER_ROUND, tally)
      rounds += 1
    }
    report('bad_input_actions', contractActions.length, 'actions')
    report('bad_input_requests', tally.requests, 'requests')
    report('bad_input_refused', tally.refused, 'requests')
    report('bad_input_valid_after_all', tally.validAfterAll, 'requests')
    report('bad_input_store_changes', tally.storeChanges, 'changes')
    expect(rounds).toBeGreaterThan(0)
    expect(tally.storeChanges).toBe(0)
  })
})

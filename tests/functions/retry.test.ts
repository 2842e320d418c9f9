import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../eventually'
import { type ActionCall, arrangeWorld, contractActions, dumpStore } from './bad-input-world'
import { startTestCloud, type TestCloud } from './harness'

/**
 * Retries: a phone on a flaky network sends a call again when the answer to the first was
 * lost. Every action that changes the store (found by calling every action of the contract once: a
 * read must leave the store as it was, so a new mutation without a row here fails) is sent twice
 * with the same input; the store after the retry equals the store after the first call (no second
 * product, post, template, order, binding or share, counters counted once), and the retry's answer
 * is the first answer again or a clear refusal in Chinese.
 */

/** What a retry answers: the first answer again, another success (and why), or a refusal (and why). */
type Retry = { second: 'same' } | { second: 'ok'; why: string } | { second: 'refused'; code: string; why: string }

/** Stored fields, or storage files, a retry may rewrite with an equivalent value, and why. */
interface Volatile {
  fields?: string[]
  files?: RegExp
  why: string
}

const COUNTS_CHANGES: Retry = { second: 'ok', why: 'the answer counts what the call changed: nothing the second time' }
const GONE: Retry = { second: 'refused', code: 'NOT_FOUND', why: 'what the first try removed is gone (batches are all or nothing)' }
const CASE_MOVED_ON: Retry = {
  second: 'refused',
  code: 'FAILED_PRECONDITION',
  why: 'the after-sales case has already moved on, as the first try left it (its refund, if any, asked once)',
}
const MOVED_ON: Retry = { second: 'refused', code: 'FAILED_PRECONDITION', why: 'the order has already moved on, as the first try left it' }

/**
 * WeChat Pay completes an accepted refund a moment after the call (R19): its notice then records the
 * refund as done whether or not a retry came, so the first try's store is read once that happened.
 */
async function refundsSettled(t: TestCloud): Promise<void> {
  await eventually('a refund never completed', async () => {
    const atWeChat = ((await (await fetch(`${t.cloud.url}/_local/refunds`)).json()) as { data: { items: Array<{ notified?: boolean }> } })
      .data.items
    // Acknowledged: the callback has recorded it and told the agent.
    return atWeChat.length > 0 && atWeChat.every((r) => r.notified === true)
  })
}

/** Every mutation, in the order they run on one world (the destructive ones last). */
const MUTATIONS: Array<{ name: string; retry: Retry; volatile?: Volatile; settle?: (t: TestCloud) => Promise<void> }> = [
  { name: 'user.login', retry: { second: 'same' }, volatile: { fields: ['lastLoginAt'], why: 'when the user last signed in' } },
  { name: 'user.updateProfile', retry: { second: 'same' } },
  { name: 'supplier.register', retry: { second: 'same' } },
  { name: 'supplier.updateProfile', retry: { second: 'same' } },
  { name: 'supplier.verify', retry: { second: 'same' } },
  { name: 'supplier.homeCode', retry: { second: 'same' } },
  { name: 'product.create', retry: { second: 'same' } },
  {
    name: 'product.update',
    retry: { second: 'same' },
    volatile: { fields: ['useToken'], why: "every product write naming a template replaces the template's token (R7 removal race)" },
  },
  { name: 'product.code', retry: { second: 'same' } },
  { name: 'product.delist', retry: COUNTS_CHANGES },
  {
    name: 'product.relist',
    retry: { second: 'same' },
    volatile: {
      fields: ['expiresAt', 'relistedAt'],
      why: 'a relist gives 30 days from its moment: the retry, moments later, gives the same 30 days',
    },
  },
  {
    name: 'catalog.importFile',
    retry: { second: 'same' },
    volatile: { fields: ['importedAt'], why: 'when the shop item was last read from a file' },
  },
  { name: 'shipping.save', retry: { second: 'same' } },
  { name: 'network.bind', retry: { second: 'ok', why: 'alreadyBound: the binding the first try made (R12: binding twice is harmless)' } },
  { name: 'network.setRemark', retry: { second: 'same' } },
  { name: 'network.setTier', retry: COUNTS_CHANGES },
  { name: 'network.saveTiers', retry: { second: 'ok', why: 'movedAgents counts what the call changed' } },
  {
    name: 'network.setMarkup',
    retry: { second: 'same' },
    volatile: {
      fields: ['_openid'],
      why: "the local cloud's stamp of an inserting caller (docs/cloudbase/database.md §1); functions never read it",
    },
  },
  { name: 'network.removeMarkup', retry: { second: 'same' } },
  { name: 'feed.share', retry: { second: 'same' } },
  { name: 'feed.forward', retry: { second: 'same' } },
  { name: 'feed.shareCode', retry: { second: 'same' } },
  { name: 'feed.shareView', retry: { second: 'same' } },
  { name: 'feed.selectionView', retry: { second: 'same' } },
  {
    name: 'feed.setMyText',
    retry: { second: 'same' },
    volatile: {
      fields: ['_openid'],
      why: "the local cloud's stamp of an inserting caller (docs/cloudbase/database.md §1); functions never read it",
    },
  },
  { name: 'feed.forwardMany', retry: { second: 'same' } },
  { name: 'feed.shareSelection', retry: { second: 'same' } },
  // 我的小店: an edit that changes nothing writes nothing; a share and an open count once per key.
  { name: 'storefront.save', retry: { second: 'same' } },
  { name: 'storefront.addProducts', retry: { second: 'same' } },
  { name: 'storefront.reorder', retry: { second: 'same' } },
  { name: 'storefront.removeProducts', retry: { second: 'same' } },
  { name: 'storefront.share', retry: { second: 'same' } },
  { name: 'storefront.view', retry: { second: 'same' } },
  { name: 'post.create', retry: { second: 'same' } },
  { name: 'order.create', retry: { second: 'same' } },
  {
    name: 'order.pay',
    retry: { second: 'ok', why: 'a fresh signature (nonceStr, timeStamp, paySign) for the same payment of the same order' },
  },
  { name: 'order.ship', retry: MOVED_ON },
  { name: 'order.cancel', retry: MOVED_ON },
  { name: 'order.confirm', retry: MOVED_ON },
  {
    name: 'order.refund',
    retry: { second: 'ok', why: 'the same refund, asked of WeChat Pay again under the same number (never a second one)' },
    settle: refundsSettled,
  },
  {
    name: 'order.export',
    retry: { second: 'ok', why: 'a new file to download' },
    volatile: { files: /^files(-meta)?\/exports\//, why: 'each export is a new file the supplier downloads; no record is made' },
  },
  { name: 'order.removeAddress', retry: COUNTS_CHANGES },
  { name: 'aftersale.apply', retry: { second: 'same' } },
  { name: 'aftersale.agree', retry: CASE_MOVED_ON, settle: refundsSettled },
  { name: 'aftersale.refuse', retry: CASE_MOVED_ON },
  { name: 'aftersale.returnShip', retry: CASE_MOVED_ON },
  { name: 'aftersale.confirmReceipt', retry: CASE_MOVED_ON, settle: refundsSettled },
  { name: 'aftersale.withdraw', retry: CASE_MOVED_ON },
  { name: 'aftersale.escalate', retry: CASE_MOVED_ON },
  { name: 'aftersale.decide', retry: CASE_MOVED_ON },
  { name: 'product.remove', retry: GONE },
  { name: 'post.remove', retry: GONE },
  { name: 'shipping.remove', retry: GONE },
  {
    name: 'network.rotateCode',
    retry: { second: 'ok', why: 'another fresh code' },
    volatile: {
      fields: ['homeScene', 'homeCodeFileId'],
      files: /^files(-meta)?\/codes\/home\//,
      why: 'a retry rotates again: the code the lost answer carried was never shown, and the old code stops binding either way',
    },
  },
  { name: 'network.unbind', retry: GONE },
]

let t: TestCloud
let calls: Record<string, ActionCall>
beforeAll(async () => {
  t = await startTestCloud()
  calls = await arrangeWorld(t)
}, 120_000)
afterAll(async () => {
  await t.close()
})

const send = (call: ActionCall) => t.raw(call.fn, { action: call.action, ...call.input }, call.caller)

/** Signed temporary URLs differ per answer (fresh expiry); the file they name is what counts. */
const unsigned = (text: string) => text.replace(/\?[^"]*sign=[^"]*/g, '?<signed>')

function withoutVolatile(dump: string, volatile: Volatile | undefined): unknown {
  const fields = ['updatedAt', ...(volatile?.fields ?? [])]
  const parsed = JSON.parse(unsigned(dump), (key, value: unknown) => (fields.includes(key) ? undefined : value)) as {
    files: Array<[string, string]>
  }
  return { ...parsed, files: parsed.files.filter(([file]) => !volatile?.files?.test(file)) }
}

/** Where two dumps differ (first few paths), to say what a retry changed. */
function differences(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 8 || JSON.stringify(a) === JSON.stringify(b)) return out
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const key of keys) differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`, out)
  } else out.push(`${path}: ${JSON.stringify(a)?.slice(0, 80)} → ${JSON.stringify(b)?.slice(0, 80)}`)
  return out
}

describe('retries', () => {
  const mutating = new Set(MUTATIONS.map((m) => m.name))

  it('when every other action is called, then it changes nothing (so every mutation has a row)', async () => {
    for (const { name } of contractActions.filter((a) => !mutating.has(a.name))) {
      const before = dumpStore(t)
      const answer = await send(calls[name]!)
      expect(answer.ok, `${name}: ${JSON.stringify(answer).slice(0, 300)}`).toBe(true)
      expect(dumpStore(t), `${name} changed the store: it needs a row in MUTATIONS`).toBe(before)
    }
  })

  it('lists only actions of the contract', () => {
    const actions = new Set(contractActions.map((a) => a.name))
    expect(MUTATIONS.map((m) => m.name).filter((name) => !actions.has(name))).toEqual([])
  })

  for (const { name, retry, volatile, settle } of MUTATIONS) {
    const answer =
      retry.second === 'same' ? 'the same answer' : retry.second === 'ok' ? `success (${retry.why})` : `${retry.code} (${retry.why})`
    it(`when ${name} is sent again with the same input, then the store is as after the first, and ${answer}`, async () => {
      const call = calls[name]!
      const before = dumpStore(t)
      const first = await send(call)
      expect(first.ok, `${name}: ${JSON.stringify(first).slice(0, 300)}`).toBe(true)
      await settle?.(t)
      const once = dumpStore(t)
      expect(once, `${name} changed nothing: not a mutation`).not.toBe(before)
      const second = await send(call)
      const twice = dumpStore(t)
      const changed = differences(withoutVolatile(once, volatile), withoutVolatile(twice, volatile))
      expect(changed.join('\n'), `${name}: the retry changed the store`).toBe('')
      if (retry.second === 'same') {
        const answered = differences(JSON.parse(unsigned(JSON.stringify(first))), JSON.parse(unsigned(JSON.stringify(second))))
        expect(answered.join('\n'), `${name}: the retry answered otherwise`).toBe('')
      } else if (retry.second === 'ok') expect(second.ok, `${name}: ${JSON.stringify(second).slice(0, 300)}`).toBe(true)
      else expect(second).toMatchObject({ ok: false, error: { code: retry.code, message: expect.stringMatching(/[\u4e00-\u9fff]/) } })
    })
  }

  /**
   * Every keyed create, sent again with its key (the row above sent it twice) but something else
   * submitted: the first answer would be about another request (一件代发: the goods shipped to the
   * consignee before the edit), so the key is refused and nothing is written.
   */
  it.each<[string, (input: Record<string, unknown>) => Record<string, unknown>]>([
    ['order.create', (input) => ({ ...input, consignee: { ...(input.consignee as object), name: '王大明', address: '另一个地址 8 号' } })],
    [
      'order.create',
      (input) => ({ ...input, items: (input.items as Array<{ qty: number }>).map((line) => ({ ...line, qty: line.qty + 1 })) }),
    ],
    ['product.create', (input) => ({ ...input, description: `${String(input.description)}（改过）` })],
    ['post.create', (input) => ({ ...input, text: '改过的动态' })],
    ['shipping.save', (input) => ({ ...input, firstFee: Number(input.firstFee) + 100 })],
    ['supplier.register', (input) => ({ ...input, name: '改过名的新供应商' })],
  ])(
    'when %s is sent again with its key but a different payload, then CONFLICT saying the request changed, store unchanged',
    async (name, change) => {
      const call = calls[name]!
      const before = dumpStore(t)
      const answer = await send({ ...call, input: change(call.input) })
      expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('不同的内容') } })
      expect(dumpStore(t), `${name}: the refused retry changed the store`).toBe(before)
    },
  )

  it.each([
    ['product.create', 'products'],
    ['post.create', 'posts'],
    ['shipping.save', 'shipping_templates'],
  ])('when %s is sent twice at once with a new key, then one record is made and both answers name it', async (name, collection) => {
    const call = calls[name]!
    const again = { ...call, input: { ...call.input, idempotencyKey: `at-once-${name.replace('.', '-')}` } }
    const before = t.db.find(collection, {}).length
    const answers = await Promise.all([send(again), send(again)])
    const ids = answers.map((answer) => (answer.ok ? (answer.data as { _id: string })._id : JSON.stringify(answer)))
    expect(ids[0]).toBe(ids[1])
    expect(t.db.find(collection, {}).length).toBe(before + 1)
  })

  it('when a supplier registration is sent twice at once with one key, then one account is made and both answers name it', async () => {
    const event = {
      action: 'register',
      name: '同时注册的供应商',
      contact: '13800138002',
      mainCategory: '女装',
      idempotencyKey: 'register-at-once',
    }
    await t.ok('user', 'login', {}, 'w-twice')
    const answers = await Promise.all([t.raw('supplier', event, 'w-twice'), t.raw('supplier', event, 'w-twice')])
    const ids = answers.map((answer) => (answer.ok ? (answer.data as { _id: string })._id : JSON.stringify(answer)))
    expect(ids[0]).toBe(ids[1])
    expect(t.db.find('suppliers', { ownerOpenid: 'w-twice' })).toHaveLength(1)
    expect(await t.raw('supplier', { ...event, idempotencyKey: 'another-registration' }, 'w-twice')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
  })

  it('when WeChat pushes an image verdict again (it pushes until answered errcode 0), then the store is as after the first push', async () => {
    const [pending] = t.db.find('media_checks', { status: 'pending' }) as Array<{ _id: string }>
    expect(pending, 'the world publishes pictures, so a check waits for its verdict').toBeDefined()
    const deliver = async () =>
      (
        await fetch(`${t.cloud.url}/_local/media-checks/verdict`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ traceId: pending?._id, suggest: 'risky' }),
        })
      ).json()
    const before = dumpStore(t)
    expect(await deliver()).toMatchObject({ ok: true, data: { callback: { errcode: 0 } } })
    const once = dumpStore(t)
    expect(once, 'a risky verdict hides its item').not.toBe(before)
    expect(await deliver()).toMatchObject({ ok: true, data: { callback: { errcode: 0 } } })
    expect(dumpStore(t)).toBe(once)
  })
})

/**
 * The after-sales part of `npm run bench` (R19, docs/decisions/aftersales.md): what each move of a
 * case costs in WeChat's billing units (invocations, DB reads, DB writes, storage calls, as the local
 * cloud counts them), and the reads of each list at two depths — 10 and 1,000 cases of the caller,
 * page 1 and the deepest page reached through the cursors — which must not grow with depth.
 *
 * Every move is measured once on warm function instances (a warm-up pair of supplier and agent goes
 * through the same moves first). The cases for the depths are copies of stored cases straight into
 * the store, as bench-scale grows its products: lists read only cases (and one batch of names and
 * one of URLs), so a copy costs a list what a real case does.
 */
import { RETURN_ADDRESS, caseReaches } from '../tests/functions/aftersale-fixtures'
import { newKey, payOrder, placeOrder, shopWithAgent } from '../tests/functions/order-fixtures'
import { upload } from '../tests/functions/product-fixtures'
import { OPERATOR, type TestCloud } from '../tests/functions/test-cloud'
import { type Cost, measure, printCost, startBenchCloud } from './bench-calls'
import type { Budget, Figure } from './bench-figures'

const PAGE = 20
const DEPTHS = [10, 1_000] as const
/** The deepest page a list is followed to at 1,000 cases (its last, if it has fewer). */
const DEEP_PAGE = 50

type Shop = Awaited<ReturnType<typeof shopWithAgent>>

/** A supplier, its agent and product, and the moves the bench makes on their cases. */
function pair(t: TestCloud, supplier: string, agent: string, shop: Shop) {
  const line = { productId: shop.product._id, specId: shop.spec.id, qty: 1 }
  const paid = async () => {
    const order = await placeOrder(t, agent, [line])
    await payOrder(t, agent, order)
    return order
  }
  const shipped = async () => {
    const order = await paid()
    await t.ok('order', 'ship', { id: order._id, carrier: '顺丰速运', trackingNo: 'SF1234567890' }, supplier)
    return order
  }
  const applyEvent = (orderId: string, kind: 'refund_only' | 'return_refund', photos: string[] = []) => ({
    action: 'apply',
    orderId,
    kind,
    reason: '少件/漏发',
    amountFen: 100,
    note: '少了一件',
    photos,
    idempotencyKey: newKey(),
  })
  const apply = async (kind: 'refund_only' | 'return_refund' = 'refund_only') =>
    (await measure(t, 'aftersale', applyEvent((await shipped())._id, kind), agent)).data._id as string
  const photos = async (count: number) =>
    Promise.all(Array.from({ length: count }, async (_, i) => (await upload(t, agent, `products/broken-${i}.png`)).fileID))
  return { supplier, agent, supplierId: shop.shop.supplier._id, paid, shipped, applyEvent, apply, photos }
}

/**
 * Every move of a case, each measured on a fresh case in the state it starts from. `cost` prints a
 * measured call (a no-op on the warm-up pair); money moves wait for WeChat Pay's notice before the next.
 */
async function moves(t: TestCloud, p: ReturnType<typeof pair>, cost: (name: string, c: Cost) => void): Promise<void> {
  const { supplier, agent } = p
  const as = (who: string, action: string, input: Record<string, unknown>) => measure(t, 'aftersale', { action, ...input }, who)

  const onePhoto = await p.photos(1)
  const ninePhotos = await p.photos(9)
  const refundOnly = (await p.shipped())._id
  const applied = await measure(t, 'aftersale', p.applyEvent(refundOnly, 'refund_only', onePhoto), agent)
  cost('aftersale_apply', applied)
  const caseId = applied.data._id as string
  cost('aftersale_apply_9_photos', await measure(t, 'aftersale', p.applyEvent((await p.shipped())._id, 'refund_only', ninePhotos), agent))
  cost(
    'aftersale_apply_before_shipping',
    await measure(
      t,
      'aftersale',
      { ...p.applyEvent((await p.paid())._id, 'refund_only'), reason: '不想要了', amountFen: undefined },
      agent,
    ),
  )
  cost('aftersale_case_view_agent', await as(agent, 'get', { id: caseId }))
  cost('aftersale_case_view_supplier', await as(supplier, 'get', { id: caseId }))
  cost('aftersale_counts_agent', await as(agent, 'counts', {}))
  cost('aftersale_counts_supplier', await as(supplier, 'counts', {}))
  cost('aftersale_agree', await as(supplier, 'agree', { id: caseId, note: '同意退款' }))
  await caseReaches(t, caseId, 'refunded')

  const refused = await p.apply()
  cost('aftersale_refuse', await as(supplier, 'refuse', { id: refused, reason: '商品无问题', note: '发货前已核对' }))
  cost('aftersale_escalate', await as(agent, 'escalate', { id: refused, note: '请平台介入', photos: onePhoto }))
  cost('aftersale_case_view_operator', await as(OPERATOR, 'get', { id: refused }))
  cost('aftersale_decide', await as(OPERATOR, 'decide', { id: refused, outcome: 'refund', amountFen: 100, note: '少件属实' }))
  await caseReaches(t, refused, 'refunded')

  cost('aftersale_withdraw', await as(agent, 'withdraw', { id: await p.apply() }))

  const returned = await p.apply('return_refund')
  cost('aftersale_agree_return', await as(supplier, 'agree', { id: returned, returnAddress: RETURN_ADDRESS }))
  cost('aftersale_return_ship', await as(agent, 'returnShip', { id: returned, carrier: '中通快递', trackingNo: 'ZT1234567890' }))
  cost('aftersale_confirm_receipt', await as(supplier, 'confirmReceipt', { id: returned }))
  await caseReaches(t, returned, 'refunded')

  const notReceived = await p.apply('return_refund')
  await as(supplier, 'agree', { id: notReceived, returnAddress: RETURN_ADDRESS })
  await as(agent, 'returnShip', { id: notReceived, carrier: '中通快递', trackingNo: 'ZT1234567891' })
  cost('aftersale_refuse_receipt', await as(supplier, 'refuse', { id: notReceived, reason: '退货不完整' }))
  // Re-applying after a refusal is apply on the same order (the case goes back to 待商家处理).
  const [stored] = t.db.find('aftersales', { _id: notReceived }) as Array<{ orderId: string }>
  cost('aftersale_reapply', await measure(t, 'aftersale', p.applyEvent(stored?.orderId ?? '', 'refund_only'), agent))
}

/** The lists, each as its caller opens it; `who` is filled in per caller. */
function lists(supplier: string, agent: string) {
  return {
    list_mine_all: [agent, { action: 'listMine', filter: 'all', limit: PAGE }],
    list_mine_open: [agent, { action: 'listMine', filter: 'open', limit: PAGE }],
    list_sold_todo: [supplier, { action: 'listSold', filter: 'todo', limit: PAGE }],
    list_sold_all: [supplier, { action: 'listSold', filter: 'all', limit: PAGE }],
    list_escalated_open: [OPERATOR, { action: 'listEscalated', filter: 'open', limit: PAGE }],
    list_escalated_all: [OPERATOR, { action: 'listEscalated', filter: 'all', limit: PAGE }],
  } as const
}

interface StoredCase extends Record<string, unknown> {
  _id: string
  supplierId: string
  status: string
  createdAt: number
}

/**
 * Copies of `templates` straight into the store until `count` cases match `where`: each copy is a
 * template under a new `_id`, older than every case, its escalation as old as itself.
 */
function growCases(t: TestCloud, where: Record<string, unknown>, templates: StoredCase[], count: number, tag: string): void {
  const have = t.db.find('aftersales', where).length
  const oldest = Math.min(...(t.db.find('aftersales', {}) as StoredCase[]).map((c) => c.createdAt))
  const copies = Array.from({ length: Math.max(0, count - have) }, (_, i) => {
    const template = templates[i % templates.length] as StoredCase
    const createdAt = oldest - (i + 1) * 60_000
    return {
      ...template,
      _id: `bench-case-${tag}-${have + i}`,
      createdAt,
      updatedAt: createdAt,
      ...(template.escalated ? { escalatedAt: createdAt } : {}),
    }
  })
  if (copies.length > 0) t.db.insertMany('aftersales', copies)
}

export async function aftersaleFigures(figure: Figure, budget: Budget): Promise<void> {
  const t = await startBenchCloud()
  try {
    const warm = pair(t, 'as-warm-sup', 'as-warm-agent', await shopWithAgent(t, 'as-warm-sup', 'as-warm-agent'))
    await moves(t, warm, () => undefined)
    const main = pair(t, 'as-sup', 'as-agent', await shopWithAgent(t, 'as-sup', 'as-agent'))
    await moves(t, main, (name, c) => printCost(figure, name, c))

    // Cases in every list's state: one waiting for the supplier, one waiting for the platform.
    await main.apply()
    const escalated = await main.apply()
    await t.ok('aftersale', 'refuse', { id: escalated, reason: '商品无问题' }, main.supplier)
    await t.ok('aftersale', 'escalate', { id: escalated, note: '请平台介入' }, main.agent)
    const mine = t.db.find('aftersales', { agentOpenid: main.agent }) as StoredCase[]
    // The operator's cases: waiting for a decision, of the warm-up pair (so the main pair's lists keep theirs).
    const waiting = (t.db.find('aftersales', { _id: escalated }) as StoredCase[]).map((c) => ({
      ...c,
      supplierId: warm.supplierId,
      agentOpenid: warm.agent,
    }))

    const reads: Record<string, Record<string, number>> = {}
    for (const depth of DEPTHS) {
      growCases(t, { agentOpenid: main.agent }, mine, depth, `mine-${depth}`)
      growCases(t, { status: 'escalated' }, waiting, depth, `op-${depth}`)
      figure(`bench_aftersale_cases_of_agent_${depth}`, t.db.find('aftersales', { agentOpenid: main.agent }).length, 'cases')
      figure(`bench_aftersale_cases_of_supplier_${depth}`, t.db.find('aftersales', { supplierId: main.supplierId }).length, 'cases')
      figure(`bench_aftersale_cases_escalated_${depth}`, t.db.find('aftersales', { status: 'escalated' }).length, 'cases')
      for (const [name, [who, event]] of Object.entries(lists(main.supplier, main.agent))) {
        const first = await measure(t, 'aftersale', event, who)
        if (depth === DEPTHS[1]) printCost(figure, `aftersale_${name}`, first)
        figure(`aftersale_${name}_${depth}_cases_page1_db_reads`, first.reads, 'reads')
        const row = (reads[name] ??= {})
        row[`${depth} cases, page 1`] = first.reads
        if (depth !== DEPTHS[1]) continue
        let next = first
        let page = 1
        for (; page < DEEP_PAGE && next.data.nextCursor; page += 1)
          next = await measure(t, 'aftersale', { ...event, cursor: next.data.nextCursor }, who)
        figure(`aftersale_${name}_${depth}_cases_page${page}_db_reads`, next.reads, 'reads')
        row[`${depth} cases, page ${page}`] = next.reads
      }
    }
    for (const [name, row] of Object.entries(reads)) {
      const values = Object.values(row)
      const detail = Object.entries(row)
        .map(([at, n]) => `${at}: ${n}`)
        .join(', ')
      budget(
        `aftersale_${name}_reads_independent_of_depth`,
        values.every((n) => n === values[0]),
        detail,
      )
    }
  } finally {
    await t.close()
  }
}

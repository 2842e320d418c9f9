import { z } from 'zod'
import type { AftersaleStatus } from '../src/domain/aftersale'
import type { Consignee } from '../src/domain/order'
import type { SeedTools } from '../local/cloud'
import { DEMO_CONSIGNEES } from './orders'
import { demoOpenids } from './people'

/**
 * The demo's after-sales cases (R19), one per state people meet first: a 待处理 refund request
 * before shipping, a return on its way back (待商家收货), and a case refunded (退款成功). Each goes
 * through the functions as its people would: the first agent orders and pays (in WeChat Pay's local
 * sheet), the supplier ships, the agent applies, the supplier answers, WeChat Pay confirms the refund.
 * So the orders, cases, refunds, stock and day counters are exactly what the product writes.
 */

type Step =
  | { act: 'ship' }
  | { act: 'apply'; kind: 'refund_only' | 'return_refund'; reason: string; note: string; pieces?: number }
  | { act: 'agree' }
  | { act: 'returnShip' }

interface DemoCase {
  /** Also its order's idempotency key (`demo-case-<name>`). */
  name: 'refund-request' | 'return' | 'refunded'
  line: { productId: string; specId: string; qty: number }
  consignee: Consignee
  steps: Step[]
  /** Where the case ends up. */
  status: AftersaleStatus
}

const RETURN_ADDRESS = { name: '王建国', phone: '13800138000', region: '浙江省 杭州市 余杭区', detail: '良渚街道好货仓库 2 号门' }

export const DEMO_CASES: readonly DemoCase[] = [
  {
    name: 'refund-request',
    line: { productId: 'demo-p-dress', specId: 'dress-s1', qty: 1 },
    consignee: DEMO_CONSIGNEES.ownAddress,
    steps: [{ act: 'apply', kind: 'refund_only', reason: '拍错/多拍', note: '尺码拍错了，想重新下单' }],
    status: 'pending',
  },
  {
    name: 'return',
    line: { productId: 'demo-p-cleanser', specId: 'cleanser-s1', qty: 3 },
    consignee: DEMO_CONSIGNEES.customer,
    steps: [
      { act: 'ship' },
      { act: 'apply', kind: 'return_refund', reason: '商品破损', note: '有一瓶压坏了，漏液', pieces: 1 },
      { act: 'agree' },
      { act: 'returnShip' },
    ],
    status: 'returning',
  },
  {
    name: 'refunded',
    line: { productId: 'demo-p-earrings', specId: 'earrings-s1', qty: 2 },
    consignee: DEMO_CONSIGNEES.ownAddress,
    steps: [{ act: 'ship' }, { act: 'apply', kind: 'refund_only', reason: '少件/漏发', note: '少发了一对', pieces: 1 }, { act: 'agree' }],
    status: 'refunded',
  },
]

export const demoCaseOrderKey = (name: DemoCase['name']) => `demo-case-${name}`

const Ok = z.object({ ok: z.literal(true), data: z.unknown() })
const Placed = z.object({ _id: z.string(), orderNo: z.string(), items: z.array(z.object({ unitPrice: z.number() })).min(1) })
const Payment = z.object({ payment: z.object({ package: z.string() }) })
const Case = z.object({ _id: z.string(), status: z.string() })

/** One function call as `openid`, its data parsed; anything else fails the seed saying which call. */
async function call<T>(tools: SeedTools, schema: z.ZodType<T>, fn: string, event: Record<string, unknown>, openid: string) {
  const answer = await tools.invoke(fn, event, openid)
  const ok = Ok.safeParse(answer)
  if (!ok.success) throw new Error(`the demo's ${fn}.${String(event.action)} failed: ${JSON.stringify(answer).slice(0, 200)}`)
  return schema.parse(ok.data.data)
}

/** Waits for WeChat Pay's refund notice (the local stand-in sends it a moment later). */
async function refunded(tools: SeedTools, id: string, agent: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if ((await call(tools, Case, 'aftersale', { action: 'get', id }, agent)).status === 'refunded') return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`the demo case ${id} was never refunded`)
}

/** Places, pays and moves each demo case's order and case through the functions. */
export async function seedDemoCases(tools: SeedTools): Promise<void> {
  const agent = demoOpenids.agents[0]
  const supplier = demoOpenids.supplier
  for (const demo of DEMO_CASES) {
    const order = await call(
      tools,
      Placed,
      'order',
      { action: 'create', idempotencyKey: demoCaseOrderKey(demo.name), items: [demo.line], consignee: demo.consignee },
      agent,
    )
    const { payment } = await call(tools, Payment, 'order', { action: 'pay', id: order._id }, agent)
    await tools.pay(payment.package)
    let caseId = ''
    for (const step of demo.steps) {
      if (step.act === 'ship')
        await call(
          tools,
          z.unknown(),
          'order',
          { action: 'ship', id: order._id, carrier: '中通快递', trackingNo: 'ZT5566778899' },
          supplier,
        )
      if (step.act === 'apply') {
        const amount = step.pieces ? { amountFen: step.pieces * (order.items[0]?.unitPrice ?? 0) } : {}
        const applied = { action: 'apply', orderId: order._id, kind: step.kind, reason: step.reason, note: step.note, ...amount }
        caseId = (await call(tools, Case, 'aftersale', applied, agent))._id
      }
      if (step.act === 'agree')
        await call(tools, Case, 'aftersale', { action: 'agree', id: caseId, returnAddress: RETURN_ADDRESS }, supplier)
      if (step.act === 'returnShip')
        await call(
          tools,
          Case,
          'aftersale',
          { action: 'returnShip', id: caseId, carrier: '顺丰速运', trackingNo: 'SF1400987654321' },
          agent,
        )
    }
    if (demo.status === 'refunded') await refunded(tools, caseId, agent)
  }
}

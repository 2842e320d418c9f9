import { type ChildProcess, spawn } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Answer } from '@/domain/errors'
import { shanghaiDay } from '@/domain/time'
import { openDatabase } from '../../local/db'
import { CONSIGNEE } from '../functions/order-fixtures'
import { PNG } from '../functions/product-fixtures'
import { Invariants, groupBy, sum } from './invariants'
import { report } from './report'
import type { OrderRecord } from '../../cloudfunctions/lib/store/orders'

/**
 * Issue 11, crash safety: the local cloud as its own process (`demo/main.ts`, as `npm run cloud`
 * runs it) under a write-heavy run — publishing, binding, ordering, paying, cancelling, shipping,
 * uploading, the timer cancelling unpaid orders — killed with SIGKILL at random points and restarted
 * on the same data folder. After every kill the store is
 * opened as the crash left it and checked: every write answered ok is there, nothing is half-done
 * (an order without its stock or the reverse, a paid order without its payment), every invariant
 * holds. Kill points are random times into the run, random counts of writes through the local
 * cloud's crash control (`POST /_local/crash`), which lands on the boundaries between writes, and
 * each write of a payment in turn.
 */

const root = path.resolve(__dirname, '../..')
const KILL_POINTS = 20
const OPERATOR = 'crash-operator'
const SUPPLIER = 'crash-supplier'
/** Every spec of every product starts with this stock, so a product whose publish was never answered can be checked too. */
const STOCKS = [40, 25]

const inv = new Invariants()
let killPoints = 0
let acknowledgedChecked = 0
let lost = 0
let dataDir = ''
let child: ChildProcess | null = null

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  report('crash_kill_points', killPoints, 'points')
  report('crash_acknowledged_writes_checked', acknowledgedChecked, 'writes')
  report('crash_lost_writes', lost, 'writes')
  report('crash_invariant_checks', inv.checks, 'checks')
})

// ---- the process -------------------------------------------------------------------------------

/** Starts `demo/main.ts` in one Node process (SIGKILL must hit the process that holds the store) and waits until it serves. */
async function startCloud(): Promise<string> {
  const started = spawn(process.execPath, ['--import', 'tsx', 'demo/main.ts'], {
    cwd: root,
    env: { ...process.env, WEGONG_PORT: '0', WEGONG_DATA: dataDir, WEGONG_SEED: 'none', WEGONG_OPERATORS: OPERATOR },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child = started
  let output = ''
  started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = ''
    started.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const found = /local cloud on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
      if (found?.[1]) resolve(found[1])
    })
    started.once('exit', (code) => reject(new Error(`local cloud exited (${code}) before serving:\n${stdout}${output}`)))
  })
  started.stdout?.resume()
  return url
}

async function killCloud(): Promise<void> {
  const running = child
  if (!running) return
  if (running.exitCode === null && running.signalCode === null) {
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }
  child = null
}

/** Resolves once the process is gone (killed from outside, or by its own crash control). */
function exitOf(process: ChildProcess): Promise<void> {
  if (process.exitCode !== null || process.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => process.once('exit', () => resolve()))
}

// ---- calling it -------------------------------------------------------------------------------

/** A request whose connection broke (the process died): we do not know whether it was done. */
class Unanswered extends Error {}

async function post(url: string, body: unknown, openid?: string): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wegong-openid': openid } : {}) },
      body: JSON.stringify(body),
    })
    return await response.json()
  } catch (error) {
    throw new Unanswered((error as Error).message)
  }
}

async function call<T>(base: string, fn: string, action: string, input: object, openid?: string): Promise<Answer<T>> {
  return (await post(`${base}/fn/${fn}`, { action, ...input }, openid)) as Answer<T>
}

async function ok<T>(base: string, fn: string, action: string, input: object, openid?: string): Promise<T> {
  const answer = await call<T>(base, fn, action, input, openid)
  if (!answer.ok) throw new Error(`${fn}.${action}: ${answer.error.code} ${answer.error.message}`)
  return answer.data
}

// ---- what the run was told ------------------------------------------------------------------------

interface Product {
  _id: string
  specs: Array<{ id: string }>
}
interface Order {
  _id: string
  orderNo: string
  agentOpenid: string
  total: number
}

/** Writes answered ok (must survive every crash) and what the run may use next. */
const acknowledged = {
  products: new Map<string, Product>(),
  agents: new Set<string>(),
  orders: new Map<string, Order>(),
  keys: new Map<string, string>(),
  paid: new Set<string>(),
  cancelled: new Set<string>(),
  shipped: new Set<string>(),
  /** Uploaded files: cloud path → the bytes sent. */
  files: new Map<string, Buffer>(),
}
/** Order requests never answered: retried after the restart with the same key, as the phone would. */
let unansweredOrders: Array<{ agent: string; key: string; items: object[] }> = []

let templateId = ''
let image = ''
let supplierId = ''
let scene = ''
let agentCount = 0
let keyCount = 0

async function arrange(base: string): Promise<void> {
  const login = await ok<{ uploadDir: string }>(base, 'user', 'login', {}, SUPPLIER)
  const supplier = await ok<{ _id: string }>(
    base,
    'supplier',
    'register',
    { name: '崩溃测试供应商', contact: '13800138000', mainCategory: '女装' },
    SUPPLIER,
  )
  supplierId = supplier._id
  await ok(base, 'supplier', 'verify', { supplierId, verifiedMember: true, buyerProtection: true }, OPERATOR)
  templateId = (await ok<{ _id: string }>(base, 'shipping', 'save', { name: '默认运费', firstFee: 800, additionalFee: 200 }, SUPPLIER))._id
  const uploaded = (await (
    await fetch(`${base}/storage/upload?cloudPath=${encodeURIComponent(`${login.uploadDir}products/crash.png`)}`, {
      method: 'POST',
      headers: { 'x-wegong-openid': SUPPLIER },
      body: new Uint8Array(PNG),
    })
  ).json()) as { data: { fileID: string } }
  image = uploaded.data.fileID
  scene = (await ok<{ scene: string }>(base, 'supplier', 'homeCode', {}, SUPPLIER)).scene
}

// ---- the write-heavy run -----------------------------------------------------------------------

const pick = <T>(items: T[]): T | undefined => items[randomInt(0, Math.max(1, items.length))]

async function publish(base: string): Promise<void> {
  const product = await ok<Product>(
    base,
    'product',
    'create',
    {
      category: '女装',
      description: '崩溃测试商品：夏季新款连衣裙',
      specs: STOCKS.map((stock, i) => ({ name: `规格${i}`, images: [image], price: 3980 - i * 1000, tierPrices: {}, stock })),
      shippingTemplateId: templateId,
    },
    SUPPLIER,
  )
  acknowledged.products.set(product._id, product)
}

async function bind(base: string): Promise<void> {
  agentCount += 1
  const agent = `crash-agent-${agentCount}`
  await ok(base, 'user', 'login', {}, agent)
  await ok(base, 'network', 'bind', { scene }, agent)
  acknowledged.agents.add(agent)
}

async function order(base: string): Promise<void> {
  const agent = pick([...acknowledged.agents])
  const product = pick([...acknowledged.products.values()])
  if (!agent || !product) return
  keyCount += 1
  const key = `crash-key-${keyCount}`
  const items = product.specs
    .slice(0, randomInt(1, product.specs.length + 1))
    .map((spec) => ({ productId: product._id, specId: spec.id, qty: randomInt(1, 4) }))
  let answer: Answer<Order>
  try {
    answer = await call<Order>(base, 'order', 'create', { idempotencyKey: key, items, consignee: CONSIGNEE }, agent)
  } catch (error) {
    if (error instanceof Unanswered) unansweredOrders.push({ agent, key, items })
    throw error
  }
  if (answer.ok) {
    acknowledged.orders.set(answer.data._id, answer.data)
    acknowledged.keys.set(`${agent}/${key}`, answer.data._id)
  } else if (answer.error.code !== 'OUT_OF_STOCK') throw new Error(`order.create: ${answer.error.code} ${answer.error.message}`)
}

/** Pays as the user does: order.pay, then the payment sheet (`/_local/pay`), which runs the callback. */
async function pay(base: string): Promise<void> {
  const unpaid = [...acknowledged.orders.values()].filter((o) => !acknowledged.paid.has(o._id) && !acknowledged.cancelled.has(o._id))
  const target = pick(unpaid)
  if (!target) return
  const { payment } = await ok<{ payment: { package: string } }>(base, 'order', 'pay', { id: target._id }, target.agentOpenid)
  const paid = (await post(`${base}/_local/pay`, { package: payment.package })) as {
    ok: boolean
    data?: { callback: { errcode?: number } }
  }
  if (paid.ok && paid.data?.callback.errcode === 0) acknowledged.paid.add(target._id)
}

async function cancel(base: string): Promise<void> {
  const unpaid = [...acknowledged.orders.values()].filter((o) => !acknowledged.paid.has(o._id) && !acknowledged.cancelled.has(o._id))
  const target = pick(unpaid)
  if (!target) return
  const answer = await call(base, 'order', 'cancel', { id: target._id }, randomInt(0, 2) === 0 ? SUPPLIER : target.agentOpenid)
  if (answer.ok) acknowledged.cancelled.add(target._id)
}

async function ship(base: string): Promise<void> {
  const target = pick([...acknowledged.paid].filter((id) => !acknowledged.shipped.has(id)))
  if (!target) return
  const answer = await call(base, 'order', 'ship', { id: target, carrier: '顺丰速运', trackingNo: `SF${randomInt(1e9, 9e9)}` }, SUPPLIER)
  if (answer.ok) acknowledged.shipped.add(target)
}

/** A picture an agent uploads, as the app does before 发布 or a poster: its bytes must survive. */
async function upload(base: string): Promise<void> {
  const agent = pick([...acknowledged.agents])
  if (!agent) return
  const { uploadDir } = await ok<{ uploadDir: string }>(base, 'user', 'login', {}, agent)
  const cloudPath = `${uploadDir}crash/${randomInt(1e9, 9e9)}.png`
  const bytes = Buffer.concat([PNG, Buffer.from(randomInt(1e9, 9e9).toString())])
  let response: Response
  try {
    response = await fetch(`${base}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { 'x-wegong-openid': agent },
      body: new Uint8Array(bytes),
    })
    await response.json()
  } catch (error) {
    throw new Unanswered((error as Error).message)
  }
  if (response.ok) acknowledged.files.set(cloudPath, bytes)
}

/** Half an hour passes: the expire timer cancels the unpaid orders due and gives their stock back. */
async function passTime(base: string): Promise<void> {
  await post(`${base}/_local/clock`, { advanceMs: 31 * 60_000 })
}

/** One worker: random writes until the process dies under it; `answered` after each move that got its answer. */
async function worker(base: string, answered: () => void): Promise<void> {
  const moves = [publish, bind, bind, order, order, order, order, order, pay, pay, pay, cancel, ship, upload]
  // Rarely: the timer's cancellations race the run.
  if (randomInt(0, 3) === 0) moves.push(passTime)
  for (;;) {
    const move = pick(moves) ?? order
    try {
      await move(base)
      answered()
    } catch (error) {
      if (error instanceof Unanswered) return
      // A refusal the run did not expect (a busy store answering CONFLICT is fine: retried later).
      if (!/CONFLICT|FAILED_PRECONDITION/.test((error as Error).message)) throw error
    }
  }
}

// ---- after a crash: the store as it was left -----------------------------------------------------

interface StoredProduct {
  _id: string
  specs: Array<{ id: string; stock: number }>
}
/** Orders as the store holds them (read straight from the local store). */
type StoredOrder = OrderRecord
interface StoredPayment {
  outTradeNo: string
  totalFee: number
  state: string
  transactionId?: string
}

/** Payments taken whose order did not record them when the store was last checked. */
let unrecordedAtLastKill = new Set<string>()

/** `afterRestart`: the store was left by a restart, not a crash, so nothing may be in flight. */
function checkStore(label: string, afterRestart = false): void {
  const db = openDatabase({
    file: path.join(dataDir, 'db.sqlite'),
    declaration: JSON.parse(readFileSync(path.join(root, 'cloudfunctions/database.json'), 'utf8')),
    now: () => Date.now(),
  })
  try {
    const products = db.find('products', {}) as unknown as StoredProduct[]
    const orders = db.find('orders', {}) as unknown as StoredOrder[]
    const bindings = db.find('bindings', {}) as Array<{ agentOpenid: string; supplierId: string }>
    const payments = existsSync(path.join(dataDir, 'payments.json'))
      ? (JSON.parse(readFileSync(path.join(dataDir, 'payments.json'), 'utf8')) as StoredPayment[])
      : []

    // Every write answered ok is there.
    const productIds = new Set(products.map((p) => p._id))
    const ordersById = new Map(orders.map((o) => [o._id, o]))
    const bound = new Set(bindings.map((b) => b.agentOpenid))
    const survived = (holds: boolean, what: string) => {
      acknowledgedChecked += 1
      if (!holds) lost += 1
      inv.check(holds, `${label}: ${what}`)
    }
    for (const id of acknowledged.products.keys()) survived(productIds.has(id), `published product ${id} is there`)
    for (const agent of acknowledged.agents) survived(bound.has(agent), `binding of ${agent} is there`)
    for (const id of acknowledged.orders.keys()) survived(ordersById.has(id), `order ${id} is there`)
    for (const id of acknowledged.paid)
      survived(['paid', 'shipped', 'completed'].includes(ordersById.get(id)?.status ?? ''), `order ${id} is paid`)
    for (const id of acknowledged.cancelled) survived(ordersById.get(id)?.status === 'cancelled', `order ${id} is cancelled`)
    for (const id of acknowledged.shipped)
      survived(['shipped', 'completed'].includes(ordersById.get(id)?.status ?? ''), `order ${id} is shipped`)
    for (const [cloudPath, bytes] of acknowledged.files) {
      const file = path.join(dataDir, 'files', cloudPath)
      const meta = path.join(dataDir, 'files-meta', cloudPath)
      survived(
        existsSync(file) && readFileSync(file).equals(bytes) && existsSync(meta),
        `uploaded file ${cloudPath} is there, whole, with its creator`,
      )
    }

    // Nothing half-done: stock and orders moved together, for every product (answered or not).
    for (const product of products) {
      product.specs.forEach((spec, i) => {
        const held = sum(
          orders
            .filter((o) => o.status !== 'cancelled')
            .flatMap((o) => o.items.filter((item) => item.productId === product._id && item.specId === spec.id).map((item) => item.qty)),
        )
        inv.check(spec.stock >= 0, `${label}: stock never negative`, () => spec)
        inv.equal(spec.stock + held, STOCKS[i], `${label}: stock + sold = stocked (${product._id}/${spec.id})`)
      })
    }
    for (const o of orders) {
      for (const item of o.items) inv.check(productIds.has(item.productId), `${label}: an order's product exists`, () => item)
    }

    // A paid order has its payment, and a payment taken is on its order (or its order was cancelled
    // first: a refund). The crash may have come between the payment and its callback; WeChat Pay then
    // sends the notice again, so by the next crash (after a restart) it must be recorded.
    const paymentOf = new Map(payments.map((payment) => [payment.outTradeNo, payment]))
    const orderOfNo = new Map(orders.map((o) => [o.orderNo, o]))
    for (const paidOrder of orders.filter((o) => ['paid', 'shipped', 'completed'].includes(o.status))) {
      const payment = paymentOf.get(paidOrder.orderNo)
      inv.check(
        payment?.state === 'SUCCESS' && payment.transactionId === paidOrder.transactionId && payment.totalFee === paidOrder.total,
        `${label}: paid order ${paidOrder.orderNo} has its payment`,
        () => ({ status: paidOrder.status, transactionId: paidOrder.transactionId, payment }),
      )
    }
    const unrecorded = new Set(
      payments
        .filter((payment) => payment.state === 'SUCCESS')
        .filter((payment) => {
          const paidOrder = orderOfNo.get(payment.outTradeNo)
          return paidOrder === undefined || (paidOrder.status !== 'cancelled' && paidOrder.transactionId !== payment.transactionId)
        })
        .map((payment) => payment.outTradeNo),
    )
    for (const no of payments.filter((payment) => payment.state === 'SUCCESS').map((payment) => payment.outTradeNo)) {
      const late = unrecorded.has(no) && (afterRestart || unrecordedAtLastKill.has(no))
      inv.check(!late, `${label}: payment ${no} is recorded on its order after a restart`, () => ({ status: orderOfNo.get(no)?.status }))
    }
    unrecordedAtLastKill = unrecorded

    // Counters: the supplier's days add up to its paid orders.
    const paidOrders = orders.filter((o) => o.paidAt !== undefined && o.status !== 'cancelled')
    const days = db.find('supplier_days', {}) as Array<{ supplierId: string; day: string; paidOrders: number; salesFen: number }>
    const byDay = groupBy(paidOrders, (o) => `${o.supplierId}:${shanghaiDay(o.paidAt ?? 0)}`)
    for (const key of new Set([...byDay.keys(), ...days.map((d) => `${d.supplierId}:${d.day}`)])) {
      const counted = days.find((d) => `${d.supplierId}:${d.day}` === key)
      const paid = byDay.get(key) ?? []
      inv.equal(
        { paidOrders: counted?.paidOrders ?? 0, salesFen: counted?.salesFen ?? 0 },
        { paidOrders: paid.length, salesFen: sum(paid.map((o) => o.total)) },
        `${label}: supplier_days ${key} = its paid orders`,
      )
    }

    // Unique: one binding per agent, one order per key and per number.
    for (const [agent, rows] of groupBy(bindings, (b) => `${b.supplierId}/${b.agentOpenid}`))
      inv.equal(rows.length, 1, `${label}: one binding ${agent}`)
    for (const [key, rows] of groupBy(orders, (o) => `${o.agentOpenid}/${o.idempotencyKey}`))
      inv.equal(rows.length, 1, `${label}: one order for ${key}`)
    for (const [no, rows] of groupBy(orders, (o) => o.orderNo)) inv.equal(rows.length, 1, `${label}: one order numbered ${no}`)
    for (const [key, id] of acknowledged.keys) {
      const [agent, idempotencyKey] = key.split('/')
      inv.equal(
        orders.filter((o) => o.agentOpenid === agent && o.idempotencyKey === idempotencyKey).map((o) => o._id),
        [id],
        `${label}: the key ${key} names its answered order`,
      )
    }
  } finally {
    db.close()
  }
}

/** After a restart: the phone retries what was never answered, and must get one order per key. */
async function retryUnanswered(base: string, label: string): Promise<void> {
  const retries = unansweredOrders
  unansweredOrders = []
  for (const { agent, key, items } of retries) {
    const answer = await call<Order>(base, 'order', 'create', { idempotencyKey: key, items, consignee: CONSIGNEE }, agent)
    inv.check(answer.ok || ['OUT_OF_STOCK', 'NOT_FOUND'].includes(answer.error.code), `${label}: a retried order answers`, () => answer)
    if (answer.ok) {
      acknowledged.orders.set(answer.data._id, answer.data)
      acknowledged.keys.set(`${agent}/${key}`, answer.data._id)
    }
  }
}

/** Kills the process (if its crash control has not) and checks the store as it was left. */
async function crashAndCheck(running: ChildProcess, label: string): Promise<void> {
  await killCloud()
  await exitOf(running)
  killPoints += 1
  checkStore(label)
}

describe('crash safety (issue 11)', () => {
  let base = ''
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'wegong-crash-'))
    base = await startCloud()
    await arrange(base)
    await bind(base)
    await publish(base)
  })

  it('when the local cloud dies right after each write of a payment in turn, then the order ends paid once, with its payment, and counted once', async () => {
    for (let afterWrites = 1; afterWrites <= 8; afterWrites++) {
      await order(base)
      const target = [...acknowledged.orders.values()].at(-1) as Order
      const { payment } = await ok<{ payment: { package: string } }>(base, 'order', 'pay', { id: target._id }, target.agentOpenid)
      const running = child as ChildProcess
      await post(`${base}/_local/crash`, { afterWrites })
      let finished = false
      try {
        const paid = (await post(`${base}/_local/pay`, { package: payment.package })) as { data?: { callback: { errcode?: number } } }
        finished = paid.data?.callback.errcode === 0
        if (finished) acknowledged.paid.add(target._id)
      } catch (error) {
        if (!(error instanceof Unanswered)) throw error
      }
      await crashAndCheck(running, `payment, killed after write ${afterWrites}`)
      base = await startCloud()
      // The payment's every write went through before the kill: no later boundary to try.
      if (finished) break
    }
    expect(inv.violations).toEqual([])
  })

  it(`when the local cloud is killed with SIGKILL at ${KILL_POINTS} random points of a write-heavy run, then every answered write survives, nothing is half-done and every invariant holds`, async () => {
    for (let point = 1; point <= KILL_POINTS; point++) {
      const running = child as ChildProcess
      const armed = point % 2 === 0
      // Half the points: the process kills itself after a random number of writes, between two writes.
      if (armed) await post(`${base}/_local/crash`, { afterWrites: randomInt(1, 25) })
      let firstAnswer = () => {}
      const warm = new Promise<void>((resolve) => (firstAnswer = resolve))
      const run = Promise.all(Array.from({ length: 4 }, () => worker(base, firstAnswer)))
      // The other half: a random moment once the run is going (functions start cold after a restart).
      const timed = warm.then(() => new Promise((resolve) => setTimeout(resolve, randomInt(0, 500))))
      await Promise.race([exitOf(running), armed ? new Promise((resolve) => setTimeout(resolve, 10_000)) : timed])
      await killCloud()
      await exitOf(running)
      await run
      killPoints += 1
      checkStore(`kill ${point}`)
      base = await startCloud()
      await retryUnanswered(base, `kill ${point}`)
    }
    // The last restart sent every notice still owed; stopped with nothing in flight, all is recorded.
    await killCloud()
    checkStore('end', true)
    expect(inv.violations).toEqual([])
    expect(acknowledged.orders.size).toBeGreaterThan(20)
    // The run paid too (the payment test above acknowledged one).
    expect(acknowledged.paid.size).toBeGreaterThan(1)
  })
})

import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LocalCloud } from '../../local/cloud'
import { CloudBaseEnvironment } from '../../scripts/deploy/cloudbase'
import type { EnvironmentState } from '../../scripts/deploy/model'
import { type Step, describeStep } from '../../scripts/deploy/plan'
import { DeployError, type LiveEnvironment, deploy } from '../../scripts/deploy/run'
import { CONSIGNEE } from '../functions/order-fixtures'
import { PNG } from '../functions/product-fixtures'
import { apiAt } from '../weapp/demo'
import { type ManagedCloud, bundlesDir, declared, localEnv, root, startManagedCloud } from './deployed-cloud'

let managed: ManagedCloud
let cloud: LocalCloud
let env: CloudBaseEnvironment
const log: string[] = []

async function call(fn: string, event: Record<string, unknown>, openid: string) {
  const response = await fetch(`${cloud.url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wegong-openid': openid },
    body: JSON.stringify(event),
  })
  return (await response.json()) as { ok: boolean; data?: Record<string, unknown>; error?: { code: string } }
}

async function planOf(target: EnvironmentState): Promise<string[]> {
  const result = await deploy(target, env, { apply: false, prune: false, log: () => undefined })
  return result.steps.map(describeStep)
}

/** The live environment, stopped by a failure once `okSteps` steps are through (a deploy killed halfway). */
function stoppingAfter(okSteps: number): LiveEnvironment {
  let applied = 0
  return {
    read: (d) => env.read(d),
    apply: async (step: Step) => {
      if (applied++ === okSteps) throw new Error('connection reset')
      await env.apply(step)
    },
  }
}

beforeAll(async () => {
  managed = await startManagedCloud((line) => log.push(line))
  ;({ cloud, env } = managed)
}, 60_000)

afterAll(async () => {
  await managed?.close()
})

describe('npm run deploy against an empty local cloud', () => {
  it('creates every collection, index, rule and function, then the API answers from what was deployed', async () => {
    const lines: string[] = []
    const result = await deploy(declared, env, { apply: true, prune: false, log: (line) => lines.push(line) })
    expect(result.steps.filter((s) => s.what === 'collection')).toHaveLength(declared.collections.length)
    expect(result.steps.filter((s) => s.what === 'function')).toHaveLength(declared.functions.length)
    expect(cloud.db.collectionNames()).toEqual(declared.collections.map((c) => c.name).sort())
    for (const collection of declared.collections) {
      expect(
        cloud.db
          .indexesOf(collection.name)
          .map((i) => i.name)
          .sort(),
      ).toEqual(collection.indexes.map((i) => i.name).sort())
    }
    // No secret value is printed: variables are named, never shown.
    expect(lines.join('\n')).not.toContain('1900000109')

    const login = await call('user', { action: 'login' }, 'deployed-supplier')
    expect(login.ok).toBe(true)
    const registered = await call(
      'supplier',
      { action: 'register', name: '部署测试', contact: '13800000000', mainCategory: '女装' },
      'deployed-supplier',
    )
    expect(registered.ok).toBe(true)
    expect(cloud.db.find('suppliers', { ownerOpenid: 'deployed-supplier' })).toHaveLength(1)
    // The timer trigger was created through the management API, not read from config.json.
    const timer = await fetch(`${cloud.url}/_local/trigger/expire`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(timer.status).toBe(200)
  }, 120_000)

  it('the API smoke on what was deployed: register, verify, publish, bind, order and pay', async () => {
    const ok = apiAt(cloud.url)
    // The operator is the deployed functions' variable (environments.json), not the local cloud's start option.
    const operator = declared.functions.find((f) => f.name === 'supplier')!.variables.WEGONG_OPERATORS
    const [owner, agent] = ['smoke-supplier', 'smoke-agent']
    await ok('user', 'login', {}, owner)
    const supplier = await ok('supplier', 'register', { name: '冒烟供应商', contact: '13800138000', mainCategory: '女装' }, owner)
    await ok('supplier', 'verify', { supplierId: supplier._id, verifiedMember: true, buyerProtection: true }, operator)
    const template = await ok('shipping', 'save', { name: '默认运费', firstFee: 800, additionalFee: 200 }, owner)
    const { cloudPath } = await ok('user', 'uploadPath', { kind: 'products', ext: 'png' }, owner)
    const uploaded = await fetch(`${cloud.url}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { 'x-wegong-openid': owner },
      body: new Uint8Array(PNG),
    })
    const { fileID } = ((await uploaded.json()) as { data: { fileID: string } }).data
    // The deployed storage rule (storage.json) judges app uploads: a name of the caller's choosing is refused.
    const planted = await fetch(`${cloud.url}/storage/upload?cloudPath=${encodeURIComponent('uploads/products/chosen.png')}`, {
      method: 'POST',
      headers: { 'x-wegong-openid': owner },
      body: new Uint8Array(PNG),
    })
    expect(planted.status).toBe(403)
    const spec = { name: '红色 / M', images: [fileID], price: 3980, tierPrices: {}, retailPrice: 6900, stock: 10 }
    const product = await ok(
      'product',
      'create',
      { category: '女装', description: '部署后的第一件商品', specs: [spec], shippingTemplateId: template._id },
      owner,
    )
    await ok('user', 'login', {}, agent)
    const { scene } = await ok('supplier', 'homeCode', {}, owner)
    await ok('network', 'bind', { scene }, agent)
    const feed = await ok('feed', 'products', {}, agent)
    expect(feed.items.map((item) => item._id)).toContain(product._id)
    const order = await ok(
      'order',
      'create',
      { idempotencyKey: 'smoke-order-1', items: [{ productId: product._id, specId: product.specs[0]!.id, qty: 2 }], consignee: CONSIGNEE },
      agent,
    )
    const { payment } = await ok('order', 'pay', { id: order._id }, agent)
    // WeChat Pay's stand-in notifies the deployed payCallback, which marks the order paid.
    const paid = await fetch(`${cloud.url}/_local/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ package: payment.package }),
    })
    expect(((await paid.json()) as { ok: boolean }).ok).toBe(true)
    expect(cloud.db.find('orders', { _id: order._id })[0]).toMatchObject({ status: 'paid', agentOpenid: agent, supplierId: supplier._id })
    expect(cloud.db.find('products', { _id: product._id })[0]).toMatchObject({ specs: [{ stock: 8 }] })
  }, 60_000)

  it('when the app uploads to the deployed cloud, then the storage rule deploy installed judges it, as production does: nothing written into another user’s folder or over another user’s file, a given name stored', async () => {
    // The cloud holds the very rule text deploy sends production (storage.json's rules).
    const state = JSON.parse(readFileSync(path.join(managed.dataDir, 'management.json'), 'utf8')) as {
      storage: { AclTag: string; Rule: string }
    }
    expect(state.storage).toEqual({ AclTag: 'CUSTOM', Rule: declared.storageRule })
    const upload = async (cloudPath: string, openid: string) =>
      (
        await fetch(`${cloud.url}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
          method: 'POST',
          headers: { 'x-wegong-openid': openid },
          body: new Uint8Array(
            Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
          ),
        })
      ).status
    const victim = await call('user', { action: 'login' }, 'deployed-victim')
    expect(await upload(`${String(victim.data?.uploadDir)}products/planted.png`, 'deployed-intruder')).toBe(403)
    const given = await call('user', { action: 'uploadPath', kind: 'products', ext: 'png' }, 'deployed-intruder')
    const cloudPath = String(given.data?.cloudPath)
    expect(await upload(cloudPath, 'deployed-intruder')).toBe(200)
    expect(await upload(cloudPath, 'deployed-victim')).toBe(403)
    expect(existsSync(path.join(managed.dataDir, 'files', ...`${String(victim.data?.uploadDir)}products/planted.png`.split('/')))).toBe(
      false,
    )
  }, 60_000)

  it('plans nothing on a second run', async () => {
    expect(await planOf(declared)).toEqual([])
  }, 60_000)

  it('plans exactly a changed declaration: an added index, a new collection, a changed trigger', async () => {
    const changed: EnvironmentState = {
      ...declared,
      collections: [
        ...declared.collections.map((c) =>
          c.name === 'posts'
            ? { ...c, indexes: [...c.indexes, { name: 'text_probe', unique: false, keys: [{ field: 'text', direction: 1 as const }] }] }
            : c,
        ),
        {
          name: 'audit_log',
          rule: declared.collections[0].rule,
          indexes: [{ name: 'at', unique: false, keys: [{ field: 'at', direction: -1 as const }] }],
        },
      ],
      functions: declared.functions.map((f) =>
        f.name === 'expire' ? { ...f, triggers: [{ name: 'expire', config: '0 0 * * * * *' }] } : f,
      ),
    }
    expect(await planOf(changed)).toEqual([
      'create collection audit_log',
      `change rule of audit_log → ${declared.collections[0].rule}`,
      'create index posts.text_probe (text asc)',
      'create index audit_log.at (at desc)',
      'remove trigger expire.expire',
      'create trigger expire.expire "0 0 * * * * *"',
    ])
  }, 60_000)

  it('completes a deploy stopped halfway when it is run again', async () => {
    const changed: EnvironmentState = {
      ...declared,
      collections: [
        ...declared.collections,
        {
          name: 'halfway',
          rule: declared.collections[0].rule,
          indexes: [{ name: 'a', unique: false, keys: [{ field: 'a', direction: 1 as const }] }],
        },
      ],
      functions: declared.functions.map((f) =>
        f.name === 'expire' ? { ...f, timeout: 30, triggers: [{ name: 'expire', config: '0 */5 * * * * *' }] } : f,
      ),
    }
    const steps = await planOf(changed)
    expect(steps).toHaveLength(6)
    const stopped = deploy(changed, stoppingAfter(3), { apply: true, prune: false, log: () => undefined })
    await expect(stopped).rejects.toThrow(DeployError)
    await expect(stopped).rejects.toThrow(/step 4 of 6 failed[\s\S]*done: 3 step\(s\)[\s\S]*left: /)
    expect(await planOf(changed)).toEqual(steps.slice(3))
    await deploy(changed, env, { apply: true, prune: false, log: () => undefined })
    expect(await planOf(changed)).toEqual([])
    // Back to the repo's declaration for the tests after this one (`halfway` stays, undeclared).
    await deploy(declared, env, { apply: true, prune: false, log: () => undefined })
    expect(await planOf(declared)).toEqual([])
  }, 120_000)

  it('refuses a unique index the live data violates, naming the keys, and changes nothing', async () => {
    cloud.db.insertMany('posts', [
      { supplierId: 's-dup', text: 'one' },
      { supplierId: 's-dup', text: 'two' },
    ])
    const changed: EnvironmentState = {
      ...declared,
      collections: declared.collections.map((c) =>
        c.name === 'posts'
          ? {
              ...c,
              indexes: [...c.indexes, { name: 'one_per_supplier', unique: true, keys: [{ field: 'supplierId', direction: 1 as const }] }],
            }
          : c,
      ),
      storageRule: JSON.stringify({ read: true, write: true }),
    }
    const before = (await env.read(declared)).live
    const lines: string[] = []
    const refused = deploy(changed, env, { apply: true, prune: false, log: (line) => lines.push(line) })
    await expect(refused).rejects.toThrow(
      /unique index posts\.one_per_supplier is violated by supplierId="s-dup"[\s\S]*Nothing was changed/,
    )
    expect((await env.read(declared)).live).toEqual(before)
    expect(lines).toContain('refused: unique index posts.one_per_supplier: the data repeats supplierId="s-dup"')
  }, 60_000)
  it('lists an undeclared collection, index and function and leaves them alone; --prune removes them', async () => {
    // Put online what the repo does not declare, as a console user would: a collection with an
    // index, an index on a declared collection, and a function (a copy of user's bundle).
    const extraBundles = mkdtempSync(path.join(tmpdir(), 'wegong-deploy-extra-'))
    cpSync(path.join(bundlesDir, 'user'), path.join(extraBundles, 'probe'), { recursive: true })
    const extraEnv = new CloudBaseEnvironment(
      { envId: localEnv.envId, endpoint: cloud.url, secretId: 'local', secretKey: 'local' },
      extraBundles,
    )
    const user = declared.functions.find((f) => f.name === 'user')!
    const probeIndex = { name: 'extra_text', unique: false, keys: [{ field: 'text', direction: 1 as const }] }
    for (const step of [
      { kind: 'create', what: 'collection', collection: 'extra_probe' },
      { kind: 'create', what: 'index', collection: 'extra_probe', index: probeIndex },
      { kind: 'create', what: 'index', collection: 'posts', index: probeIndex },
      { kind: 'create', what: 'function', fn: { ...user, name: 'probe' } },
    ] as Step[])
      await extraEnv.apply(step)
    rmSync(extraBundles, { recursive: true, force: true })
    cloud.db.insertMany('extra_probe', [{ text: 'kept until pruned' }])

    const lines: string[] = []
    const kept = await deploy(declared, env, { apply: true, prune: false, log: (line) => lines.push(line) })
    expect(kept.steps).toEqual([])
    expect(kept.undeclared.collections).toContain('extra_probe')
    expect(kept.undeclared.indexes).toContain('posts.extra_text')
    expect(kept.undeclared.functions).toEqual(['probe'])
    expect(lines).toEqual(expect.arrayContaining(['  collection extra_probe', '  index posts.extra_text', '  function probe']))
    expect(cloud.db.collectionNames()).toContain('extra_probe')
    expect(cloud.db.find('extra_probe')).toHaveLength(1)
    expect(cloud.db.indexesOf('posts').map((i) => i.name)).toContain('extra_text')
    expect((await call('probe', { action: 'login' }, 'before-prune')).ok).toBe(true)

    const pruned = await deploy(declared, env, { apply: true, prune: true, log: () => undefined })
    expect(pruned.steps.map(describeStep)).toEqual(
      expect.arrayContaining(['remove collection extra_probe', 'remove index posts.extra_text', 'remove function probe']),
    )
    expect(cloud.db.collectionNames()).toEqual(declared.collections.map((c) => c.name).sort())
    const posts = declared.collections.find((c) => c.name === 'posts')!
    expect(
      cloud.db
        .indexesOf('posts')
        .map((i) => i.name)
        .sort(),
    ).toEqual(posts.indexes.map((i) => i.name).sort())
    expect((await call('probe', { action: 'login' }, 'after-prune')).ok).toBe(false)
    const after = await deploy(declared, env, { apply: false, prune: true, log: () => undefined })
    expect(after.steps).toEqual([])
    expect(after.undeclared).toEqual({ collections: [], indexes: [], functions: [] })
  }, 60_000)
})

describe('a deploy killed halfway', () => {
  let fresh: ManagedCloud

  beforeAll(async () => {
    fresh = await startManagedCloud()
  }, 60_000)

  afterAll(async () => {
    await fresh?.close()
  })

  it('ends in the declared state when npm run deploy is SIGKILLed while creating functions and run again', async () => {
    const killAfter = declared.collections.length * 2 + declared.collections.reduce((n, c) => n + c.indexes.length, 0) + 3
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/deploy/cli.ts', '--env', 'local', '--endpoint', fresh.cloud.url, '--apply'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let done = 0
    child.stdout.on('data', (chunk: Buffer) => {
      done += (chunk.toString().match(/✓/g) ?? []).length
      if (done >= killAfter) child.kill('SIGKILL')
    })
    const exit = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    expect(exit).toBe('SIGKILL')

    const target = fresh.env
    const left = await deploy(declared, target, { apply: false, prune: false, log: () => undefined })
    expect(left.steps.length).toBeGreaterThan(0)
    expect(left.steps.every((s) => s.what === 'function' || s.what === 'code' || s.what === 'config' || s.what === 'trigger')).toBe(true)
    await deploy(declared, target, { apply: true, prune: false, log: () => undefined })
    expect((await deploy(declared, target, { apply: false, prune: false, log: () => undefined })).steps).toEqual([])
    const response = await fetch(`${fresh.cloud.url}/fn/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wegong-openid': 'after-kill' },
      body: JSON.stringify({ action: 'login' }),
    })
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true)
  }, 180_000)
})

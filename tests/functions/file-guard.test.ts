import { createHash, createHmac, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { api } from '@/domain/api'
import { UploadedFileId } from '@/domain/files'
import type { z } from '@/domain/zod'
import database from '../../cloudfunctions/database.json'
import { testCloudForFile } from './harness'
import { boundAgent } from './network-fixtures'
import { payOrder, placeOrder, shopWithAgent } from './order-fixtures'
import {
  placeAsFunction,
  productInput,
  publisher,
  specInput,
  upload,
  uploadDirOf,
  uploadFirstRelease,
  uploadNamed,
  uploadTo,
} from './product-fixtures'

/**
 * R9: one guarded file boundary. Every action whose input holds a file ID (found by walking the
 * contract, so an action added later is found too) refuses a file that is not the caller's own —
 * another user's, malformed, a traversal out of the caller's folder, encoded or not, or a file
 * outside every upload folder — with nothing stored and no URL answered.
 */

/** Whether a schema holds `UploadedFileId` anywhere inside. */
function holdsFileId(schema: z.ZodTypeAny, seen = new Set<z.ZodTypeAny>()): boolean {
  if (schema === UploadedFileId) return true
  if (seen.has(schema)) return false
  seen.add(schema)
  const def = schema._def as Record<string, unknown>
  const children: unknown[] = []
  if (typeof (schema as { shape?: unknown }).shape === 'object')
    children.push(...Object.values((schema as unknown as z.AnyZodObject).shape))
  for (const key of ['type', 'innerType', 'schema', 'valueType', 'keyType', 'in', 'out', 'left', 'right']) children.push(def[key])
  for (const key of ['options', 'items']) if (Array.isArray(def[key])) children.push(...(def[key] as unknown[]))
  if (typeof def.getter === 'function') children.push((def.getter as () => unknown)())
  return children.some((child) => child instanceof Object && '_def' in child && holdsFileId(child as z.ZodTypeAny, seen))
}

const actionsWithFiles = Object.entries(api).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, { input: z.ZodTypeAny }>)
    .filter(([, endpoint]) => holdsFileId(endpoint.input))
    .map(([action]) => `${fn}.${action}`),
)

let owner: Awaited<ReturnType<typeof publisher>>
let productId: string
/**
 * After-sales moves that take photos, each usable once (R19): orders g-owner (as an agent of g-shop)
 * may apply on, its refused cases it may escalate, and g-agent's cases on g-owner's orders it may refuse.
 */
const cases = { toApply: [] as string[], toEscalate: [] as string[], toRefuse: [] as string[] }
const t = testCloudForFile(async () => {
  owner = await publisher(t, 'g-owner')
  await publisher(t, 'g-victim')
  const product = await t.ok('product', 'create', productInput(owner.templateId, owner.image), 'g-owner')
  productId = product._id
  const shop = await shopWithAgent(t, 'g-shop', 'g-owner')
  await boundAgent(t, 'g-agent', owner.supplier._id)
  const paid = async (agent: string, line: { productId: string; specId: string; qty: number }) => {
    const order = await placeOrder(t, agent, [line])
    await payOrder(t, agent, order)
    return order._id
  }
  const asks = (orderId: string, agent: string) => t.ok('aftersale', 'apply', { orderId, kind: 'refund_only', reason: '不想要了' }, agent)
  for (let i = 0; i < 2; i += 1) {
    cases.toApply.push(await paid('g-owner', { productId: shop.product._id, specId: shop.spec.id, qty: 1 }))
    const refused = await asks(await paid('g-owner', { productId: shop.product._id, specId: shop.spec.id, qty: 1 }), 'g-owner')
    await t.ok('aftersale', 'refuse', { id: refused._id, reason: '其他' }, 'g-shop')
    cases.toEscalate.push(refused._id)
    cases.toRefuse.push((await asks(await paid('g-agent', { productId, specId: product.specs[0]!.id, qty: 1 }), 'g-agent'))._id)
  }
})

/** For each action that takes files: a valid input for the owner, holding `fileID` where a file goes. */
const inputs: Record<string, (fileID: string) => { fn: string; input: Record<string, unknown> }> = {
  'user.updateProfile': (fileID) => ({ fn: 'user', input: { action: 'updateProfile', avatar: fileID } }),
  'product.create': (fileID) => ({
    fn: 'product',
    input: {
      action: 'create',
      ...productInput(owner.templateId, owner.image, { specs: [specInput(owner.image), specInput(fileID, { name: '蓝色 / L' })] }),
    },
  }),
  'product.update': (fileID) => ({ fn: 'product', input: { action: 'update', id: productId, ...productInput(owner.templateId, fileID) } }),
  'catalog.importFile': (fileID) => ({ fn: 'catalog', input: { action: 'importFile', fileID, fileName: 'shop.csv' } }),
  'post.create': (fileID) => ({
    fn: 'post',
    input: { action: 'create', text: '今日上新', images: [owner.image, fileID], productIds: [productId] },
  }),
  'aftersale.apply': (fileID) => ({
    fn: 'aftersale',
    input: { action: 'apply', orderId: cases.toApply.shift() ?? 'none', kind: 'refund_only', reason: '不想要了', photos: [fileID] },
  }),
  'aftersale.escalate': (fileID) => ({
    fn: 'aftersale',
    input: { action: 'escalate', id: cases.toEscalate.shift() ?? 'none', photos: [fileID] },
  }),
  'storefront.save': (fileID) => ({ fn: 'storefront', input: { action: 'save', name: '小美的店', cover: fileID } }),
  'aftersale.refuse': (fileID) => ({
    fn: 'aftersale',
    input: { action: 'refuse', id: cases.toRefuse.shift() ?? 'none', reason: '商品无问题', photos: [fileID] },
  }),
}

/** A name of the given shape for g-owner, sealed the way someone without the server's key could. */
function forgedName(digest: (text: string) => { digest(encoding: 'hex'): string }): string {
  const nonce = randomBytes(12).toString('hex')
  const seal = digest(`wegong-upload-name\ng-owner\nproducts\n${nonce}\npng`).digest('hex').slice(0, 32)
  return `uploads/products/${nonce}${seal}.png`
}

function dump(): string {
  return JSON.stringify(database.collections.map((collection) => t.db.find(collection.name, {})))
}

describe('the file guard (R9)', () => {
  it('when the contract is walked, then every action taking a file ID has a row here', () => {
    expect(actionsWithFiles.sort()).toEqual(Object.keys(inputs).sort())
  })

  it('when the owner uses names user.uploadPath gave it, then every such action accepts them', async () => {
    const uploadAs = (path: string, body?: string) =>
      path.endsWith('.csv') ? uploadNamed(t, 'g-owner', 'imports', 'csv', body) : uploadNamed(t, 'g-owner', 'products', 'png')
    const image = (await uploadAs('products/ok.png')).fileID
    const csv = (await uploadAs('imports/ok.csv', '商品编号,商品标题,商品描述,类目,规格,采购价,建议零售价,库存\nA,衬衫,,女装,均码,10,,1'))
      .fileID
    for (const name of Object.keys(inputs)) {
      const { fn, input } = inputs[name]!(name === 'catalog.importFile' ? csv : image)
      expect(await t.raw(fn, input, 'g-owner'), name).toMatchObject({ ok: true })
    }
  })

  it.each([
    ['into its own first-release folder', async () => `${await uploadDirOf(t, 'g-owner')}products/late.png`],
    ['into another user’s first-release folder', async () => `${await uploadDirOf(t, 'g-victim')}products/planted.png`],
    ['outside every upload folder', async () => 'codes/home/planted.png'],
    ['under a name not of the given shape', async () => 'uploads/products/planted.png'],
  ])('when the app writes %s, then the storage rule refuses it and nothing is stored', async (_case, pathOf) => {
    const path = await pathOf()
    expect(await uploadTo(t, 'g-owner', path)).toEqual({ status: 403, fileID: '' })
    expect(existsSync(join(t.dataDir, 'files', ...path.split('/')))).toBe(false)
  })

  const foreignFiles: Array<[string, () => Promise<string>]> = [
    ['another user’s upload', async () => (await upload(t, 'g-victim', 'products/secret.png')).fileID],
    [
      'another user’s upload reached by ..',
      async () =>
        `cloud://wegong-local.local/${await uploadDirOf(t, 'g-owner')}../${(await uploadDirOf(t, 'g-victim')).split('/')[1]}/products/secret.png`,
    ],
    ['an encoded traversal', async () => `cloud://wegong-local.local/${await uploadDirOf(t, 'g-owner')}%2e%2e/x/products/secret.png`],
    ['an encoded slash', async () => `cloud://wegong-local.local/${await uploadDirOf(t, 'g-owner')}..%2Fx%2Fsecret.png`],
    ['a name user.uploadPath gave another user', async () => (await uploadNamed(t, 'g-victim')).fileID],
    // Anyone could create files there before the storage rule; stored ones were moved to sealed names.
    [
      'a file in its own first-release folder, planted there by someone else',
      async () => (await uploadFirstRelease(t, 'g-owner', `products/planted-${randomBytes(4).toString('hex')}.png`)).fileID,
    ],
    [
      'a file another user planted under a name of the given shape',
      async () => (await uploadTo(t, 'g-victim', `uploads/products/${randomBytes(28).toString('hex')}.png`)).fileID,
    ],
    [
      'its own given name moved to another kind (the seal covers kind and extension)',
      async () => {
        const { cloudPath } = await t.ok('user', 'uploadPath', { kind: 'avatars', ext: 'png' }, 'g-owner')
        return (await uploadTo(t, 'g-owner', cloudPath.replace('/avatars/', '/products/'))).fileID
      },
    ],
    [
      'a name forged for it with the unkeyed seal and planted by another user (its OPENID is no secret)',
      async () =>
        (
          await uploadTo(
            t,
            'g-victim',
            forgedName((text) => createHash('sha256').update(text)),
          )
        ).fileID,
    ],
    [
      'a name forged for it with another key and planted by another user',
      async () =>
        (
          await uploadTo(
            t,
            'g-victim',
            forgedName((text) => createHmac('sha256', 'not-the-server-key').update(text)),
          )
        ).fileID,
    ],
    // The storage rule refuses the owner's own write there; a function's file there is refused by the guard.
    ['a file outside every upload folder', async () => (await placeAsFunction(t, 'codes/home/stolen.png')).fileID],
    ['a malformed ID', async () => 'not-a-file-id'],
    ['an https URL', async () => 'https://example.com/a.png'],
    ['a path with a backslash', async () => `cloud://wegong-local.local/${await uploadDirOf(t, 'g-owner')}..\\x.png`],
  ]

  for (const name of Object.keys(inputs)) {
    it.each(foreignFiles)(
      `when ${name} is given %s, then it is refused, nothing is stored and no URL is answered`,
      async (_case, fileOf) => {
        const fileID = await fileOf()
        const before = dump()
        const { fn, input } = inputs[name]!(fileID)
        const answer = await t.raw(fn, input, 'g-owner')
        expect(answer.ok).toBe(false)
        expect(['FORBIDDEN', 'INVALID_ARGUMENT']).toContain(answer.ok ? '' : answer.error.code)
        expect(JSON.stringify(answer)).not.toMatch(/\/files\/|tempFileURL/)
        expect(dump()).toBe(before)
      },
    )
  }
})

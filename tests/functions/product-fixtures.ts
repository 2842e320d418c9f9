import type { UploadExtension, UploadKind } from '@/domain/files'
import { OPERATOR, type TestCloud } from './test-cloud'

export { DAY_MS as DAY } from '@/domain/time'
export { MINUTE_MS as MINUTE } from '@/domain/time'

/** A 1×1 PNG: the local cloud's app upload accepts images by their magic bytes. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

/** The caller's own upload folder, as the app learns it from user.login. */
export async function uploadDirOf(t: TestCloud, openid: string): Promise<string> {
  return (await t.ok('user', 'login', {}, openid)).uploadDir
}

/** Uploads as the app does (POST /storage/upload) to exactly this cloud path. */
export async function uploadTo(
  t: TestCloud,
  openid: string,
  cloudPath: string,
  body: Buffer | string = PNG,
): Promise<{ status: number; fileID: string }> {
  const response = await fetch(`${t.cloud.url}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'x-wegong-openid': openid },
    body: new Uint8Array(typeof body === 'string' ? Buffer.from(body, 'utf8') : body),
  })
  const answer = (await response.json()) as { ok: boolean; data?: { fileID: string } }
  return { status: response.status, fileID: answer.data?.fileID ?? '' }
}

/**
 * A file the first releases of the app uploaded into the caller's own folder (`<uploadDir><path>`).
 * The storage rule now refuses any client write there, so it is placed from the function side, as
 * files already stored before the rule are.
 */
export async function uploadFirstRelease(
  t: TestCloud,
  openid: string,
  path: string,
  body: Buffer | string = PNG,
): Promise<{ fileID: string }> {
  return placeAsFunction(t, `${await uploadDirOf(t, openid)}${path}`, body)
}

/** A file a cloud function wrote at exactly this cloud path (the admin side: no storage rule applies). */
export async function placeAsFunction(t: TestCloud, cloudPath: string, body: Buffer | string = PNG): Promise<{ fileID: string }> {
  return t.cloud.storage.uploadAsAdmin(cloudPath, typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
}

/**
 * Uploads as the app does, under a name `user.uploadPath` gives the caller; `path` says only which:
 * its first folder the kind (`products` unless `imports` or `avatars`), its extension the extension.
 */
export async function upload(
  t: TestCloud,
  openid: string,
  path: string,
  body: Buffer | string = PNG,
): Promise<{ status: number; fileID: string }> {
  const folder = path.split('/')[0]
  const kind: UploadKind = folder === 'imports' || folder === 'avatars' ? folder : 'products'
  return uploadNamed(t, openid, kind, path.slice(path.lastIndexOf('.') + 1) as UploadExtension, body)
}

/** Uploads as the app does: under a name `user.uploadPath` gives the caller. */
export async function uploadNamed(
  t: TestCloud,
  openid: string,
  kind: UploadKind = 'products',
  ext: UploadExtension = 'png',
  body: Buffer | string = PNG,
): Promise<{ status: number; fileID: string }> {
  const { cloudPath } = await t.ok('user', 'uploadPath', { kind, ext }, openid)
  return uploadTo(t, openid, cloudPath, body)
}

export async function clockNow(t: TestCloud): Promise<number> {
  return ((await (await fetch(`${t.cloud.url}/_local/clock`)).json()) as { now: number }).now
}

export async function advanceClock(t: TestCloud, advanceMs: number): Promise<number> {
  const response = await fetch(`${t.cloud.url}/_local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs }),
  })
  return ((await response.json()) as { now: number }).now
}

export async function trigger(t: TestCloud, fn: string): Promise<unknown> {
  return (await fetch(`${t.cloud.url}/_local/trigger/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json' } })).json()
}

/**
 * A supplier ready to publish (R2 thresholds set by the operator) with one shipping template and
 * one uploaded image; `eligible: false` leaves buyer protection off.
 */
export async function publisher(t: TestCloud, openid: string, options: { eligible?: boolean } = {}) {
  await t.ok('user', 'login', {}, openid)
  const supplier = await t.ok('supplier', 'register', { name: `供应商${openid}`, contact: '13800138000', mainCategory: '女装' }, openid)
  await t.ok('supplier', 'verify', { supplierId: supplier._id, verifiedMember: true, buyerProtection: options.eligible ?? true }, OPERATOR)
  const template = await t.ok('shipping', 'save', { name: '默认运费', firstFee: 800, additionalFee: 200 }, openid)
  const image = (await upload(t, openid, `products/${openid}-1.png`)).fileID
  return { supplier, templateId: template._id, image, tierId: supplier.tiers[0]?.id ?? '' }
}

export function specInput(image: string, overrides: Record<string, unknown> = {}) {
  return { name: '红色 / M', images: [image], price: 3980, tierPrices: {}, retailPrice: 6900, stock: 100, ...overrides }
}

export function productInput(templateId: string, image: string, overrides: Record<string, unknown> = {}) {
  return {
    category: '女装',
    description: '🔥春季新款碎花连衣裙，显瘦百搭，现货秒发！',
    specs: [specInput(image)],
    shippingTemplateId: templateId,
    ...overrides,
  }
}

export type Publisher = Awaited<ReturnType<typeof publisher>>
export type Input = Record<string, unknown>

/**
 * Raw product creation and store reads on this cloud; `created` makes a product as `owner()` (by
 * default) and fails the test if refused. `owner` is a getter because publishers are made in beforeAll.
 */
export function productMakers(t: TestCloud, owner: () => Publisher, ownerOpenid = 'p-main') {
  const create = (input: Input, openid = ownerOpenid) => t.raw('product', { action: 'create', ...input }, openid)
  const stored = (id: string) => t.db.find('products', { _id: id })[0]
  async function created(overrides: Input = {}, by = owner(), openid = ownerOpenid) {
    const answer = await create(productInput(by.templateId, by.image, overrides), openid)
    if (!answer.ok) throw new Error(`create failed: ${answer.error.message}`)
    return answer.data as { _id: string; specs: Array<{ id: string; name: string }>; publishedAt: number; expiresAt: number }
  }
  /** Writes an on-sale product of `owner()` straight to the store, past product.create's checks; `fields` over its defaults. */
  function insertOnSale(fields: Input): string {
    const [id] = t.db.insertMany('products', [
      {
        supplierId: owner().supplier._id,
        category: '女装',
        specs: [{ id: 's1', name: '均码', images: [], price: 1000, tierPrices: {}, stock: 1 }],
        shippingTemplateId: owner().templateId,
        status: 'on_sale',
        source: 'new',
        ...fields,
      },
    ])
    return id ?? ''
  }
  return { create, created, stored, insertOnSale }
}

/** The first four bytes of the file at `url`, in hex ('89504e47' for a PNG). */
export async function magicOf(url: string): Promise<string> {
  const response = await fetch(url)
  return Buffer.from(await response.arrayBuffer())
    .subarray(0, 4)
    .toString('hex')
}

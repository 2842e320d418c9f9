import type { ActionArgs } from '@/domain/api'
import { changedTexts, SCENES, type PublishedText } from '@/domain/content-rules'
import { AppError, type Issue } from '@/domain/errors'
import { effectiveStatus, expiresAtFor, type Product, type ProductInput, type Spec } from '@/domain/product'
import { newImages, stillHidden } from '@/domain/media-check'
import { eligibilityGaps, eligibilityGapText } from '@/domain/supplier'
import { currentTierPrices } from '@/domain/tiers'
import { requireSafeTexts } from '../platform/content-security'
import { requestImageChecks } from '../platform/media-security'
import { insertMediaChecks } from '../store/media-checks'
import { requireOwnSupplier } from '../access'
import { toProductSummaries } from '../product-views'
import type { Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { codeImageUrl, codePages, makeCode } from '../platform/codes'
import { toPage } from '../platform/cursor'
import { viewableUrls } from '../platform/files'
import { createOnce, keyedFields, keyedRequest, type KeyedRequest } from '../platform/idempotency'
import { randomToken } from '../platform/ids'
import { findOwnShopItem } from '../store/shop-catalog'
import {
  countOwnProducts,
  delistOwnProducts,
  findOwnProduct,
  insertProductIn,
  listOwnProducts,
  relistOwnProducts,
  removeOwnProducts,
  saveProductCode,
  updateProductContentIn,
  type ProductRecord,
} from '../store/products'
import { inTransaction, type Transaction } from '../platform/transaction'
import { findOwnTemplate, takeTemplateIn } from '../store/shipping-templates'
import type { SupplierRecord } from '../store/suppliers'

const NOT_FOUND = '商品不存在或已被删除'
const TEMPLATE_GONE = '运费模板不存在，请重新选择'

/** R2: publishing (and relisting or editing, which put content in front of agents) needs both thresholds. */
function requirePublisher(supplier: SupplierRecord): void {
  const gaps = eligibilityGaps(supplier)
  if (gaps.length === 0) return
  const missing = gaps.map((gap) => eligibilityGapText[gap].title).join('、')
  throw new AppError('FAILED_PRECONDITION', `暂不能发布商品：${missing}。${eligibilityGapText[gaps[0]].action}`)
}

/**
 * What the schema cannot know: the template, the tiers and the shop item must all be the
 * supplier's own. (Images went through the handler's file guard before this runs.)
 */
async function checkOwnership(input: ProductInput & { shopItemId?: string }, supplier: SupplierRecord): Promise<void> {
  const issues: Issue[] = []
  const [template, shopItem] = await Promise.all([
    findOwnTemplate(supplier._id, input.shippingTemplateId),
    input.shopItemId ? findOwnShopItem(supplier._id, input.shopItemId) : Promise.resolve(null),
  ])
  if (!template) issues.push({ path: ['shippingTemplateId'], message: TEMPLATE_GONE })
  if (input.shopItemId && !shopItem) issues.push({ path: ['shopItemId'], message: '导入的商品不存在，请重新选择' })
  const tierIds = new Set(supplier.tiers.map((tier) => tier.id))
  input.specs.forEach((spec, i) => {
    for (const tierId of Object.keys(spec.tierPrices)) {
      if (!tierIds.has(tierId)) issues.push({ path: ['specs', i, 'tierPrices', tierId], message: '该分销商等级不存在，请刷新后重试' })
    }
  })
  const [first] = issues
  if (first) throw new AppError('INVALID_ARGUMENT', first.message, issues)
}

/** Spec ids are made here; an edit keeps the ids of the product's own specs so orders still point at them. */
function toSpecs(specs: ProductInput['specs'], existing: Spec[] = []): Spec[] {
  const known = new Set(existing.map((spec) => spec.id))
  const used = new Set<string>()
  return specs.map((spec) => {
    const id = spec.id && known.has(spec.id) && !used.has(spec.id) ? spec.id : randomToken(10)
    used.add(id)
    return {
      id,
      name: spec.name,
      images: spec.images,
      price: spec.price,
      tierPrices: spec.tierPrices,
      ...(spec.retailPrice !== undefined ? { retailPrice: spec.retailPrice } : {}),
      stock: spec.stock,
    }
  })
}

async function toProduct(record: ProductRecord, supplier: SupplierRecord): Promise<Product> {
  // The owner's own pictures: its publish-form draft keeps these URLs (platform/files.ts URL_LIFE_S).
  const urls = await viewableUrls(
    record.specs.flatMap((spec) => spec.images),
    'owner',
  )
  return {
    _id: record._id,
    supplierId: record.supplierId,
    category: record.category,
    description: record.description,
    specs: record.specs.map((spec) => ({ ...spec, tierPrices: currentTierPrices(spec.tierPrices, supplier.tiers) })),
    shippingTemplateId: record.shippingTemplateId,
    status: effectiveStatus(record, now()),
    publishedAt: record.publishedAt,
    expiresAt: record.expiresAt,
    source: record.source,
    imageUrls: Object.fromEntries(urls),
    ...(record.moderation ? { hiddenReason: record.moderation.reason } : {}),
  }
}

/**
 * Runs a product write that names `templateId` in one transaction with taking the template (R7), so
 * a removal of the template at the same moment cannot also succeed (see removeShipping).
 */
function withTemplate<T>(supplier: SupplierRecord, templateId: string, write: (tx: Transaction) => Promise<T>): Promise<T> {
  return inTransaction(async (tx) => {
    if (!(await takeTemplateIn(tx, supplier._id, templateId, randomToken(12)))) {
      throw new AppError('INVALID_ARGUMENT', TEMPLATE_GONE, [{ path: ['shippingTemplateId'], message: TEMPLATE_GONE }])
    }
    return write(tx)
  })
}

/** What agents and their customers read of a product: its description and spec names (R20). */
function productTexts(input: Pick<ProductInput, 'description' | 'specs'>): PublishedText[] {
  return [
    { path: ['description'], label: '商品描述', text: input.description, scene: SCENES.social },
    ...input.specs.map((spec, i) => ({ path: ['specs', i, 'name'], label: '规格名称', text: spec.name, scene: SCENES.social })),
  ]
}

function imagesOf(specs: ReadonlyArray<{ images: string[] }>): string[] {
  return specs.flatMap((spec) => spec.images)
}

/** R2–R7: publish a new product, on sale for 30 days from now (R8). */
export async function createProduct(input: ActionArgs<'product', 'create'>, caller: Caller): Promise<Product> {
  const supplier = await requireOwnSupplier(caller)
  // With a key, a retry after a lost answer gets the product the first try published, not a second one.
  const record = await createOnce(
    keyedRequest(supplier._id, input),
    (id) => findOwnProduct(supplier._id, id),
    (keyed) => publish(input, supplier, keyed),
  )
  return toProduct(record, supplier)
}

async function publish(input: ActionArgs<'product', 'create'>, supplier: SupplierRecord, keyed: KeyedRequest | undefined) {
  requirePublisher(supplier)
  await checkOwnership(input, supplier)
  await requireSafeTexts(supplier.ownerOpenid, productTexts(input))
  // Asked before storing, so a product whose pictures WeChat cannot check is not published (R20).
  const checks = await requestImageChecks(supplier.ownerOpenid, SCENES.social, newImages(imagesOf(input.specs), []))
  const at = now()
  const record = await withTemplate(supplier, input.shippingTemplateId, (tx) =>
    insertProductIn(
      tx,
      {
        supplierId: supplier._id,
        category: input.category,
        description: input.description,
        specs: toSpecs(input.specs),
        shippingTemplateId: input.shippingTemplateId,
        status: 'on_sale',
        publishedAt: at,
        expiresAt: expiresAtFor(at),
        source: input.shopItemId ? 'import' : 'new',
        ...(input.shopItemId ? { shopItemId: input.shopItemId } : {}),
        // R6: online ordering on, one piece minimum, priced per spec.
        trade: { onlineOrdering: true, minOrderQty: 1 },
        createdAt: at,
        updatedAt: at,
        ...keyedFields(keyed),
      },
      keyed?.id,
    ),
  )
  await insertMediaChecks(checks, { kind: 'product', id: record._id }, supplier.ownerOpenid, SCENES.social, at)
  return record
}

/** Editing changes the content only: status, publishing time and expiry stay (R8). */
export async function updateProduct(input: ActionArgs<'product', 'update'>, caller: Caller): Promise<Product> {
  const supplier = await requireOwnSupplier(caller)
  const existing = await findOwnProduct(supplier._id, input.id)
  if (!existing) throw new AppError('NOT_FOUND', NOT_FOUND)
  requirePublisher(supplier)
  await checkOwnership(input, supplier)
  await requireSafeTexts(supplier.ownerOpenid, changedTexts(productTexts(input), productTexts(existing)))
  const checks = await requestImageChecks(supplier.ownerOpenid, SCENES.social, newImages(imagesOf(input.specs), imagesOf(existing.specs)))
  const showAgain = !!existing.moderation && !stillHidden(existing.moderation.fileIds, imagesOf(input.specs))
  const changes = {
    category: input.category,
    description: input.description,
    shippingTemplateId: input.shippingTemplateId,
    updatedAt: now(),
  }
  const specs = toSpecs(input.specs, existing.specs)
  const written = await withTemplate(supplier, input.shippingTemplateId, (tx) =>
    updateProductContentIn(tx, existing._id, changes, (stored) => withStockMoves(specs, input.specs, stored), showAgain),
  )
  if (!written) throw new AppError('NOT_FOUND', NOT_FOUND)
  await insertMediaChecks(checks, { kind: 'product', id: existing._id }, supplier.ownerOpenid, SCENES.social, changes.updatedAt)
  const { moderation, ...kept } = existing
  return toProduct({ ...kept, ...changes, specs: written, ...(moderation && !showAgain ? { moderation } : {}) }, supplier)
}

/**
 * R17: a kept spec sent with the stock its form was loaded with (`stockBefore`) gets the stored stock
 * moved by what the supplier changed, never below zero: pieces agents ordered while the form was open
 * stay sold instead of coming back on sale (an oversell). Other specs take the stock as given.
 */
function withStockMoves(specs: Spec[], input: ProductInput['specs'], stored: Spec[]): Spec[] {
  return specs.map((spec, i) => {
    const before = input[i]?.stockBefore
    const current = stored.find((s) => s.id === spec.id)?.stock
    if (before === undefined || current === undefined || input[i]?.id !== spec.id) return spec
    return { ...spec, stock: Math.max(0, current + spec.stock - before) }
  })
}

export async function getProduct(input: ActionArgs<'product', 'get'>, caller: Caller): Promise<Product> {
  const supplier = await requireOwnSupplier(caller)
  const record = await findOwnProduct(supplier._id, input.id)
  if (!record) throw new AppError('NOT_FOUND', NOT_FOUND)
  return toProduct(record, supplier)
}

/** 销售中 / 已下架 (R10), by effective status (R8), newest first. */
export async function listMyProducts(input: ActionArgs<'product', 'listMine'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const at = now()
  const rows = await listOwnProducts(supplier._id, input.status, at, input.cursor, input.limit)
  const page = toPage(rows, input.limit, (row) => row.publishedAt)
  return { items: await toProductSummaries(page.items, at), nextCursor: page.nextCursor }
}

/** A batch is all or nothing: if any id is not the caller's product, nothing changes (NOT_FOUND). */
async function requireOwnBatch(supplier: SupplierRecord, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)]
  if ((await countOwnProducts(supplier._id, unique)) !== unique.length) {
    throw new AppError('NOT_FOUND', '部分商品不存在或已被删除，请刷新后重试')
  }
  return unique
}

export async function delistProducts(input: ActionArgs<'product', 'delist'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const ids = await requireOwnBatch(supplier, input.ids)
  return { updated: await delistOwnProducts(supplier._id, ids, now()) }
}

/** R8: relisting puts the products on sale for a fresh 30 days from now. */
export async function relistProducts(input: ActionArgs<'product', 'relist'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  requirePublisher(supplier)
  const ids = await requireOwnBatch(supplier, input.ids)
  const at = now()
  return { updated: await relistOwnProducts(supplier._id, ids, at, expiresAtFor(at)) }
}

/** R10: deleted for good; orders keep their own snapshot of what was bought. */
export async function removeProducts(input: ActionArgs<'product', 'remove'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const ids = await requireOwnBatch(supplier, input.ids)
  return { removed: await removeOwnProducts(supplier._id, ids) }
}

/** The product's own mini-program code (商品码): its scene is the product id (≤ 32 characters). */
export async function productCode(input: ActionArgs<'product', 'code'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const record = await findOwnProduct(supplier._id, input.id)
  if (!record) throw new AppError('NOT_FOUND', NOT_FOUND)
  let fileId = record.codeFileId
  if (!fileId) {
    fileId = await makeCode(codePages.product, record._id, `codes/product/${record._id}.png`)
    await saveProductCode(record._id, fileId)
  }
  return { scene: record._id, image: await codeImageUrl(fileId) }
}

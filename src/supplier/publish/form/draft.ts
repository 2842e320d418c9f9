import Taro from '@tarojs/taro'
import type { z } from 'zod'
import type { ShopItem } from '@/domain/catalog'
import { issuesOf, messagesByField, type Issue } from '@/domain/errors'
import { CreateProductInput, UpdateProductInput, type Product } from '@/domain/product'
import { fenToYuanText } from '@/domain/money'
import type { Tier } from '@/domain/supplier'
import { currentTierPrices } from '@/domain/tiers'
import { MONEY_FORMAT_ERROR, moneyText, typedFen } from '@/components/MoneyInput'

/**
 * The publish form as the user typed it (prices as yuan text), kept in local storage while typing
 * (SPEC §6: forms keep drafts) and turned into the domain's product input only when checked.
 */
export interface DraftImage {
  fileID: string
  url: string
}

export interface SpecDraft {
  /** Stable React key; not sent. */
  key: string
  /** The stored spec's id when editing, so orders keep pointing at it. */
  id?: string
  /** Editing: the stock as loaded, so the save moves the stock by what the supplier typed, not over orders placed meanwhile. */
  stockBefore?: number
  name: string
  images: DraftImage[]
  price: string
  tierPrices: Record<string, string>
  retailPrice: string
  stock: string
}

export interface ProductDraft {
  category: string
  description: string
  specs: SpecDraft[]
  shippingTemplateId: string
  shopItemId?: string
  agreed: boolean
}

/** Field errors keyed by the issue path joined with dots: `description`, `specs.0.price`, `specs.1.tierPrices.tier-gold`. */
export type FieldErrors = Record<string, string>

let keySeed = 0
export function newSpecKey(): string {
  keySeed += 1
  return `spec-${Date.now().toString(36)}-${keySeed}`
}

export function emptySpec(name = ''): SpecDraft {
  return { key: newSpecKey(), name, images: [], price: '', tierPrices: {}, retailPrice: '', stock: '' }
}

export function emptyDraft(category: string): ProductDraft {
  return { category, description: '', specs: [], shippingTemplateId: '', agreed: false }
}

export function draftFromProduct(product: Product): ProductDraft {
  return {
    category: product.category,
    description: product.description,
    shippingTemplateId: product.shippingTemplateId,
    agreed: true,
    specs: product.specs.map((spec) => ({
      key: newSpecKey(),
      id: spec.id,
      stockBefore: spec.stock,
      name: spec.name,
      images: spec.images.map((fileID) => ({ fileID, url: product.imageUrls[fileID] ?? '' })),
      price: fenToYuanText(spec.price),
      tierPrices: Object.fromEntries(Object.entries(spec.tierPrices).map(([tierId, fen]) => [tierId, fenToYuanText(fen)])),
      retailPrice: moneyText(spec.retailPrice),
      stock: String(spec.stock),
    })),
  }
}

/** R15: the shop item's title and text become the description; its specs keep names, prices and stock. */
export function draftFromShopItem(item: ShopItem, category: string, shippingTemplateId: string): ProductDraft {
  const description = [item.title, item.description].filter((part) => part.trim() !== '').join('\n')
  return {
    category,
    description,
    shippingTemplateId,
    shopItemId: item._id,
    agreed: false,
    specs: item.specs.map((spec) => ({
      ...emptySpec(spec.name),
      price: fenToYuanText(spec.price),
      retailPrice: moneyText(spec.retailPrice),
      stock: String(spec.stock),
    })),
  }
}

// ---------------------------------------------------------------- storage

export function draftKey(supplierId: string, productId: string | undefined): string {
  return `wegong.draft.product.${supplierId}.${productId ?? 'new'}`
}

function isDraft(value: unknown): value is ProductDraft {
  if (!value || typeof value !== 'object') return false
  const draft = value as Partial<ProductDraft>
  return typeof draft.description === 'string' && Array.isArray(draft.specs) && typeof draft.category === 'string'
}

export function loadDraft(key: string): ProductDraft | null {
  try {
    const saved: unknown = Taro.getStorageSync(key)
    // Keys are made afresh so restored specs never collide with new ones.
    if (isDraft(saved)) return { ...saved, specs: saved.specs.map((spec) => ({ ...emptySpec(), ...spec, key: newSpecKey() })) }
  } catch {
    // No storage: start from scratch.
  }
  return null
}

export function saveDraft(key: string, draft: ProductDraft): void {
  try {
    Taro.setStorageSync(key, draft)
  } catch {
    // Drafts are a convenience; the form works without them.
  }
}

export function clearDraft(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    // Nothing to clean up.
  }
}

/** Whether a draft holds anything worth restoring. */
export function hasContent(draft: ProductDraft): boolean {
  return draft.description.trim() !== '' || draft.specs.length > 0
}

/** A draft kept from last time that the form resumed: of a new product, or of changes to one. */
export type Restored = 'create' | 'edit' | null

/**
 * Where the form starts (SPEC §6: forms keep drafts). Editing resumes unsaved changes, else shows the
 * product; importing resumes the draft of the same shop item, else starts from the item (R15); a new
 * product resumes the last unpublished draft (in the category just chosen), else starts empty with
 * the first shipping template.
 */
export function startingDraft(
  key: string,
  from: { product: Product | null; shopItem: ShopItem | null; templates: ReadonlyArray<{ _id: string }>; category: string },
): { draft: ProductDraft; restored: Restored } {
  const { product, shopItem, templates, category } = from
  const saved = loadDraft(key)
  const defaultTemplate = templates[0]?._id ?? ''
  if (product) return saved && hasContent(saved) ? { draft: saved, restored: 'edit' } : { draft: draftFromProduct(product), restored: null }
  if (shopItem) {
    if (saved && saved.shopItemId === shopItem._id) return { draft: saved, restored: 'create' }
    return { draft: draftFromShopItem(shopItem, category || shopItem.category, defaultTemplate), restored: null }
  }
  if (saved && hasContent(saved)) return { draft: { ...saved, category: category || saved.category }, restored: 'create' }
  return { draft: { ...emptyDraft(category), shippingTemplateId: defaultTemplate }, restored: null }
}

// ---------------------------------------------------------------- checking

export function pathKey(path: ReadonlyArray<string | number>): string {
  // All problems with one image show under the spec's images.
  if (path[0] === 'specs' && path[2] === 'images') return path.slice(0, 3).join('.')
  return path.join('.')
}

export function errorsFrom(issues: readonly Issue[]): FieldErrors {
  return messagesByField(issues, pathKey)
}

function numberOrNaN(text: string): number {
  const trimmed = text.trim()
  return trimmed === '' || !/^\d+$/.test(trimmed) ? Number.NaN : Number(trimmed)
}

export type CheckResult =
  | { ok: true; kind: 'create'; input: z.infer<typeof CreateProductInput> }
  | { ok: true; kind: 'update'; input: z.infer<typeof UpdateProductInput> }
  | { ok: false; errors: FieldErrors }

/**
 * The draft as the domain's input, checked with the SAME schema the server uses; the text the user
 * typed is judged first (「12.345」 is a format error, not a missing price).
 */
export function checkDraft(draft: ProductDraft, tiers: readonly Tier[], productId: string | undefined): CheckResult {
  const local: FieldErrors = {}
  const specs = draft.specs.map((spec, i) => {
    const price = typedFen(spec.price)
    if (price === null) local[`specs.${i}.price`] = MONEY_FORMAT_ERROR
    const retailPrice = typedFen(spec.retailPrice)
    if (retailPrice === null) local[`specs.${i}.retailPrice`] = MONEY_FORMAT_ERROR
    // Empty = the base price (R11); a deleted tier's leftover price is dropped.
    const typed: Record<string, number> = {}
    for (const [tierId, text] of Object.entries(spec.tierPrices)) {
      const fen = typedFen(text)
      if (fen !== undefined) typed[tierId] = fen ?? Number.NaN
    }
    const tierPrices = currentTierPrices(typed, tiers)
    for (const [tierId, fen] of Object.entries(tierPrices)) {
      if (Number.isNaN(fen)) local[`specs.${i}.tierPrices.${tierId}`] = MONEY_FORMAT_ERROR
    }
    if (spec.stock.trim() === '') local[`specs.${i}.stock`] = '请填写库存'
    else if (!/^\d+$/.test(spec.stock.trim())) local[`specs.${i}.stock`] = '库存必须是整数'
    return {
      ...(spec.id ? { id: spec.id } : {}),
      name: spec.name,
      images: spec.images.map((image) => image.fileID),
      price: price ?? Number.NaN,
      tierPrices,
      ...(retailPrice !== undefined ? { retailPrice: retailPrice ?? Number.NaN } : {}),
      stock: numberOrNaN(spec.stock),
      ...(spec.id && spec.stockBefore !== undefined ? { stockBefore: spec.stockBefore } : {}),
    }
  })
  const fields = { category: draft.category, description: draft.description, specs, shippingTemplateId: draft.shippingTemplateId }
  const finish = <T>(parsed: z.SafeParseReturnType<unknown, T>, ok: (data: T) => CheckResult): CheckResult => {
    const errors = { ...(parsed.success ? {} : errorsFrom(issuesOf(parsed.error))), ...local }
    if (!draft.category) errors.category = '请选择类目'
    if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors }
    return ok(parsed.data)
  }
  if (productId) return finish(UpdateProductInput.safeParse({ ...fields, id: productId }), (input) => ({ ok: true, kind: 'update', input }))
  const create = CreateProductInput.safeParse({ ...fields, ...(draft.shopItemId ? { shopItemId: draft.shopItemId } : {}) })
  return finish(create, (input) => ({ ok: true, kind: 'create', input }))
}

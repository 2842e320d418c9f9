import { z } from './zod'
import { IdempotencyKeySchema } from './idempotency'
import { codePointLength, hasVisibleText } from './text'
import { MY_TEXT_MAX, SELECTION_MAX } from './my-words'
import { FoldHitSchema, SellerCardSchema, ShareTokenSchema } from './share'

/**
 * The contract of the agent's own words (`feed.myText` / `feed.setMyText`) and of forwarding many
 * (`feed.forwardMany`, `feed.shareSelection`, `feed.selectionView`).
 */

const ItemFields = { productId: z.string().min(1).optional(), postId: z.string().min(1).optional() }
const oneItem = (v: { productId?: string; postId?: string }) => (v.productId === undefined) !== (v.postId === undefined)
const ONE_ITEM = '请指定一个商品或一条动态'

export const MyTextInput = z.object(ItemFields).strict().refine(oneItem, ONE_ITEM)

const MyTextValue = z
  .string()
  .refine(hasVisibleText, '请填写文案，或恢复供应商的文案')
  .refine((text) => codePointLength(text) <= MY_TEXT_MAX, `文案最多 ${MY_TEXT_MAX} 个字`)

/**
 * `text`: the agent's words, kept as typed; `null` resets to the supplier's text (removes them).
 * `choice` answers 「供应商更新了文案」: keep mine, use the new, or mine with the new appended —
 * the server merges with the supplier's current text. Exactly one of the two.
 */
export const SetMyTextInput = z
  .object({
    ...ItemFields,
    text: MyTextValue.nullable().optional(),
    choice: z.enum(['keep', 'theirs', 'merge']).optional(),
  })
  .strict()
  .refine(oneItem, ONE_ITEM)
  .refine((v) => (v.text === undefined) !== (v.choice === undefined), '请填写文案或选择如何处理供应商的新文案')

/** What the agent's editor shows: its words (or none), the supplier's, and the gentle check. */
export const MyTextSchema = z.object({
  /** The agent's own words; null when it forwards the supplier's. */
  own: z.string().nullable(),
  /** The supplier's current text (the description, or the post's text). */
  supplierText: z.string(),
  /** 「供应商更新了文案」: the supplier changed its text after the agent's words were written. */
  supplierUpdated: z.boolean(),
  /** What 一键转发, the poster and the customer view use now. */
  text: z.string(),
  /** Words that make Moments fold a post, where they appear in `text`. */
  foldWords: z.array(FoldHitSchema),
  /** `text` is what the agent forwarded last: forwarding it again in a row reads as repeated. */
  repeated: z.boolean(),
})
export type MyText = z.infer<typeof MyTextSchema>

export const SelectionIdsSchema = z.array(z.string().min(1)).min(1, '请选择商品').max(SELECTION_MAX, `一次最多选 ${SELECTION_MAX} 件商品`)

export const ForwardManyInput = z
  .object({
    productIds: SelectionIdsSchema,
    /** One per press, kept across its retries: a retry is not counted again. */
    idempotencyKey: IdempotencyKeySchema.optional(),
  })
  .strict()

/** 多选转发: one Moments post — the first picture of each product in grid order, one combined text. */
export const ForwardManySchema = z.object({
  /** The selection's share, for the poster's code. */
  token: z.string(),
  path: z.string(),
  text: z.string(),
  /** One picture per product still forwardable, in the order picked. */
  images: z.array(z.string()),
  /** The products in the post, in order; picked ones gone off sale or not the agent's are left out. */
  productIds: z.array(z.string()),
  foldWords: z.array(FoldHitSchema),
  repeated: z.boolean(),
})
export type ForwardMany = z.infer<typeof ForwardManySchema>

export const ShareSelectionInput = ForwardManyInput

/** A customer's view of one product of a selection: never the supplier, a purchase price or stock. */
export const SelectionItemSchema = z.object({
  text: z.string(),
  images: z.array(z.string()),
  price: z.object({ min: z.number().int(), max: z.number().int() }).nullable(),
})

/** The customer view of a selection; `available: false` (链接已失效) once every product has gone. */
export const SelectionViewSchema = z.object({
  available: z.boolean(),
  title: z.string(),
  items: z.array(SelectionItemSchema),
  seller: SellerCardSchema,
})
export type SelectionView = z.infer<typeof SelectionViewSchema>

export const SelectionViewInput = z.object({ token: ShareTokenSchema, idempotencyKey: IdempotencyKeySchema.optional() }).strict()

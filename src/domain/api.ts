import { z } from './zod'
import { PageInput, pageSchema } from './pagination'
import {
  RegisterSupplierInput,
  SupplierReviewSchema,
  SupplierSchema,
  SupplierStatsSchema,
  TierSchema,
  VerifySupplierInput,
} from './supplier'
import { UpdateProfileInput, UserSchema } from './user'
import { OwnSupplierSchema, UpdateSupplierProfileInput } from './supplier-profile'
import { ImportReportSchema, ShopItemSchema } from './catalog'
import { UploadedFileId, UploadPathInput } from './files'
import { AgentProductSchema } from './feed'
import { FeedSearchInput, OwnSearchInput, PostSearchInput } from './search'
import {
  AgentOpenidsSchema,
  AgentSchema,
  BindResultSchema,
  HomeCodeSchema,
  MySupplierSchema,
  RemarkSchema,
  SaveTiersInput,
  SaveTiersResultSchema,
  SceneSchema,
  SupplierCardSchema,
} from './network'
import { CreateProductInput, ProductIdsSchema, ProductSchema, ProductStatus, ProductSummarySchema, UpdateProductInput } from './product'
import { ShippingInputSchema, ShippingSchema } from './shipping'
import {
  AddressEntrySchema,
  CarrierSchema,
  ConsigneeSchema,
  DaySchema,
  OrderCountsSchema,
  MyOrderCountsSchema,
  OrderLinesSchema,
  OrderSchema,
  OrderSearchSchema,
  OrderStatus,
  PaymentSchema,
  QuoteSchema,
  SalesDaySchema,
  TrackingNoSchema,
} from './order'
import { IdempotencyKeySchema } from './idempotency'
import {
  AftersaleCountsSchema,
  AftersaleSchema,
  AftersaleSummarySchema,
  AgreeAftersaleInput,
  ApplyAftersaleInput,
  DecideAftersaleInput,
  EscalateAftersaleInput,
  ListEscalatedInput,
  ListMineCasesInput,
  ListSoldCasesInput,
  RefundOrderInput,
  RefundViewSchema,
  RefuseAftersaleInput,
  ReturnShipInput,
} from './aftersale-schemas'
import { TIME_MAX_MS } from './time'
import { AgentPostSchema, CreatePostInput, PostIdsSchema, PostSchema } from './post'
import { checkMarkupValue, MarkupInputFields } from './markup'
import {
  ForwardSchema,
  MarkupSettingsSchema,
  MyShareSchema,
  ShareInput,
  ShareInsightInput,
  ShareInsightSchema,
  ShareItemInput,
  ShareResultSchema,
  ShareTokenSchema,
  ShareViewSchema,
} from './share'
import {
  ForwardManyInput,
  ForwardManySchema,
  MyTextInput,
  MyTextSchema,
  SelectionViewInput,
  SelectionViewSchema,
  SetMyTextInput,
  ShareSelectionInput,
} from './my-words-schemas'
import {
  AddStorefrontProductsInput,
  RemoveStorefrontProductsInput,
  ReorderStorefrontInput,
  SaveStorefrontInput,
  ShareStorefrontInput,
  ShareStorefrontSchema,
  StorefrontSchema,
  StorefrontViewInput,
  StorefrontViewSchema,
} from './storefront-schemas'

/**
 * The cloud API (SPEC §4): for each function and action, the input it takes and the data it answers.
 * The functions validate events with `input` and strip answers with `output` (so nothing unlisted leaks);
 * the app takes only the types (src/api/cloud.ts). This file is the single source of truth.
 */
const Empty = z.object({}).strict()
const ById = z.object({ id: z.string().min(1) }).strict()
const ByIds = z.object({ ids: ProductIdsSchema }).strict()
const Count = (key: string) => z.object({ [key]: z.number().int() })
const Since = z.object({ since: z.number().int().min(0).max(TIME_MAX_MS) }).strict()

export const api = {
  user: {
    login: {
      input: Empty,
      output: z.object({
        user: UserSchema,
        supplier: SupplierSchema.nullable(),
        isOperator: z.boolean(),
        /** The first-release upload folder, whose files stay the caller's; new uploads take names from `uploadPath`. */
        uploadDir: z.string(),
      }),
    },
    updateProfile: { input: UpdateProfileInput, output: UserSchema },
    /** Where the caller's next upload goes: a name only the server gives, bound to the caller (R9, R16). */
    uploadPath: { input: UploadPathInput, output: z.object({ cloudPath: z.string() }) },
  },
  supplier: {
    register: { input: RegisterSupplierInput, output: SupplierSchema },
    /** The owner edits its supplier's name, contact and main category (the whole profile, as registered) and its return address (R19). */
    updateProfile: { input: UpdateSupplierProfileInput, output: OwnSupplierSchema },
    me: { input: Empty, output: z.object({ supplier: OwnSupplierSchema.nullable(), stats: SupplierStatsSchema.nullable() }) },
    verify: { input: VerifySupplierInput, output: SupplierSchema },
    /** Operators only: suppliers newest first; `pending` = still missing a threshold of R2. */
    listForReview: {
      input: PageInput.extend({ filter: z.enum(['pending', 'eligible', 'all']).default('pending') }).strict(),
      output: pageSchema(SupplierReviewSchema),
    },
    /** The supplier's home code (微供主页码, R12): scene + a temporary URL of the code image. */
    homeCode: { input: Empty, output: HomeCodeSchema },
  },
  product: {
    create: { input: CreateProductInput, output: ProductSchema },
    update: { input: UpdateProductInput, output: ProductSchema },
    get: { input: ById, output: ProductSchema },
    listMine: { input: PageInput.extend({ status: ProductStatus }).strict(), output: pageSchema(ProductSummarySchema) },
    /** 商品管理's search: words and filters over one of the supplier's lists (docs/decisions/search.md). */
    search: { input: OwnSearchInput, output: pageSchema(ProductSummarySchema) },
    delist: { input: ByIds, output: Count('updated') },
    relist: { input: ByIds, output: Count('updated') },
    remove: { input: ByIds, output: Count('removed') },
    /** The product's own mini-program code (商品码). */
    code: { input: ById, output: HomeCodeSchema },
  },
  catalog: {
    /** `fileID`: the CSV or JSON file the supplier uploaded (picked from a chat in weapp). */
    importFile: { input: z.object({ fileID: UploadedFileId, fileName: z.string().max(200) }).strict(), output: ImportReportSchema },
    listShop: { input: PageInput.extend({ q: z.string().trim().max(50).optional() }).strict(), output: pageSchema(ShopItemSchema) },
    getShop: { input: ById, output: ShopItemSchema },
  },
  shipping: {
    list: { input: Empty, output: z.object({ items: z.array(ShippingSchema) }) },
    /** One of the supplier's own templates (the edit form loads only the one it edits). */
    get: { input: ById, output: ShippingSchema },
    save: { input: ShippingInputSchema, output: ShippingSchema },
    remove: { input: ById, output: Count('removed') },
  },
  network: {
    /** What the bind page shows before the agent confirms (R12). */
    preview: { input: z.object({ scene: SceneSchema }).strict(), output: SupplierCardSchema },
    bind: { input: z.object({ scene: SceneSchema }).strict(), output: BindResultSchema },
    mySuppliers: { input: Empty, output: z.object({ items: z.array(MySupplierSchema) }) },
    listAgents: { input: PageInput.extend({ q: z.string().trim().max(20).optional() }).strict(), output: pageSchema(AgentSchema) },
    setRemark: { input: z.object({ agentOpenid: z.string().min(1), remark: RemarkSchema }).strict(), output: AgentSchema },
    setTier: { input: z.object({ agentOpenids: AgentOpenidsSchema, tierId: z.string().min(1) }).strict(), output: Count('updated') },
    unbind: { input: z.object({ agentOpenid: z.string().min(1) }).strict(), output: Count('removed') },
    tiers: { input: Empty, output: z.array(TierSchema.extend({ agentCount: z.number().int() })) },
    saveTiers: { input: SaveTiersInput, output: SaveTiersResultSchema },
    /** A new home-code scene; the old one stops binding (R12). */
    rotateCode: { input: Empty, output: HomeCodeSchema },
    /** The agent's markup (加价, R16) for a bound supplier, or one of its products with `productId`. */
    setMarkup: {
      input: MarkupInputFields.extend({ supplierId: z.string().min(1), productId: z.string().min(1).optional() })
        .strict()
        .superRefine(checkMarkupValue),
      output: MarkupSettingsSchema,
    },
    markup: {
      input: z.object({ supplierId: z.string().min(1), productId: z.string().min(1).optional() }).strict(),
      output: MarkupSettingsSchema,
    },
    /** Drops a product's own markup, so the supplier default applies again. */
    removeMarkup: {
      input: z.object({ supplierId: z.string().min(1), productId: z.string().min(1) }).strict(),
      output: MarkupSettingsSchema,
    },
    /** Supplier insight (R16): 本周转发, and per product and per agent the last 7 / 30 days. */
    shareStats: { input: ShareInsightInput, output: ShareInsightSchema },
  },
  feed: {
    products: { input: PageInput.extend({ supplierId: z.string().min(1).optional() }).strict(), output: pageSchema(AgentProductSchema) },
    product: { input: ById, output: AgentProductSchema },
    /** Words and filters over the agent's feed; a page may hold fewer than `limit` items with a next cursor (docs/decisions/search.md). */
    search: { input: FeedSearchInput, output: pageSchema(AgentProductSchema) },
    /** Words and 新上架 over the agent's posts, answered as `posts` answers them (docs/decisions/search.md). */
    searchPosts: { input: PostSearchInput, output: pageSchema(AgentPostSchema) },
    /** How many products were published after `since` by the agent's suppliers (「N 件新品」). */
    newCount: { input: Since, output: Count('count') },
    /** Posts (微供动态, R14) of every bound supplier or of one, newest first. */
    posts: { input: PageInput.extend({ supplierId: z.string().min(1).optional() }).strict(), output: pageSchema(AgentPostSchema) },
    /** 「N 条新动态」 since `since`. */
    newPostCount: { input: Since, output: Count('count') },
    /** A share card's opaque token for a product or a post (R16). */
    share: { input: ShareInput, output: ShareResultSchema },
    /** 一键转发: the text, price line and pictures to save, counted once per press. */
    forward: { input: ShareItemInput, output: ForwardSchema },
    /** The poster's mini-program code, opening the customer view (scene = token). */
    shareCode: { input: z.object({ token: ShareTokenSchema }).strict(), output: HomeCodeSchema },
    /** The customer view; no identity needed. */
    shareView: {
      /** `idempotencyKey`: one per opening of the view, kept across its retries, so a retry is not counted as another open. */
      input: z.object({ token: ShareTokenSchema, idempotencyKey: IdempotencyKeySchema.optional() }).strict(),
      output: ShareViewSchema,
    },
    /** 我的转发, newest first, with each item's live state. */
    myShares: { input: PageInput.strict(), output: pageSchema(MyShareSchema).extend({ offSale: z.number().int() }) },
    /** The agent's own words for a product or post, the supplier's, and the gentle check (fold words, repeats). */
    myText: { input: MyTextInput, output: MyTextSchema },
    /** Keeps the agent's words (checked like any published text), resets them (`text: null`) or answers 供应商更新了文案. */
    setMyText: { input: SetMyTextInput, output: MyTextSchema },
    /** 多选转发: up to 9 products as one Moments post, counted once per press and product. */
    forwardMany: { input: ForwardManyInput, output: ForwardManySchema },
    /** The selection's share card: one token per agent and selection. */
    shareSelection: { input: ShareSelectionInput, output: ShareResultSchema },
    /** The customer view of a selection; no identity needed. */
    selectionView: { input: SelectionViewInput, output: SelectionViewSchema },
  },
  /** 我的小店: the agent's one storefront of chosen products, and the customer's view of it. */
  storefront: {
    /** The caller's storefront (an empty one until it adds products), with its insight. */
    mine: { input: Empty, output: StorefrontSchema },
    /** Name and cover, checked like any published text and picture. */
    save: { input: SaveStorefrontInput, output: StorefrontSchema },
    /** Products of the agent's feed, new ones first; at most 100 a storefront. */
    addProducts: { input: AddStorefrontProductsInput, output: StorefrontSchema },
    removeProducts: { input: RemoveStorefrontProductsInput, output: StorefrontSchema },
    /** The whole current list in its new order. */
    reorder: { input: ReorderStorefrontInput, output: StorefrontSchema },
    /** The storefront's one token (made on first share), its path and, with `code`, its mini-program code. */
    share: { input: ShareStorefrontInput, output: ShareStorefrontSchema },
    /** The customer view; no identity needed. Each opening counts one open (with `item`, one product open). */
    view: { input: StorefrontViewInput, output: StorefrontViewSchema },
  },
  post: {
    create: { input: CreatePostInput, output: PostSchema },
    listMine: { input: PageInput.strict(), output: pageSchema(PostSchema) },
    remove: { input: z.object({ ids: PostIdsSchema }).strict(), output: Count('removed') },
  },
  /** Orders (R17): agents buy from one supplier at their tier's price; suppliers ship. */
  order: {
    /** The server's price of a cart before ordering: goods at the agent's tier, shipping by template and province. */
    quote: { input: z.object({ items: OrderLinesSchema, province: z.string().trim().max(20).optional() }).strict(), output: QuoteSchema },
    create: {
      input: z.object({ idempotencyKey: IdempotencyKeySchema, items: OrderLinesSchema, consignee: ConsigneeSchema }).strict(),
      output: OrderSchema,
    },
    /** What wx.requestPayment takes; the order becomes paid only through the payment callback. */
    pay: { input: ById, output: z.object({ payment: PaymentSchema, orderNo: z.string(), total: z.number().int() }) },
    get: { input: ById, output: OrderSchema },
    listMine: { input: PageInput.extend({ status: OrderStatus.optional() }).strict(), output: pageSchema(OrderSchema) },
    countsMine: { input: Empty, output: MyOrderCountsSchema },
    listSold: {
      input: PageInput.extend({ status: OrderStatus.optional(), q: OrderSearchSchema.optional() }).strict(),
      output: pageSchema(OrderSchema),
    },
    countsSold: { input: Empty, output: OrderCountsSchema },
    ship: {
      input: z.object({ id: z.string().min(1), carrier: CarrierSchema, trackingNo: TrackingNoSchema }).strict(),
      output: OrderSchema,
    },
    cancel: { input: ById, output: OrderSchema },
    confirm: { input: ById, output: OrderSchema },
    /**
     * 无法发货，退款 (R19): the supplier cancels a paid order with a full refund (goods and shipping);
     * stock returns. Asked again for the same order, it asks WeChat Pay again for the same refund.
     */
    refund: { input: RefundOrderInput, output: z.object({ order: OrderSchema, refund: RefundViewSchema }) },
    /** 导出订单: a CSV file (UTF-8 with BOM) of the supplier's orders placed on these Shanghai days. */
    export: {
      input: z.object({ fromDay: DaySchema, toDay: DaySchema, status: OrderStatus.optional() }).strict(),
      output: z.object({ fileID: z.string(), url: z.string(), fileName: z.string(), count: z.number().int() }),
    },
    /** The agent's recent consignees (address book), most recently used first. */
    addresses: { input: Empty, output: z.object({ items: z.array(AddressEntrySchema) }) },
    removeAddress: { input: ById, output: Count('removed') },
    /** Subscribe-message template ids the app asks the user to accept (agent: at paying; supplier: opening 订单管理). */
    templates: { input: Empty, output: z.object({ agent: z.array(z.string()), supplier: z.array(z.string()) }) },
    /** 经营数据: the supplier's last 30 Shanghai days, oldest first, days without activity as zeros. */
    stats: { input: Empty, output: z.object({ days: z.array(SalesDaySchema) }) },
  },
  /**
   * After-sales cases (售后, R19). The agent of the order applies, withdraws, ships a return and asks
   * the platform; its supplier agrees, refuses and confirms receipt; operators decide escalated cases.
   * Anyone else gets NOT_FOUND, whatever exists. Every move answers the case as the caller sees it.
   */
  aftersale: {
    apply: { input: ApplyAftersaleInput, output: AftersaleSchema },
    /** The agent or supplier of the case, or an operator once it was escalated. */
    get: { input: ById, output: AftersaleSchema },
    listMine: { input: ListMineCasesInput, output: pageSchema(AftersaleSummarySchema) },
    listSold: { input: ListSoldCasesInput, output: pageSchema(AftersaleSummarySchema) },
    counts: { input: Empty, output: AftersaleCountsSchema },
    agree: { input: AgreeAftersaleInput, output: AftersaleSchema },
    refuse: { input: RefuseAftersaleInput, output: AftersaleSchema },
    returnShip: { input: ReturnShipInput, output: AftersaleSchema },
    confirmReceipt: { input: ById, output: AftersaleSchema },
    withdraw: { input: ById, output: AftersaleSchema },
    escalate: { input: EscalateAftersaleInput, output: AftersaleSchema },
    listEscalated: { input: ListEscalatedInput, output: pageSchema(AftersaleSummarySchema) },
    decide: { input: DecideAftersaleInput, output: AftersaleSchema },
  },
} as const

export type Api = typeof api
export type FunctionName = keyof Api
export type ActionName<F extends FunctionName> = keyof Api[F] & string
type Endpoint<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { input: z.ZodTypeAny; output: z.ZodTypeAny }
  ? Api[F][A]
  : never
/** What a caller sends: before parsing, so defaults are optional. */
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<Endpoint<F, A>['input']>
/** What the action's use case receives: the handler's parse of the input, defaults applied. */
export type ActionArgs<F extends FunctionName, A extends ActionName<F>> = z.infer<Endpoint<F, A>['input']>
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = z.infer<Endpoint<F, A>['output']>

import { csvHeader } from '@/domain/catalog'
import { openCategoryNames } from '@/domain/categories'
import { DEMO_ORDER_IDS } from '../../demo/orders'
import { DEMO_SHARE_TOKENS } from '../../demo/posts'
import { aftersalePages, operatorAftersalePages, supplierAftersalePages } from './pages-aftersale'
import { pickPages } from './pages-pick'
import type { PageCase } from './smoke'

/**
 * The page table of the mini-program smoke suite: every page of app.json (main package and
 * subpackages) at least once, opened by the persona it is for, with what it must show from the
 * demo data and where its main taps must lead. A page added to app.json without a row here fails
 * the suite; a new row needs no harness code.
 *
 * `shows` reads the demo through the API (tests/weapp/demo.ts), so ids and prices are never
 * hard-coded. `taps` are CSS selectors of the rendered page (Taro keeps the code's class names).
 */
export const pageTable: readonly PageCase[] = [
  // ── Main package: the agent's pages ──
  {
    route: 'pages/feed/index',
    persona: 'agent',
    shows: (d) => [d.supplier.name, d.agentProduct.text, d.agentProduct.price],
    taps: [
      { at: '.feed-card-supplier', goes: { api: 'navigateTo', route: 'pages/shop/index' } },
      { at: '.feed-search', goes: { api: 'navigateTo', route: 'pages/search/index' } },
      { at: '.feed-card', goes: { api: 'navigateTo', route: 'pages/product/index' } },
      // 下单 on a card: the product page with its order sheet open (R17).
      { at: '.card-order', goes: { api: 'navigateTo', route: 'pages/product/index' } },
      // 一键转发 on the newest card (R16): its text on the clipboard, every picture in the album.
      { at: '.card-forward', consents: true, saves: (d) => d.agentProduct.images, copies: (d) => d.agentProduct.text },
      { at: '.feed-pick', goes: { api: 'navigateTo', route: 'pages/pick/index' } },
    ],
  },
  {
    route: 'pages/mine/index',
    persona: 'agent',
    shows: (d) => [d.agent.nickname, '我的供应商', '成为供应商'],
    taps: [
      { at: '.mine-header', goes: { api: 'navigateTo', route: 'pages/profile/index' } },
      { at: '.entry-my-suppliers', goes: { api: 'navigateTo', route: 'pages/suppliers/index' } },
      { at: '.entry-register', goes: { api: 'navigateTo', route: 'supplier/register/index' } },
      { at: '.entry-my-shares', goes: { api: 'navigateTo', route: 'pages/shares/index' } },
      { at: '.entry-storefront', goes: { api: 'navigateTo', route: 'pages/storefront/index' } },
      { at: '.my-orders-head', goes: { api: 'navigateTo', route: 'pages/orders/index' } },
      { at: '.my-orders-cart', goes: { api: 'navigateTo', route: 'pages/cart/index' } },
      { at: '.my-orders-aftersale', goes: { api: 'navigateTo', route: 'pages/aftersale/index' } },
    ],
  },
  {
    route: 'pages/mine/index',
    persona: 'supplier',
    shows: (d) => ['微供管理', d.supplier.name],
    taps: [{ at: '.entry-supplier-home', goes: { api: 'navigateTo', route: 'supplier/home/index' } }],
  },
  {
    route: 'pages/mine/index',
    persona: 'operator',
    shows: () => ['平台审核'],
    taps: [{ at: '.entry-review', goes: { api: 'navigateTo', route: 'operator/review/index' } }],
  },
  {
    route: 'pages/profile/index',
    persona: 'agent',
    shows: (d) => [d.agent.nickname],
  },
  {
    route: 'pages/bind/index',
    persona: 'new',
    // What scanning the supplier's home code opens (R12): the code's scene as the page parameter.
    query: (d) => ({ scene: d.supplier.homeScene }),
    shows: (d) => [d.supplier.name, d.supplier.mainCategory],
    taps: [
      { at: '.bind-later', goes: { api: 'switchTab', route: 'pages/feed/index' } },
      { at: '.bind-confirm', goes: { api: 'redirectTo', route: 'pages/shop/index' } },
    ],
  },
  {
    route: 'pages/suppliers/index',
    persona: 'agent',
    shows: (d) => [d.supplier.name, d.agent.tierName],
    taps: [{ at: '.my-supplier', goes: { api: 'navigateTo', route: 'pages/shop/index' } }],
  },
  {
    route: 'pages/shop/index',
    persona: 'agent',
    query: (d) => ({ id: d.supplier.id }),
    shows: (d) => [d.supplier.name, d.agent.tierName, d.agentProduct.text],
    taps: [{ at: '.feed-card', goes: { api: 'navigateTo', route: 'pages/product/index' } }],
  },
  {
    route: 'pages/product/index',
    persona: 'agent',
    query: (d) => ({ id: d.agentProduct.id }),
    shows: (d) => [d.agentProduct.text, d.agentProduct.price, d.agentProduct.spec, d.supplier.name, '加入进货单', '立即下单'],
    taps: [
      { at: '.product-supplier', goes: { api: 'navigateTo', route: 'pages/shop/index' } },
      { at: '.product-forward', consents: true, saves: (d) => d.agentProduct.images, copies: (d) => d.agentProduct.text },
      // 加入进货单 (R17): the sheet with the specs and a quantity.
      { at: '.order-bar-add', shows: (d) => ['规格', '数量', d.agentProduct.spec] },
      { at: '.order-bar-cart', goes: { api: 'navigateTo', route: 'pages/cart/index' } },
    ],
    // R16: a card sent to a chat opens the customer view; a Moments card reopens this page with its token.
    share: { message: 'pages/share/index', timeline: 'pages/product/index' },
  },
  {
    route: 'pages/product/index',
    persona: 'agent',
    // Scanned from the product's mini-program code (R10): WeChat passes the code's scene.
    query: (d) => ({ scene: d.productCodeScene }),
    shows: (d) => [d.agentProduct.text, d.agentProduct.price],
  },
  {
    // The customer view of a shared card (R16): no login needed, nothing of the supplier.
    route: 'pages/share/index',
    persona: 'new',
    query: () => ({ token: DEMO_SHARE_TOKENS.dress }),
    shows: (d) => [d.agent.nickname, '联系卖家'],
  },
  {
    // Scanned from a poster's code: the token is the scene.
    route: 'pages/share/index',
    persona: 'new',
    query: () => ({ scene: DEMO_SHARE_TOKENS.storage }),
    shows: () => ['商品已下架'],
  },
  {
    route: 'pages/shares/index',
    persona: 'agent',
    // The demo's selection shared as one card is a row of its own (多选).
    shows: () => ['在售', '已下架', '件你转发过的商品已下架', '多选', '精选 3 件好物', '3 件商品'],
  },
  {
    // The agent's own words (我的文案): the supplier's text until the agent keeps its own.
    route: 'pages/words/index',
    persona: 'agent',
    query: (d) => ({ productId: d.agentProduct.id }),
    shows: () => ['供应商的文案（改了就是你自己的）', '保存我的文案'],
  },
  ...pickPages,
  {
    // 我的小店 of an agent who has not saved one: its default name, 添加商品 both ways, insight, 分享小店.
    route: 'pages/storefront/index',
    persona: 'agent',
    shows: (d) => [`${d.agent.nickname}的小店`, '小店还没有商品', '小店数据', '分享小店'],
    taps: [
      { at: '.store-add-pick', goes: { api: 'navigateTo', route: 'pages/pick/index' } },
      { at: '.store-add-search', goes: { api: 'navigateTo', route: 'pages/search/index' } },
    ],
  },
  {
    // The customer view of a storefront whose token is unknown: no login needed.
    route: 'pages/storefront/view/index',
    persona: 'new',
    query: () => ({ token: 'zzzzzzzzzzzzzzzz' }),
    shows: () => ['链接已失效'],
    allowedFailures: ['storefront.view:NOT_FOUND'],
  },
  {
    // 搜索 without words: the feed with the filters, as cards with 下单 and 一键转发.
    route: 'pages/search/index',
    persona: 'agent',
    // Then its 动态 tab without words: the demo suppliers' posts as the feed's post cards.
    shows: (d) => ['商品', '动态', '全部供应商', '价格从低到高', d.agentProduct.text],
    taps: [
      { at: '.card-order', goes: { api: 'navigateTo', route: 'pages/product/index' } },
      // 多选转发 on the results: the pick page on the same search.
      { at: '.search-pick', goes: { api: 'navigateTo', route: 'pages/pick/index' } },
      { at: '.search-tab-posts', shows: () => ['春装上新啦', '一键转发'] },
    ],
  },
  {
    route: 'pages/markup/index',
    persona: 'agent',
    query: (d) => ({ supplierId: d.supplier.id }),
    shows: () => ['该供应商所有商品的默认加价', '按比例加价', '固定加价', '按建议零售价'],
  },
  // Orders (R17): the demo agent's orders (demo/orders.ts); its 进货单 starts empty.
  {
    route: 'pages/cart/index',
    persona: 'agent',
    shows: () => ['进货单是空的', '去逛逛'],
    taps: [{ at: '.nut-button', text: '去逛逛', goes: { api: 'switchTab', route: 'pages/feed/index' } }],
  },
  {
    route: 'pages/checkout/index',
    persona: 'agent',
    query: (d) => ({ supplierId: d.supplier.id }),
    shows: () => ['进货单里没有这个供应商的商品'],
  },
  {
    route: 'pages/orders/index',
    persona: 'agent',
    shows: (d) => ['全部', '待付款', '待发货', '已发货', d.supplier.name, '碎花红 / M', '去支付'],
    taps: [
      { at: '.order-card', goes: { api: 'navigateTo', route: 'pages/orders/detail/index' } },
      { at: '.orders-aftersale', goes: { api: 'navigateTo', route: 'pages/aftersale/index' } },
    ],
  },
  {
    route: 'pages/orders/detail/index',
    persona: 'agent',
    query: () => ({ id: DEMO_ORDER_IDS.shipped }),
    shows: (d) => ['已发货', '中通快递', 'ZT7788990011', '王女士', d.supplier.name, '确认收货'],
  },
  {
    route: 'pages/orders/detail/index',
    persona: 'agent',
    query: () => ({ id: DEMO_ORDER_IDS.unpaid }),
    shows: () => ['待付款', '取消订单', '去支付'],
  },
  // ── Subpackage pages/aftersale/: 售后 (R19), with the order detail's way in ──
  ...aftersalePages,

  // ── Subpackage supplier/: 微供管理 ──
  {
    route: 'supplier/register/index',
    persona: 'new',
    shows: () => ['供应商名称', '联系电话', '主营类目', '提交注册'],
    // The category sheet (a NutUI Popup with its close icon) lists the open categories (R3).
    taps: [{ at: '.field-category', shows: () => openCategoryNames() }],
  },
  {
    route: 'supplier/register/index',
    persona: 'supplier',
    shows: (d) => ['你已经是供应商了', d.supplier.name],
    taps: [{ at: '.nut-button', text: '进入微供管理', goes: { api: 'redirectTo', route: 'supplier/home/index' } }],
  },
  {
    route: 'supplier/home/index',
    persona: 'supplier',
    shows: (d) => [d.supplier.name, d.supplier.contact, d.supplier.mainCategory, '经营概况', '经营数据 · 近 30 天', '销售额'],
    taps: [
      { at: '.entry-publish', goes: { api: 'navigateTo', route: 'supplier/publish/category/index' } },
      { at: '.entry-products', goes: { api: 'navigateTo', route: 'supplier/products/index' } },
      { at: '.entry-agents', goes: { api: 'navigateTo', route: 'supplier/agents/index' } },
      { at: '.entry-tiers', goes: { api: 'navigateTo', route: 'supplier/tiers/index' } },
      { at: '.entry-shipping', goes: { api: 'navigateTo', route: 'supplier/shipping/index' } },
      { at: '.entry-import', goes: { api: 'navigateTo', route: 'supplier/import/index' } },
      { at: '.entry-post-publish', goes: { api: 'navigateTo', route: 'supplier/posts/publish/index' } },
      { at: '.entry-posts', goes: { api: 'navigateTo', route: 'supplier/posts/index' } },
      { at: '.entry-orders', goes: { api: 'navigateTo', route: 'supplier/orders/index' } },
      { at: '.entry-aftersale', goes: { api: 'navigateTo', route: 'supplier/aftersale/index' } },
      { at: '.stat-to-ship', goes: { api: 'navigateTo', route: 'supplier/orders/index' } },
      { at: '.header-profile', goes: { api: 'navigateTo', route: 'supplier/profile/index' } },
      // 保存到相册: the home code goes to the phone's album (R12).
      { at: '.mini-code-save', consents: true, saves: () => 1 },
    ],
  },
  {
    route: 'supplier/profile/index',
    persona: 'supplier',
    // 店铺资料: the form holds the stored profile (supplier.me), and the return address's lines (R19).
    shows: (d) => [d.supplier.name, d.supplier.contact, d.supplier.mainCategory, '退货地址', '所在地区', '保存'],
    // The category sheet offers the open categories (R3), as on registration.
    taps: [{ at: '.field-category', shows: () => openCategoryNames() }],
  },
  {
    route: 'supplier/agents/index',
    persona: 'supplier',
    shows: (d) => d.agents.flatMap((agent) => [agent.nickname, ...(agent.remark ? [agent.remark] : [])]),
    // The tier sheet offers every tier of the supplier (R11).
    taps: [{ at: '.agent-set-one-tier', shows: (d) => d.supplier.tiers }],
  },
  {
    route: 'supplier/tiers/index',
    persona: 'supplier',
    shows: (d) => d.supplier.tiers,
  },
  {
    route: 'supplier/publish/category/index',
    persona: 'supplier',
    shows: () => openCategoryNames(),
    taps: [
      { at: '.category-chip', text: (d) => d.supplier.mainCategory },
      { at: '.publish-new', goes: { api: 'navigateTo', route: 'supplier/publish/form/index' } },
      // 导入已发布商品 (R15): the sheet with its search bar lists the imported shop catalogue.
      { at: '.publish-import', shows: (d) => [d.shopItem.title] },
      { at: '.shop-item', goes: { api: 'navigateTo', route: 'supplier/publish/form/index' } },
    ],
  },
  {
    route: 'supplier/publish/form/index',
    persona: 'supplier',
    query: (d) => ({ category: d.supplier.mainCategory }),
    shows: (d) => [d.supplier.mainCategory, d.shipping.name],
    // The template sheet (a NutUI Popup with its close icon) lists the supplier's templates (R7).
    taps: [{ at: '.field-shipping', shows: (d) => ['选择运费模板', d.shipping.name] }],
  },
  {
    route: 'supplier/publish/form/index',
    persona: 'supplier',
    // Editing a published product: the form holds its text and specs.
    query: (d) => ({ id: d.supplierProduct.id }),
    shows: (d) => [d.supplierProduct.text, d.shipping.name, '保存修改'],
  },
  {
    route: 'supplier/publish/success/index',
    persona: 'supplier',
    query: (d) => ({ id: d.supplierProduct.id }),
    shows: () => ['发布成功', '商品码'],
    taps: [
      { at: '.success-view', goes: { api: 'navigateTo', route: 'pages/product/index' } },
      { at: '.success-manage', goes: { api: 'redirectTo', route: 'supplier/products/index' } },
      { at: '.success-continue', goes: { api: 'redirectTo', route: 'supplier/publish/category/index' } },
    ],
  },
  {
    route: 'supplier/products/index',
    persona: 'supplier',
    shows: (d) => [d.supplierProduct.text],
    taps: [
      { at: '.product-edit', goes: { api: 'navigateTo', route: 'supplier/publish/form/index' } },
      // Batch selection, then the confirmation dialog (R10: destructive actions are confirmed).
      { at: '.product-check' },
      { at: '.batch-delist', shows: () => ['下架商品', '下架后微商将看不到这 1 件商品'] },
    ],
  },
  {
    route: 'supplier/shipping/index',
    persona: 'supplier',
    shows: (d) => [d.shipping.name],
    taps: [
      { at: '.shipping-edit', goes: { api: 'navigateTo', route: 'supplier/shipping/edit/index' } },
      { at: '.shipping-create', goes: { api: 'navigateTo', route: 'supplier/shipping/edit/index' } },
    ],
  },
  {
    route: 'supplier/shipping/edit/index',
    persona: 'supplier',
    query: (d) => ({ id: d.shipping.id }),
    shows: (d) => [d.shipping.name],
  },
  {
    route: 'supplier/import/index',
    persona: 'supplier',
    shows: () => ['从店铺导入商品', '商品编号', '选择文件并导入'],
    taps: [{ at: '.import-copy', consents: true, copies: () => csvHeader.join(',') }],
  },
  {
    route: 'supplier/posts/index',
    persona: 'supplier',
    shows: () => ['发布动态', '导购商品 2 件', '1 件已下架'],
    taps: [{ at: '.posts-new', goes: { api: 'navigateTo', route: 'supplier/posts/publish/index' } }],
  },
  {
    route: 'supplier/posts/publish/index',
    persona: 'supplier',
    shows: () => ['动态描述', '动态配图', '导购商品', '选择导购商品', '发布动态'],
  },
  {
    route: 'supplier/orders/index',
    persona: 'supplier',
    shows: () => ['待发货', '微供', '奶油白 / 均码', '110cm', '导出订单'],
    taps: [
      { at: '.order-ship', shows: () => ['快递公司', '顺丰速运', '确认发货'] },
      { at: '.order-card', goes: { api: 'navigateTo', route: 'supplier/orders/detail/index' } },
      { at: '.sold-aftersale', goes: { api: 'navigateTo', route: 'supplier/aftersale/index' } },
    ],
  },
  {
    route: 'supplier/orders/detail/index',
    persona: 'supplier',
    query: () => ({ id: DEMO_ORDER_IDS.paid }),
    shows: () => ['待发货', '小美', '复制收货信息', '杭州老客户', '发货', '无法发货，退款'],
    // 无法发货，退款 (R19): the reasons of the short list and the whole amount.
    taps: [{ at: '.order-cannot-ship', shows: () => ['无法发货的原因', '缺货', '商品已下架', '无法送达该地址'] }],
  },
  ...supplierAftersalePages,

  // ── Subpackage operator/: 平台审核 ──
  {
    route: 'operator/review/index',
    persona: 'operator',
    shows: (d) => [d.pending.name, d.pending.contact],
    taps: [{ at: '.nut-tabs-titles-item', text: '已通过', shows: (d) => [d.supplier.name] }],
  },
  ...operatorAftersalePages,
]

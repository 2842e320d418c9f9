import type { ProductRecord } from '../cloudfunctions/lib/store/products'
import type { ShopItemRecord } from '../cloudfunctions/lib/store/shop-catalog'
import { expiresAtFor } from '../src/domain/product'
import { productTokens } from '../src/domain/search-tokens'
import { DAY_MS } from '../src/domain/time'
import type { Colour, Shape } from './images'

/**
 * The demo supplier's catalogue: products across several categories with real PNG images, one
 * product leaving the shelf within two days (R8), one already delisted, and a few shop items for the
 * import dialog (R15). Records are typed with the functions' stored shapes, so they cannot drift.
 */
interface DemoSpec {
  name: string
  shape: Shape
  colour: Colour
  images: number
  price: number
  tierPrices?: Record<string, number>
  retailPrice?: number
  stock: number
}

interface DemoProduct {
  id: string
  category: string
  description: string
  publishedDaysAgo: number
  specs: DemoSpec[]
  /** Delisted by the timer this many days ago. */
  delistedDaysAgo?: number
}

const products: readonly DemoProduct[] = [
  {
    id: 'demo-p-dress',
    category: '女装',
    description:
      '🌸2026春季新款碎花连衣裙！\n法式收腰显瘦，垂感雪纺面料不起皱，通勤约会都能穿～\n现货秒发，一件代发 📦\n尺码 S-XL，偏小一码建议拍大一码哦',
    publishedDaysAgo: 1,
    specs: [
      {
        name: '碎花红 / M',
        shape: 'dress',
        colour: 'red',
        images: 3,
        price: 5980,
        tierPrices: { 'tier-gold': 5580, 'tier-diamond': 5280 },
        retailPrice: 12900,
        stock: 320,
      },
      {
        name: '雾霾蓝 / L',
        shape: 'dress',
        colour: 'blue',
        images: 2,
        price: 5980,
        tierPrices: { 'tier-gold': 5580, 'tier-diamond': 5280 },
        retailPrice: 12900,
        stock: 180,
      },
    ],
  },
  {
    id: 'demo-p-cardigan',
    category: '女装',
    description: '☁️软糯到心坎的针织开衫\n羊毛混纺不扎人，春秋百搭外套，奶油色温柔一整季 🤍\n均码宽松 80-130 斤都能穿',
    publishedDaysAgo: 4,
    specs: [
      {
        name: '奶油白 / 均码',
        shape: 'cardigan',
        colour: 'cream',
        images: 2,
        price: 4500,
        tierPrices: { 'tier-diamond': 3990 },
        retailPrice: 9900,
        stock: 260,
      },
    ],
  },
  {
    id: 'demo-p-hoodie',
    category: '童装',
    description: '👦👧儿童加绒卫衣，宝妈回购率超高！\nA类面料，无荧光剂，机洗不变形 ✅\n110-130 码，建议按身高选码',
    publishedDaysAgo: 9,
    specs: [
      {
        name: '110cm',
        shape: 'hoodie',
        colour: 'green',
        images: 2,
        price: 3200,
        tierPrices: { 'tier-gold': 2980 },
        retailPrice: 6900,
        stock: 150,
      },
      {
        name: '120cm',
        shape: 'hoodie',
        colour: 'orange',
        images: 1,
        price: 3400,
        tierPrices: { 'tier-gold': 3180 },
        retailPrice: 6900,
        stock: 140,
      },
      { name: '130cm', shape: 'hoodie', colour: 'blue', images: 1, price: 3600, retailPrice: 7900, stock: 90 },
    ],
  },
  {
    id: 'demo-p-cleanser',
    category: '美妆日化',
    description: '🧴氨基酸洗面奶 150ml\n温和清洁不紧绷，敏感肌也能用 💧\n工厂直供，正品保证，支持验货',
    publishedDaysAgo: 14,
    specs: [
      {
        name: '150ml',
        shape: 'bottle',
        colour: 'pink',
        images: 3,
        price: 1890,
        tierPrices: { 'tier-gold': 1690, 'tier-diamond': 1490 },
        retailPrice: 5900,
        stock: 1200,
      },
    ],
  },
  {
    id: 'demo-p-bedding',
    category: '家纺家饰',
    description: '🛏️新疆长绒棉四件套，限时特惠最后几天！\n60支贡缎，亲肤透气裸睡级手感 ✨\n1.5m / 1.8m 床都有，送礼自用都体面',
    // R8: 28 days ago, so it leaves the shelf in two days (即将下架).
    publishedDaysAgo: 28,
    specs: [
      {
        name: '1.5m 床 / 灰',
        shape: 'bedding',
        colour: 'grey',
        images: 2,
        price: 15900,
        tierPrices: { 'tier-gold': 14900 },
        retailPrice: 29900,
        stock: 60,
      },
      {
        name: '1.8m 床 / 紫',
        shape: 'bedding',
        colour: 'purple',
        images: 2,
        price: 17900,
        tierPrices: { 'tier-gold': 16900 },
        retailPrice: 32900,
        stock: 45,
      },
    ],
  },
  {
    id: 'demo-p-earrings',
    category: '配饰',
    description: '💎淡水珍珠耳环，S925 银针防过敏\n小众气质款，上脸超显白～\n精美礼盒包装 🎁',
    publishedDaysAgo: 0,
    specs: [{ name: '珍珠白', shape: 'earring', colour: 'purple', images: 2, price: 2600, retailPrice: 8800, stock: 500 }],
  },
  {
    id: 'demo-p-tote',
    category: '箱包',
    description: '👜大容量帆布托特包\n通勤上课妈咪包都合适，可装 14 寸电脑 💻\n加厚帆布耐磨，内置拉链袋',
    publishedDaysAgo: 11,
    specs: [
      { name: '米白', shape: 'bag', colour: 'cream', images: 1, price: 2200, retailPrice: 4900, stock: 300 },
      { name: '墨绿', shape: 'bag', colour: 'green', images: 1, price: 2200, retailPrice: 4900, stock: 220 },
    ],
  },
  {
    id: 'demo-p-storage',
    category: '日用百货',
    description: '📦可叠加收纳盒三件套，衣柜桌面都整齐啦\n加厚 PP 材质，带盖防尘',
    publishedDaysAgo: 40,
    delistedDaysAgo: 10,
    specs: [{ name: '三件套', shape: 'box', colour: 'orange', images: 1, price: 2990, retailPrice: 5990, stock: 80 }],
  },
]

/** What a shop item says; the seed adds who owns it and when it was imported. */
type DemoShopItem = Omit<ShopItemRecord, '_id' | 'supplierId' | 'importedAt' | 'createdAt'>

const shopItems: readonly DemoShopItem[] = [
  {
    externalId: '1688-620011',
    title: '法式方领泡泡袖连衣裙',
    description: '复古方领，泡泡袖修饰手臂线条',
    category: '女装',
    specs: [
      { name: '黑色 / S', price: 6800, retailPrice: 15900, stock: 120 },
      { name: '黑色 / M', price: 6800, retailPrice: 15900, stock: 160 },
    ],
  },
  {
    externalId: '1688-620012',
    title: '高腰阔腿牛仔裤',
    description: '垂感显腿长，四季可穿',
    category: '女装',
    specs: [{ name: '浅蓝 / 27', price: 5500, retailPrice: 12900, stock: 200 }],
  },
  {
    externalId: '1688-620013',
    title: '儿童防晒衣 UPF50+',
    description: '轻薄透气，可收纳',
    category: '童装',
    specs: [
      { name: '100cm', price: 2800, stock: 90 },
      { name: '110cm', price: 2900, stock: 90 },
    ],
  },
  {
    externalId: '1688-620014',
    title: '珊瑚绒毛毯',
    description: '',
    category: '家纺家饰',
    specs: [{ name: '150×200cm', price: 3900, retailPrice: 8900, stock: 70 }],
  },
]

/** A photo of the catalogue; `name` is unique within it and becomes the file name of the upload. */
export interface DemoPhoto {
  name: string
  shape: Shape
  colour: Colour
  index: number
}

const photoName = (productId: string, specIndex: number, index: number) => `${productId}-s${specIndex + 1}-${index + 1}.png`

export function demoPhotos(): DemoPhoto[] {
  return products.flatMap((product) =>
    product.specs.flatMap((spec, specIndex) =>
      Array.from({ length: spec.images }, (_, index) => ({
        name: photoName(product.id, specIndex, index),
        shape: spec.shape,
        colour: spec.colour,
        index,
      })),
    ),
  )
}

/** `fileIdOf` answers the cloud file ID of an uploaded photo by its name. */
export function productRecords(
  now: number,
  owner: { supplierId: string; shippingTemplateId: string },
  fileIdOf: (photoName: string) => string,
): ProductRecord[] {
  const ago = (days: number) => now - days * DAY_MS
  return products.map((product) => {
    const publishedAt = ago(product.publishedDaysAgo) - 3 * 60 * 60 * 1000
    const specs = product.specs.map((spec, specIndex) => ({
      id: `${product.id.replace('demo-p-', '')}-s${specIndex + 1}`,
      name: spec.name,
      images: Array.from({ length: spec.images }, (_, index) => fileIdOf(photoName(product.id, specIndex, index))),
      price: spec.price,
      tierPrices: spec.tierPrices ?? {},
      ...(spec.retailPrice !== undefined ? { retailPrice: spec.retailPrice } : {}),
      stock: spec.stock,
    }))
    const delisted =
      product.delistedDaysAgo === undefined ? {} : { delistedAt: ago(product.delistedDaysAgo), delistedReason: 'expired' as const }
    return {
      _id: product.id,
      supplierId: owner.supplierId,
      category: product.category,
      description: product.description,
      specs,
      // Stored as the product store writes them, so the demo's products are found by search at once.
      tokens: productTokens({ description: product.description, specs }),
      shippingTemplateId: owner.shippingTemplateId,
      status: product.delistedDaysAgo === undefined ? 'on_sale' : 'off_shelf',
      publishedAt,
      expiresAt: expiresAtFor(publishedAt),
      source: 'new',
      trade: { onlineOrdering: true, minOrderQty: 1 },
      ...delisted,
      createdAt: publishedAt,
      updatedAt: publishedAt,
    }
  })
}

export function shopItemRecords(now: number, supplierId: string): ShopItemRecord[] {
  const importedAt = now - 5 * DAY_MS
  return shopItems.map((item) => ({ _id: `demo-item-${item.externalId}`, supplierId, ...item, importedAt, createdAt: importedAt }))
}

import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { LOCAL_ENV_ID } from './cloud-env'
import type { LocalDatabase } from './db'
import { uploadAreaOf } from '../cloudfunctions/lib/uploads'
import { expiresAtFor } from '../src/domain/product'
import { DAY_MS } from '../src/domain/time'

/**
 * The demo supplier's catalogue: products across several categories with real PNG images in local
 * storage (under the supplier's own upload folder, as the app would have uploaded them), one
 * product leaving the shelf within three days, one already delisted, and a few shop items for the
 * import dialog (R15).
 */
type Rgb = [number, number, number]
type Shape = 'dress' | 'cardigan' | 'hoodie' | 'bottle' | 'bedding' | 'earring' | 'bag' | 'box'

const SIZE = 480

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** An 8-bit RGB PNG of `pixel(x, y)`. */
function png(pixel: (x: number, y: number) => Rgb): Buffer {
  const raw = Buffer.alloc(SIZE * (SIZE * 3 + 1))
  for (let y = 0; y < SIZE; y += 1) {
    const row = y * (SIZE * 3 + 1)
    raw[row] = 0 // filter: none
    for (let x = 0; x < SIZE; x += 1) {
      const [r, g, b] = pixel(x, y)
      raw[row + 1 + x * 3] = r
      raw[row + 2 + x * 3] = g
      raw[row + 3 + x * 3] = b
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.writeUInt8(8, 8) // bit depth
  header.writeUInt8(2, 9) // colour type: RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t)) as Rgb
const WHITE: Rgb = [255, 255, 255]

const inEllipse = (u: number, v: number, cx: number, cy: number, rx: number, ry: number) => ((u - cx) / rx) ** 2 + ((v - cy) / ry) ** 2 <= 1
const inRect = (u: number, v: number, x0: number, y0: number, x1: number, y1: number) => u >= x0 && u <= x1 && v >= y0 && v <= y1

/** A simple silhouette of the product: whether (u, v) in [-1, 1]² lies inside it. */
const silhouettes: Record<Shape, (u: number, v: number) => boolean> = {
  // bodice and a flared skirt
  dress: (u, v) => inRect(u, v, -0.22, -0.6, 0.22, -0.15) || (v >= -0.15 && v <= 0.65 && Math.abs(u) <= 0.22 + (v + 0.15) * 0.5),
  cardigan: (u, v) => inRect(u, v, -0.38, -0.5, 0.38, 0.6) || (v >= -0.5 && v <= 0.35 && Math.abs(u) >= 0.38 && Math.abs(u) <= 0.58 + (v + 0.5) * 0.08),
  hoodie: (u, v) => inEllipse(u, v, 0, -0.5, 0.22, 0.18) || inRect(u, v, -0.35, -0.4, 0.35, 0.55) || (v >= -0.4 && v <= 0.3 && Math.abs(u) <= 0.58),
  bottle: (u, v) => inRect(u, v, -0.1, -0.7, 0.1, -0.45) || inRect(u, v, -0.25, -0.45, 0.25, 0.65),
  bedding: (u, v) => inRect(u, v, -0.6, -0.15, 0.6, 0.5) || inEllipse(u, v, -0.3, -0.3, 0.22, 0.12) || inEllipse(u, v, 0.3, -0.3, 0.22, 0.12),
  earring: (u, v) =>
    inEllipse(u, v, -0.3, 0.15, 0.16, 0.16) || inEllipse(u, v, 0.3, 0.15, 0.16, 0.16) || inRect(u, v, -0.32, -0.45, -0.28, 0) || inRect(u, v, 0.28, -0.45, 0.32, 0),
  bag: (u, v) => inRect(u, v, -0.42, -0.2, 0.42, 0.6) || (v < -0.2 && inEllipse(u, v, 0, -0.2, 0.28, 0.38) && !inEllipse(u, v, 0, -0.2, 0.2, 0.3)),
  box: (u, v) => inRect(u, v, -0.5, -0.25, 0.5, 0.55) || inRect(u, v, -0.55, -0.35, 0.55, -0.2),
}

/** A product photo stand-in: a soft background, a light disc, the product's silhouette and a band at the foot. */
function productImage(shape: Shape, colour: Rgb): Buffer {
  const background = mix(colour, WHITE, 0.82)
  const disc = mix(colour, WHITE, 0.62)
  const band = mix(colour, WHITE, 0.3)
  const inside = silhouettes[shape]
  // The silhouette darkens slightly towards its foot; one shade per row.
  const shades = Array.from({ length: SIZE }, (_, y) => mix(colour, [0, 0, 0], Math.max(0, (y / SIZE) * 2 - 1) * 0.15))
  return png((x, y) => {
    const u = (x / SIZE) * 2 - 1
    const v = (y / SIZE) * 2 - 1
    if (v > 0.82) return band
    if (inside(u, v)) return shades[y]
    if (u * u + v * v <= 0.72) return disc
    return background
  })
}

const colours: Record<string, Rgb> = {
  red: [214, 69, 80],
  blue: [66, 120, 196],
  green: [76, 160, 120],
  cream: [214, 178, 120],
  pink: [230, 120, 160],
  grey: [120, 128, 140],
  purple: [140, 100, 190],
  orange: [236, 140, 60],
}

interface DemoSpec {
  name: string
  shape: Shape
  colour: keyof typeof colours
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

const products: DemoProduct[] = [
  {
    id: 'demo-p-dress',
    category: '女装',
    description: '🌸2026春季新款碎花连衣裙！\n法式收腰显瘦，垂感雪纺面料不起皱，通勤约会都能穿～\n现货秒发，一件代发 📦\n尺码 S-XL，偏小一码建议拍大一码哦',
    publishedDaysAgo: 1,
    specs: [
      { name: '碎花红 / M', shape: 'dress', colour: 'red', images: 3, price: 5980, tierPrices: { 'tier-gold': 5580, 'tier-diamond': 5280 }, retailPrice: 12900, stock: 320 },
      { name: '雾霾蓝 / L', shape: 'dress', colour: 'blue', images: 2, price: 5980, tierPrices: { 'tier-gold': 5580, 'tier-diamond': 5280 }, retailPrice: 12900, stock: 180 },
    ],
  },
  {
    id: 'demo-p-cardigan',
    category: '女装',
    description: '☁️软糯到心坎的针织开衫\n羊毛混纺不扎人，春秋百搭外套，奶油色温柔一整季 🤍\n均码宽松 80-130 斤都能穿',
    publishedDaysAgo: 4,
    specs: [{ name: '奶油白 / 均码', shape: 'cardigan', colour: 'cream', images: 2, price: 4500, tierPrices: { 'tier-diamond': 3990 }, retailPrice: 9900, stock: 260 }],
  },
  {
    id: 'demo-p-hoodie',
    category: '童装',
    description: '👦👧儿童加绒卫衣，宝妈回购率超高！\nA类面料，无荧光剂，机洗不变形 ✅\n110-130 码，建议按身高选码',
    publishedDaysAgo: 9,
    specs: [
      { name: '110cm', shape: 'hoodie', colour: 'green', images: 2, price: 3200, tierPrices: { 'tier-gold': 2980 }, retailPrice: 6900, stock: 150 },
      { name: '120cm', shape: 'hoodie', colour: 'orange', images: 1, price: 3400, tierPrices: { 'tier-gold': 3180 }, retailPrice: 6900, stock: 140 },
      { name: '130cm', shape: 'hoodie', colour: 'blue', images: 1, price: 3600, retailPrice: 7900, stock: 90 },
    ],
  },
  {
    id: 'demo-p-cleanser',
    category: '美妆日化',
    description: '🧴氨基酸洗面奶 150ml\n温和清洁不紧绷，敏感肌也能用 💧\n工厂直供，正品保证，支持验货',
    publishedDaysAgo: 14,
    specs: [{ name: '150ml', shape: 'bottle', colour: 'pink', images: 3, price: 1890, tierPrices: { 'tier-gold': 1690, 'tier-diamond': 1490 }, retailPrice: 5900, stock: 1200 }],
  },
  {
    id: 'demo-p-bedding',
    category: '家纺家饰',
    description: '🛏️新疆长绒棉四件套，限时特惠最后几天！\n60支贡缎，亲肤透气裸睡级手感 ✨\n1.5m / 1.8m 床都有，送礼自用都体面',
    // R8: 28 days ago, so it leaves the shelf in two days (即将下架).
    publishedDaysAgo: 28,
    specs: [
      { name: '1.5m 床 / 灰', shape: 'bedding', colour: 'grey', images: 2, price: 15900, tierPrices: { 'tier-gold': 14900 }, retailPrice: 29900, stock: 60 },
      { name: '1.8m 床 / 紫', shape: 'bedding', colour: 'purple', images: 2, price: 17900, tierPrices: { 'tier-gold': 16900 }, retailPrice: 32900, stock: 45 },
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

const shopItems = [
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

/** Writes the images into local storage (`filesDir` = the storage root) and the records into the store. */
export function seedDemoCatalogue(db: LocalDatabase, now: number, options: { supplierId: string; ownerOpenid: string; shippingTemplateId: string; filesDir: string }): void {
  const ago = (days: number) => now - days * DAY_MS
  const image = (productId: string, spec: DemoSpec, index: number) => {
    const path = `${uploadAreaOf(options.ownerOpenid)}demo/${productId}-${spec.colour}-${spec.shape}-${index}.png`
    const file = join(options.filesDir, ...path.split('/'))
    mkdirSync(dirname(file), { recursive: true })
    // Each extra image of a spec is a shade lighter, so a 3×3 grid does not look like one picture repeated.
    writeFileSync(file, productImage(spec.shape, mix(colours[spec.colour], WHITE, index * 0.12)))
    return `cloud://${LOCAL_ENV_ID}.local/${path}`
  }
  db.insertMany(
    'products',
    products.map((product) => {
      const publishedAt = ago(product.publishedDaysAgo) - 3 * 60 * 60 * 1000
      return {
        _id: product.id,
        supplierId: options.supplierId,
        category: product.category,
        description: product.description,
        specs: product.specs.map((spec, i) => ({
          id: `${product.id.replace('demo-p-', '')}-s${i + 1}`,
          name: spec.name,
          images: Array.from({ length: spec.images }, (_, index) => image(product.id, spec, index)),
          price: spec.price,
          tierPrices: spec.tierPrices ?? {},
          ...(spec.retailPrice !== undefined ? { retailPrice: spec.retailPrice } : {}),
          stock: spec.stock,
        })),
        shippingTemplateId: options.shippingTemplateId,
        status: product.delistedDaysAgo === undefined ? 'on_sale' : 'off_shelf',
        publishedAt,
        expiresAt: expiresAtFor(publishedAt),
        source: 'new',
        trade: { onlineOrdering: true, minOrderQty: 1 },
        ...(product.delistedDaysAgo === undefined ? {} : { delistedAt: ago(product.delistedDaysAgo), delistedReason: 'expired' }),
        createdAt: publishedAt,
        updatedAt: publishedAt,
      }
    }),
  )
  db.insertMany(
    'shop_catalog',
    shopItems.map((item) => ({ supplierId: options.supplierId, ...item, importedAt: ago(5), createdAt: ago(5) })),
  )
}

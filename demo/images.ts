import { deflateSync } from 'node:zlib'

/**
 * Stand-ins for product photos in the demo catalogue: real PNGs (a silhouette of the product on a
 * soft background), drawn here so the demo needs no binary files in the repository.
 */
type Rgb = [number, number, number]
export type Shape = 'dress' | 'cardigan' | 'hoodie' | 'bottle' | 'bedding' | 'earring' | 'bag' | 'box'

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
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t)) as Rgb
const WHITE: Rgb = [255, 255, 255]

const inEllipse = (u: number, v: number, cx: number, cy: number, rx: number, ry: number) => ((u - cx) / rx) ** 2 + ((v - cy) / ry) ** 2 <= 1
const inRect = (u: number, v: number, x0: number, y0: number, x1: number, y1: number) => u >= x0 && u <= x1 && v >= y0 && v <= y1

/** A simple silhouette of the product: whether (u, v) in [-1, 1]² lies inside it. */
const silhouettes: Record<Shape, (u: number, v: number) => boolean> = {
  // bodice and a flared skirt
  dress: (u, v) => inRect(u, v, -0.22, -0.6, 0.22, -0.15) || (v >= -0.15 && v <= 0.65 && Math.abs(u) <= 0.22 + (v + 0.15) * 0.5),
  cardigan: (u, v) =>
    inRect(u, v, -0.38, -0.5, 0.38, 0.6) || (v >= -0.5 && v <= 0.35 && Math.abs(u) >= 0.38 && Math.abs(u) <= 0.58 + (v + 0.5) * 0.08),
  hoodie: (u, v) =>
    inEllipse(u, v, 0, -0.5, 0.22, 0.18) || inRect(u, v, -0.35, -0.4, 0.35, 0.55) || (v >= -0.4 && v <= 0.3 && Math.abs(u) <= 0.58),
  bottle: (u, v) => inRect(u, v, -0.1, -0.7, 0.1, -0.45) || inRect(u, v, -0.25, -0.45, 0.25, 0.65),
  bedding: (u, v) =>
    inRect(u, v, -0.6, -0.15, 0.6, 0.5) || inEllipse(u, v, -0.3, -0.3, 0.22, 0.12) || inEllipse(u, v, 0.3, -0.3, 0.22, 0.12),
  earring: (u, v) =>
    inEllipse(u, v, -0.3, 0.15, 0.16, 0.16) ||
    inEllipse(u, v, 0.3, 0.15, 0.16, 0.16) ||
    inRect(u, v, -0.32, -0.45, -0.28, 0) ||
    inRect(u, v, 0.28, -0.45, 0.32, 0),
  bag: (u, v) =>
    inRect(u, v, -0.42, -0.2, 0.42, 0.6) || (v < -0.2 && inEllipse(u, v, 0, -0.2, 0.28, 0.38) && !inEllipse(u, v, 0, -0.2, 0.2, 0.3)),
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

const colours = {
  red: [214, 69, 80],
  blue: [66, 120, 196],
  green: [76, 160, 120],
  cream: [214, 178, 120],
  pink: [230, 120, 160],
  grey: [120, 128, 140],
  purple: [140, 100, 190],
  orange: [236, 140, 60],
} satisfies Record<string, Rgb>

export type Colour = keyof typeof colours

/** Image `index` of a spec; each extra one is a shade lighter, so a 3×3 grid does not look like one picture repeated. */
export function demoPhoto(shape: Shape, colour: Colour, index: number): Buffer {
  return productImage(shape, mix(colours[colour], WHITE, index * 0.12))
}

/**
 * The phone side of `npm run bench`, each figure beside its reference:
 * - weapp: each package as WeChat's compiler (miniprogram-ci, offline, minified) outputs it, against
 *   a floor app built with the same config rendering the same NutUI components on one page;
 * - H5: navigation → first product card visible in Chromium, as the demo agent on the demo data,
 *   against a bare Taro H5 page served the same way; the JS bytes each loads;
 * - images: bytes uploaded for a 9-image product through the app's own client compression, against
 *   the phone-camera originals.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from '../e2e/chromium'
import { checkWeapp, PACKAGE_LIMIT_BYTES } from './weapp-compile'
import { mainPackageEntries, nutuiComponentsOf, writeNutuiFloor } from './bench-floor/nutui'
import { startCloudProcess, type CloudProcess } from './bench-cloud'
import type { Budget, Figure } from './bench-figures'

const root = path.resolve(__dirname, '..')
const RENDER_RUNS = 7
const DEMO_AGENT = 'demo-agent-1'
const DEMO_SUPPLIER = 'demo-supplier'
const PHOTOS = 9

function taroBuild(type: 'weapp' | 'h5', env: Record<string, string> = {}): void {
  execFileSync('npx', ['taro', 'build', '--type', type], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: 'ignore',
  })
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  )
}

/** What a floor is built from: its sources, the build's config and the installed toolchain. */
function floorKey(sourceRoot: string): string {
  const hash = createHash('sha256')
  const inputs = [
    ...filesUnder(path.join(root, sourceRoot)).sort(),
    ...['config/index.ts', 'config/prod.ts', 'babel.config.js', 'package.json', 'project.config.json'].map((f) => path.join(root, f)),
    ...['@tarojs/cli', '@tarojs/taro', '@nutui/nutui-react-taro', 'react', 'miniprogram-ci'].map((p) =>
      path.join(root, 'node_modules', p, 'package.json'),
    ),
  ]
  for (const file of inputs) hash.update(path.relative(root, file)).update(readFileSync(file))
  return hash.digest('hex')
}

/**
 * A floor changes only with what it is built from, so one built from the same inputs is reused
 * (building and compiling both floors takes ~2 minutes of the run here); `--fresh-floors` rebuilds.
 */
async function reusedFloor<T>(name: string, sourceRoot: string, output: string, build: () => Promise<T>): Promise<T> {
  const file = path.join(root, 'dist', `${name}.bench.json`)
  const key = floorKey(sourceRoot)
  if (!process.argv.includes('--fresh-floors') && existsSync(file) && existsSync(path.join(root, output))) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { key: string; value: T }
    if (saved.key === key) return saved.value
  }
  const value = await build()
  writeFileSync(file, JSON.stringify({ key, value }))
  return value
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

export async function weappFigures(figure: Figure, budget: Budget): Promise<void> {
  taroBuild('weapp')
  const app = await checkWeapp(path.join(root, 'dist/weapp'), { analyse: false })
  if (!app.ok) throw new Error(`bench: the weapp build does not compile: ${app.problems.map((p) => p.message).join('; ')}`)
  for (const p of app.packages) {
    figure(`weapp_package_${p.name}`, p.bytes, 'bytes')
    budget(`weapp_package_${p.name}_within_2mib`, p.bytes <= PACKAGE_LIMIT_BYTES, `${p.bytes} B (≤ ${PACKAGE_LIMIT_BYTES} B)`)
  }
  figure('weapp_total', app.totalBytes, 'bytes')

  // Every admin page (src/supplier, src/operator) lives in a subpackage of the built app.json.
  const appJson = JSON.parse(readFileSync(path.join(root, 'dist/weapp/app.json'), 'utf8')) as {
    pages: string[]
    subPackages?: Array<{ root: string; pages: string[] }>
  }
  const adminInMain = appJson.pages.filter((page) => /^(supplier|operator)\//.test(page))
  const adminRoots = (appJson.subPackages ?? []).map((p) => p.root.replace(/\/+$/, ''))
  const adminPages = (appJson.subPackages ?? [])
    .filter((p) => /^(supplier|operator)\/?$/.test(p.root))
    .reduce((n, p) => n + p.pages.length, 0)
  figure('weapp_admin_pages_in_subpackages', adminPages, 'pages')
  figure('weapp_admin_pages_in_main', adminInMain.length, 'pages')
  budget(
    'weapp_admin_pages_in_subpackages',
    adminInMain.length === 0 && ['supplier', 'operator'].every((r) => adminRoots.includes(r)),
    adminInMain.length === 0 ? `subpackages ${adminRoots.join(', ')}` : `in the main package: ${adminInMain.join(', ')}`,
  )

  const components = nutuiComponentsOf(mainPackageEntries(path.join(root, 'dist/weapp/app.json'), 'weapp'), 'weapp')
  figure('weapp_floor_nutui_components', components.length, 'components')
  const floorSource = 'dist/bench-floor-nutui-src'
  writeNutuiFloor(floorSource, components)
  const floorMain = await reusedFloor('bench-floor-weapp', floorSource, 'dist/bench-floor-weapp/app.json', async () => {
    taroBuild('weapp', { WEGONG_SOURCE_ROOT: floorSource, WEGONG_OUTPUT_ROOT: 'dist/bench-floor-weapp' })
    const compiled = await checkWeapp(path.join(root, 'dist/bench-floor-weapp'), { analyse: false })
    if (!compiled.ok) throw new Error(`bench: the floor does not compile: ${compiled.problems.map((p) => p.message).join('; ')}`)
    return compiled.packages[0].bytes
  })
  const main = app.packages[0].bytes
  figure('weapp_floor_main_package', floorMain, 'bytes')
  figure('weapp_main_over_floor', main / floorMain, 'x')
  budget('weapp_main_over_floor', main <= 1.3 * floorMain, `${(main / floorMain).toFixed(2)}x (≤ 1.3x)`)
}

async function newPhone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
}

/**
 * Opens `url` in a fresh context (a cold cache, as a first visit) and answers the time from the
 * start of navigation to the first animation frame in which `selector` has a box, and the bytes of
 * JavaScript the page loaded.
 */
async function firstRender(browser: Browser, url: string, selector: string): Promise<{ ms: number; jsBytes: number }> {
  const context = await newPhone(browser)
  try {
    const page = await context.newPage()
    await page.addInitScript((wanted: string) => {
      // On each change of the DOM: is the element there with a box (layout done)? rAF would be
      // closer to paint, but headless Chromium does not run it for a page that is still loading.
      const observer = new MutationObserver(() => {
        const box = document.querySelector(wanted)?.getBoundingClientRect()
        if (box && box.width > 0 && box.height > 0) {
          ;(window as unknown as { __firstRender: number }).__firstRender = performance.now()
          observer.disconnect()
        }
      })
      observer.observe(document, { childList: true, subtree: true, attributes: true })
    }, selector)
    await page.goto(url)
    await page.waitForFunction(() => (window as unknown as { __firstRender?: number }).__firstRender !== undefined, null, {
      timeout: 30_000,
      polling: 50,
    })
    return page.evaluate(() => ({
      ms: (window as unknown as { __firstRender: number }).__firstRender,
      jsBytes: performance
        .getEntriesByType('resource')
        .filter((entry) => /\.js(\?|$)/.test(entry.name))
        .reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).decodedBodySize, 0),
    }))
  } finally {
    await context.close()
  }
}

/**
 * Phone-camera photos: 4032×3024 JPEGs drawn by the browser with what makes a real photo heavy to
 * encode (light falling across the scene, objects with soft edges, fabric-like texture at several
 * scales and sensor noise), encoded at a camera's quality. Each seed gives another picture.
 */
async function cameraPhotos(page: Page, count: number): Promise<Buffer[]> {
  const photos: Buffer[] = []
  // tsx compiles this file keeping function names through a `__name` helper the page lacks.
  await page.evaluate('window.__name = (f) => f')
  for (let seed = 1; seed <= count; seed += 1) {
    const dataUrl = await page.evaluate((s: number) => {
      const width = 4032
      const height = 3024
      const NOISE = 16
      let state = (s * 2654435761) >>> 0
      const random = () => {
        state = (state ^ (state << 13)) >>> 0
        state = (state ^ (state >>> 17)) >>> 0
        state = (state ^ (state << 5)) >>> 0
        return state / 4294967296
      }
      // Value noise on a lattice, smoothly interpolated: texture that looks like cloth or foliage.
      const lattice = (cell: number) => {
        const columns = Math.ceil(width / cell) + 2
        const rows = Math.ceil(height / cell) + 2
        const values = new Float32Array(columns * rows)
        for (let i = 0; i < values.length; i += 1) values[i] = random() - 0.5
        return { cell, columns, values }
      }
      const octaves = [lattice(120), lattice(9)]
      const weights = [70, 36]
      // Sensor noise: a table of random values, read at a pixel-dependent offset.
      const noise = new Float32Array(1 << 16)
      for (let i = 0; i < noise.length; i += 1) noise[i] = (random() - 0.5) * 2 * NOISE
      const hue = random() * 360
      const canvas = document.createElement('canvas')
      canvas.width = width
      canvas.height = height
      const context = canvas.getContext('2d')
      if (!context) throw new Error('no canvas')
      // The scene: a lit background and a few soft-edged objects.
      const light = context.createLinearGradient(0, 0, width, height)
      light.addColorStop(0, `hsl(${hue}, 35%, 78%)`)
      light.addColorStop(1, `hsl(${(hue + 40) % 360}, 30%, 28%)`)
      context.fillStyle = light
      context.fillRect(0, 0, width, height)
      for (let i = 0; i < 6; i += 1) {
        context.filter = `blur(${4 + random() * 20}px)`
        context.fillStyle = `hsl(${(hue + random() * 180) % 360}, ${30 + random() * 50}%, ${25 + random() * 50}%)`
        context.beginPath()
        context.ellipse(random() * width, random() * height, 300 + random() * 900, 200 + random() * 700, random() * Math.PI, 0, 2 * Math.PI)
        context.fill()
      }
      context.filter = 'none'
      const image = context.getImageData(0, 0, width, height)
      const pixels = image.data
      const offset = (random() * 65536) | 0
      for (let y = 0; y < height; y += 1) {
        for (let x = 0; x < width; x += 1) {
          let texture = 0
          for (let o = 0; o < octaves.length; o += 1) {
            const { cell, columns, values } = octaves[o]
            const gx = x / cell
            const gy = y / cell
            const x0 = gx | 0
            const y0 = gy | 0
            const fx = gx - x0
            const fy = gy - y0
            const sx = fx * fx * (3 - 2 * fx)
            const sy = fy * fy * (3 - 2 * fy)
            const i = y0 * columns + x0
            const top = values[i] + (values[i + 1] - values[i]) * sx
            const bottom = values[i + columns] + (values[i + columns + 1] - values[i + columns]) * sx
            texture += (top + (bottom - top) * sy) * weights[o]
          }
          const p = (y * width + x) * 4
          const n = (p + offset + y * 7919) & 65535
          pixels[p] += texture + noise[n]
          pixels[p + 1] += texture * 0.9 + noise[(n + 1) & 65535]
          pixels[p + 2] += texture * 0.8 + noise[(n + 2) & 65535]
        }
      }
      context.putImageData(image, 0, 0)
      return canvas.toDataURL('image/jpeg', 0.92)
    }, seed)
    photos.push(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'))
  }
  return photos
}

/**
 * The nine photos as files, drawn once per version of `cameraPhotos` and kept in dist/bench-photos
 * (drawing them takes ~30 s here).
 */
async function photoFiles(page: Page): Promise<string[]> {
  const version = createHash('sha256').update(cameraPhotos.toString()).digest('hex').slice(0, 12)
  const dir = path.join(root, 'dist', 'bench-photos', version)
  const files = Array.from({ length: PHOTOS }, (_, i) => path.join(dir, `IMG_${2001 + i}.jpg`))
  if (files.every((file) => existsSync(file))) return files
  rmSync(path.join(root, 'dist', 'bench-photos'), { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const photos = await cameraPhotos(page, PHOTOS)
  photos.forEach((photo, i) => writeFileSync(files[i], photo))
  return files
}

/** Width and height from a JPEG's start-of-frame marker, or null when it is not a JPEG. */
function jpegSize(jpeg: Buffer): { width: number; height: number } | null {
  let at = 2
  while (jpeg[0] === 0xff && jpeg[1] === 0xd8 && at + 9 < jpeg.length) {
    if (jpeg[at] !== 0xff) return null
    const marker = jpeg[at + 1]
    // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame's size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) }
    at += 2 + jpeg.readUInt16BE(at + 2)
  }
  return null
}

/** The supplier picks nine photos for one spec of a new product; what the app uploads is counted. */
async function imageFigures(browser: Browser, cloud: CloudProcess, figure: Figure, budget: Budget): Promise<void> {
  const context = await newPhone(browser)
  try {
    const page = await context.newPage()
    const files = await photoFiles(page)
    const photos = files.map((file) => readFileSync(file))
    const original = photos.reduce((sum, photo) => sum + photo.length, 0)
    const uploads: Array<Promise<{ bytes: number; size: { width: number; height: number } | null }>> = []
    page.on('requestfinished', (request) => {
      if (request.method() !== 'POST' || !request.url().includes('/storage/upload') || !request.url().includes('%2Fproducts%2F')) return
      uploads.push(
        (async () => {
          // The stored file is the body as sent (Playwright does not see the size of a Blob body).
          const answer = (await (await request.response())?.json()) as { data?: { tempFileURL?: string } } | undefined
          const url = answer?.data?.tempFileURL
          const stored = url ? Buffer.from(await (await fetch(url)).arrayBuffer()) : null
          return { bytes: stored?.length ?? NaN, size: stored ? jpegSize(stored) : null }
        })(),
      )
    })
    await page.goto(`${cloud.url}/#/supplier/publish/form/index?category=${encodeURIComponent('女装')}&as=${DEMO_SUPPLIER}`)
    await page.locator('.spec-adder-input input').fill('冰川蓝 / 均码')
    await page.locator('.nut-button', { hasText: '添加规格' }).click()
    const card = page.locator('.spec-card-0')
    const picked = performance.now()
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), card.locator('.spec-image-add').click()])
    await chooser.setFiles(files)
    await page.waitForFunction(
      (n: number) => document.querySelectorAll('.spec-card-0 .spec-image:not(.spec-image-pending):not(.spec-image-add)').length === n,
      PHOTOS,
      { timeout: 120_000, polling: 100 },
    )
    const elapsed = performance.now() - picked
    const sent = await Promise.all(uploads)
    const uploaded = sent.reduce((sum, upload) => sum + upload.bytes, 0)
    const longEdge = Math.max(...sent.map((upload) => (upload.size ? Math.max(upload.size.width, upload.size.height) : NaN)))
    figure('images_count', sent.length, 'images')
    figure('images_original_bytes', original, 'bytes')
    figure('images_original_avg', original / photos.length, 'bytes')
    figure('images_uploaded_bytes', uploaded, 'bytes')
    figure('images_uploaded_avg', uploaded / Math.max(1, sent.length), 'bytes')
    figure('images_uploaded_long_edge_max', longEdge, 'px')
    figure('images_uploaded_over_original', uploaded / original, 'x')
    figure('images_pick_to_uploaded', elapsed, 'ms')
    // Nine photos stay under ~2 MB on a phone's connection (≤ 5% of what the camera wrote).
    budget(
      'images_uploaded_over_original',
      sent.length === PHOTOS && uploaded <= 0.05 * original,
      `${sent.length} uploads, ${(uploaded / original).toFixed(3)}x (≤ 0.05x)`,
    )
  } finally {
    await context.close()
  }
}

export async function h5Figures(figure: Figure, budget: Budget): Promise<void> {
  taroBuild('h5')
  await reusedFloor('bench-floor-h5', 'scripts/bench-floor', 'dist/bench-floor-h5/index.html', async () => {
    taroBuild('h5', { WEGONG_SOURCE_ROOT: 'scripts/bench-floor', WEGONG_OUTPUT_ROOT: 'dist/bench-floor-h5' })
    return true
  })
  await measureH5(figure, budget)
}

/** The H5 figures on the builds in dist/h5 and dist/bench-floor-h5. */
export async function measureH5(figure: Figure, budget: Budget): Promise<void> {
  const app = await startCloudProcess({ seed: 'demo', h5Dir: path.join(root, 'dist/h5') })
  const floor = await startCloudProcess({ seed: 'none', h5Dir: path.join(root, 'dist/bench-floor-h5') })
  const browser = await launchChromium()
  try {
    const feedUrl = `${app.url}/#/pages/feed/index?as=${DEMO_AGENT}`
    const floorUrl = `${floor.url}/#/pages/index/index`
    // One of each first, unmeasured: Chromium's own first start is not the app's.
    await firstRender(browser, feedUrl, '.feed-card')
    await firstRender(browser, floorUrl, '.taro_page')
    const feed: number[] = []
    const bare: number[] = []
    let feedJs = 0
    let bareJs = 0
    for (let run = 0; run < RENDER_RUNS; run += 1) {
      const a = await firstRender(browser, feedUrl, '.feed-card')
      const b = await firstRender(browser, floorUrl, '.taro_page')
      feed.push(a.ms)
      bare.push(b.ms)
      feedJs = a.jsBytes
      bareJs = b.jsBytes
    }
    const ratio = median(feed) / median(bare)
    figure('h5_feed_first_card_p50', median(feed), 'ms')
    figure('h5_floor_first_render_p50', median(bare), 'ms')
    figure('h5_feed_over_floor', ratio, 'x')
    figure('h5_feed_js_bytes', feedJs, 'bytes')
    figure('h5_floor_js_bytes', bareJs, 'bytes')
    figure('h5_feed_js_over_floor', feedJs / bareJs, 'x')
    await imageFigures(browser, app, figure, budget)
  } finally {
    await browser.close()
    await app.stop()
    await floor.stop()
  }
}

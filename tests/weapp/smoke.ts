import type { Demo } from './demo'
import { PERSONAS } from './demo'
import { allPages, navigationProblem, routeOf, type NavigationApi, type OpenedPage, type Weapp } from './simulator'

/** Who opens a page: a persona of the demo data, or `new` (a WeChat user never seen before). */
export type PersonaKey = keyof typeof PERSONAS | 'new'

/** A tap on a page and what it must lead to. */
export interface TapCase {
  /** A CSS selector of the rendered page (Taro keeps class names: `.feed-card`). */
  at: string
  /** Only an element containing this text. */
  text?: string | ((demo: Demo) => string)
  /** The navigation it must make (recorded, not followed: the target is checked against app.json). */
  goes?: { api: NavigationApi; route: string }
  /** Or what the page must show afterwards. */
  shows?: (demo: Demo) => string[]
  /** How many images it must hand to saveImageToPhotosAlbum (R16: forwarding saves every picture). */
  saves?: (demo: Demo) => number
  /** Text the clipboard must then hold (R16: forwarding copies the product's text). */
  copies?: (demo: Demo) => string
  /**
   * The tap calls a privacy-scoped API (R20): each launch starts without consent, so the consent
   * popup must show, and it is agreed before the rest of the row is checked.
   */
  consents?: boolean
}

/** One row of the page table: a page, who opens it with what, and what it must show. */
export interface PageCase {
  /** As in app.json: `pages/feed/index`, `supplier/home/index`. */
  route: string
  persona: PersonaKey
  query?: (demo: Demo) => Record<string, string>
  /** Strings of the demo data the page must render (text, or the value of an input). */
  shows: (demo: Demo) => string[]
  /** Strings of the demo data the page must not render (what a search or filter leaves out). */
  hides?: (demo: Demo) => string[]
  /** The page's main taps, in order, on the same page. */
  taps?: TapCase[]
  /** Cloud calls this page may see refused, as `function.action:CODE`. */
  allowedFailures?: string[]
  /** The page the share menu's card opens (R16: the customer view); checked when the page shares. */
  share?: { message?: string; timeline?: string }
}

export function personaOf(key: PersonaKey, demo: Demo): string {
  return key === 'new' ? demo.newUser() : PERSONAS[key]
}

export function caseName(c: PageCase): string {
  return `${c.route} as ${c.persona}`
}

/** Pages of app.json without a row, and rows naming no page of app.json. */
export function tableProblems(weapp: Weapp, table: readonly PageCase[]): string[] {
  const pages = allPages(weapp.app)
  const covered = new Set(table.map((c) => c.route))
  return [
    ...pages
      .filter((route) => !covered.has(route))
      .map((route) => `${route} is in app.json but not in the page table (tests/weapp/pages.ts)`),
    ...[...covered].filter((route) => !pages.includes(route)).map((route) => `${route} is in the page table but not in app.json`),
  ]
}

/** What onShareAppMessage / onShareTimeline answer. */
interface SharedCard {
  title?: string
  path?: string
  query?: string
  promise?: Promise<SharedCard>
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()

/** Elements of Taro's tree that WeChat's templates did not render, and wcc's "Template … not found". */
function droppedProblems(page: OpenedPage, when: string, seenWarnings: number): string[] {
  const problems: string[] = []
  const taro = page.taroElementCount()
  const rendered = page.renderedElementCount()
  if (taro !== rendered) {
    const dropped = page.droppedNodes()
    const named = dropped.slice(0, 3).join(', ') + (dropped.length > 3 ? ` and ${dropped.length - 3} more` : '')
    problems.push(`element dropped ${when}: Taro has ${taro} elements, WeChat rendered ${rendered} (no template for ${named})`)
  }
  const missing = [...new Set(page.record.warnings.slice(seenWarnings).filter((line) => /Template .* not found/.test(line)))]
  if (missing.length) problems.push(`element dropped ${when}: ${missing.join('; ')}`)
  return problems
}

function textOf(value: TapCase['text'], demo: Demo): string | undefined {
  return typeof value === 'function' ? value(demo) : value
}

/**
 * Opens one row's page in the headless mini-program and answers every problem found: data not
 * rendered, uncaught errors, unexpected refused cloud calls, dropped elements, taps that go nowhere
 * or to the wrong page or with the wrong API, and a share card that opens the wrong page.
 */
export async function smoke(weapp: Weapp, c: PageCase, demo: Demo): Promise<{ page: OpenedPage; problems: string[] }> {
  const persona = personaOf(c.persona, demo)
  const page = await weapp.open(c.route, c.query?.(demo) ?? {}, persona)
  const record = page.record
  const problems: string[] = []

  const text = page.text()
  for (const expected of c.shows(demo).map(collapse)) {
    if (!text.includes(expected))
      problems.push(`data not rendered: 「${expected}」 is not on the page (it shows: ${text.slice(0, 160) || 'nothing'})`)
  }
  for (const unexpected of (c.hides?.(demo) ?? []).map(collapse)) {
    if (text.includes(unexpected)) problems.push(`data rendered that the page must leave out: 「${unexpected}」`)
  }
  problems.push(...droppedProblems(page, 'on load', 0))

  for (const tap of c.taps ?? []) {
    const label = `tap ${tap.at}${tap.text ? ` 「${textOf(tap.text, demo)}」` : ''}`
    const before = record.navigations.length
    const warnings = record.warnings.length
    const saved = record.album.length
    const copied = record.clipboard.length
    try {
      await page.tap(tap.at, textOf(tap.text, demo))
    } catch (error) {
      problems.push(`${label}: ${error instanceof Error ? error.message : String(error)}`)
      continue
    }
    const asked = page.find('.privacy-consent').length > 0
    if (tap.consents && !asked) problems.push(`${label}: expected the privacy consent popup, none showed`)
    if (!tap.consents && asked) problems.push(`${label}: the privacy consent popup showed for a tap the row does not expect to need it`)
    if (tap.consents && asked) await page.tap('.privacy-agree')
    // A page may navigate after a cloud call and a toast (a timer WeChat runs too): wait for it.
    if (tap.goes) await weapp.waitFor(() => record.navigations.length > before)
    const made = record.navigations.slice(before)
    if (tap.goes) {
      const { api, route } = tap.goes
      if (!made.length) problems.push(`${label}: expected ${api}(/${route}), it navigated nowhere`)
      else if (!made.some((nav) => nav.api === api && routeOf(nav.url, c.route) === route)) {
        problems.push(`${label}: expected ${api}(/${route}), it made ${made.map((nav) => `${nav.api}(${nav.url})`).join(', ')}`)
      }
    }
    if (tap.saves) {
      const expected = tap.saves(demo)
      // Saving nine pictures takes a while: wait for the album as a user waits for the progress.
      await weapp.waitFor(() => record.album.length - saved >= expected, 10_000)
      const got = record.album.length - saved
      if (got !== expected) problems.push(`${label}: expected ${expected} images saved to the album, got ${got}`)
    }
    if (tap.copies) {
      const expected = collapse(tap.copies(demo))
      const clipboard = record.clipboard.slice(copied).map(collapse)
      if (!clipboard.some((held) => held.includes(expected))) {
        const got = clipboard.length ? clipboard.map((held) => `「${held.slice(0, 60)}」`).join(', ') : 'nothing'
        problems.push(`${label}: expected the clipboard to hold 「${expected}」, it got ${got}`)
      }
    }
    if (tap.shows) {
      const after = page.text()
      for (const expected of tap.shows(demo).map(collapse))
        if (!after.includes(expected)) problems.push(`${label}: 「${expected}」 is not on the page afterwards`)
    }
    problems.push(...droppedProblems(page, `after ${label}`, warnings))
  }

  // Every navigation the page made, on load or by a tap: WeChat would refuse these.
  for (const nav of record.navigations) {
    const problem = navigationProblem(weapp.app, c.route, nav)
    if (problem) problems.push(`wrong navigation: ${problem}`)
  }

  // The share menu: a page that shares must send a card opening an existing page (the declared one).
  for (const kind of ['message', 'timeline'] as const) {
    const declared = c.share?.[kind]
    const shared = page.share(kind) as SharedCard | null
    if (!shared) {
      if (declared)
        problems.push(
          `share ${kind}: the page has no ${kind === 'message' ? 'onShareAppMessage' : 'onShareTimeline'}, expected a card opening /${declared}`,
        )
      continue
    }
    const cards = [shared]
    // onShareAppMessage may answer a promise of the card; WeChat waits 3 s for it, then uses the rest.
    if (kind === 'message' && shared.promise) {
      const resolved = await Promise.race([shared.promise, new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000))]).catch(
        () => null,
      )
      if (resolved) cards.push(resolved)
      else problems.push('share message: its promise gave no card within 3 s (WeChat then sends the fallback)')
      await weapp.settle()
    }
    for (const card of cards) {
      // onShareTimeline answers a query for this same page (Moments opens the sharing page); onShareAppMessage a path.
      const url = kind === 'timeline' ? `/${c.route}${card.query ? `?${card.query}` : ''}` : (card.path ?? `/${c.route}`)
      const route = routeOf(url, c.route)
      if (!allPages(weapp.app).includes(route)) problems.push(`share ${kind}: the card opens ${url}, which is not a page of app.json`)
      else if (declared && route !== declared) problems.push(`share ${kind}: the card opens ${url}, expected /${declared}`)
    }
  }

  for (const call of record.cloudCalls) {
    if (call.ok) continue
    const key = `${call.name}.${call.action}:${call.code ?? ''}`
    if (!(c.allowedFailures ?? []).includes(key)) problems.push(`cloud call failed: ${key} ${call.message ?? ''}`.trim())
  }
  // WeChat refuses a privacy-scoped call the user did not agree to: the app must have asked first.
  for (const refused of record.privacy.refused) problems.push(`privacy-scoped call refused: ${refused}`)
  for (const error of record.errors) problems.push(`uncaught error: ${error}`)
  return { page, problems }
}

/** The problems of every row, by case name (for reports and the broken-copy proofs). */
export async function smokeAll(weapp: Weapp, table: readonly PageCase[], demo: Demo): Promise<Map<string, string[]>> {
  const results = new Map<string, string[]>()
  for (const c of table) results.set(caseName(c), (await smoke(weapp, c, demo)).problems)
  return results
}

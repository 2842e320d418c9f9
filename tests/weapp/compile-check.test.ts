/**
 * scripts/weapp-compile.ts against the real build, and against a small project shaped like it (a
 * main-package page, the supplier and operator subpackages) broken one way per run. The real build
 * is compiled once, as it is; a broken project need not be a copy of it, since what the check
 * reports (kind, file, code, message) depends on the defect and where it is, not on the size of
 * what surrounds it, and a full run of WeChat's compiler on a copy costs as much CPU as the real one.
 * Each project carries as much as one run can show: the compiler stops at its first error, hence
 * one project per compile error.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkWeapp, formatProblem, PACKAGE_LIMIT_BYTES, type WeappCheckResult } from '../../scripts/weapp-compile'

const DIST = path.resolve(__dirname, '../../dist/weapp')
const TIMEOUT = 180_000

let work: string

/** Each test fails (never skips) without a build: the suite proves nothing without one. */
function requireDist(): string {
  if (!existsSync(path.join(DIST, 'app.json'))) {
    throw new Error(`${DIST} is missing: run \`npm run build:weapp\` before this suite (npm test builds it first)`)
  }
  return DIST
}

/** The pages the broken projects break, at the paths the build has them. */
const SMALL_PAGES = ['pages/mine/index', 'supplier/home/index', 'operator/review/index']

/** A project with the build's package layout that compiles cleanly (a test holds it to that). */
function smallProject(name: string): string {
  const target = path.join(work, name)
  const files: Record<string, string> = {
    'app.json': JSON.stringify({
      pages: ['pages/mine/index'],
      subPackages: [
        { root: 'supplier', pages: ['home/index'] },
        { root: 'operator', pages: ['review/index'] },
      ],
    }),
    'app.js': 'App({})\n',
    'app.wxss': '.page{color:#1a1a1a}\n',
    'project.config.json': JSON.stringify({ miniprogramRoot: './', appid: 'touristappid', compileType: 'miniprogram' }),
  }
  for (const page of SMALL_PAGES) {
    files[`${page}.js`] = 'Page({ data: { title: "微供" } })\n'
    files[`${page}.json`] = '{}\n'
    files[`${page}.wxml`] = '<view class="page"><text>{{title}}</text></view>\n'
    files[`${page}.wxss`] = '.page{display:block}\n'
  }
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(target, file)), { recursive: true })
    writeFileSync(path.join(target, file), content)
  }
  return target
}

/** Every file with its size and mtime, to show the check writes nothing into the project. */
function listing(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return listing(full, base)
    const stat = statSync(full)
    return [`${path.relative(base, full)} ${stat.size} ${stat.mtimeMs}`]
  })
}

function messages(result: WeappCheckResult): string {
  return result.problems.map(formatProblem).join('\n')
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'weapp-compile-test-'))
})

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('WeChat compile check (scripts/weapp-compile.ts)', () => {
  it(
    'compiles today’s build and reports each package within 2 MiB',
    async () => {
      const result = await checkWeapp(requireDist())
      expect(messages(result)).toBe('')
      expect(result.ok).toBe(true)
      expect(result.modules).toBeGreaterThan(50)

      const names = result.packages.map((p) => p.name)
      expect(names[0]).toBe('main')
      expect(names).toEqual(expect.arrayContaining(['supplier', 'operator']))
      for (const p of result.packages) {
        // Plausible: every package holds at least a page (the one-page operator package compiles to ~7 KB).
        expect(p.files, p.name).toBeGreaterThan(0)
        expect(p.bytes, p.name).toBeGreaterThan(1024)
        expect(p.bytes, p.name).toBeLessThanOrEqual(PACKAGE_LIMIT_BYTES)
      }
      expect(result.totalBytes).toBe(result.packages.reduce((sum, p) => sum + p.bytes, 0))
    },
    TIMEOUT,
  )

  it(
    'passes a small project with the build’s layout, the base each broken project breaks',
    async () => {
      const result = await checkWeapp(smallProject('clean'))
      expect(messages(result)).toBe('')
      expect(result.ok).toBe(true)
      expect(result.packages.map((p) => [p.name, p.files > 0])).toEqual([
        ['main', true],
        ['supplier', true],
        ['operator', true],
      ])
    },
    TIMEOUT,
  )

  it(
    'fails naming the WXML file and the compiler’s code when a tag is left unclosed',
    async () => {
      const project = smallProject('broken-wxml')
      // A tag left open at the very end of a file is closed silently by the compiler; one left
      // open inside another element is refused when the outer end tag arrives.
      appendFileSync(path.join(project, 'pages/mine/index.wxml'), '\n<view><text>unclosed</view>\n')
      const result = await checkWeapp(project)
      expect(result.ok).toBe(false)
      expect(result.problems).toContainEqual(expect.objectContaining({ kind: 'compile', file: 'pages/mine/index.wxml', code: 10038 }))
      expect(messages(result)).toMatch(/pages\/mine\/index\.wxml \[10038\]: .*unexpected end tag/)
    },
    TIMEOUT,
  )

  it(
    'fails naming the JS file of a page with a syntax error',
    async () => {
      const project = smallProject('broken-js')
      appendFileSync(path.join(project, 'supplier/home/index.js'), '\nfunction (\n')
      const result = await checkWeapp(project)
      expect(result.ok).toBe(false)
      expect(result.problems).toContainEqual(expect.objectContaining({ kind: 'compile', file: 'supplier/home/index.js', code: 10045 }))
      expect(messages(result)).toMatch(/supplier\/home\/index\.js \[10045\]: line \d+: /)
    },
    TIMEOUT,
  )

  it(
    'fails on a subpackage over 2 MiB, an unresolvable require and a selector only wcsc refuses, all in one run, writing nothing into the project',
    async () => {
      // None of the three stops the compiler, so one copy carries them all and each must still be named.
      const project = smallProject('oversized')
      // Random bytes: nothing in the compiler can shrink them.
      writeFileSync(path.join(project, 'operator/big.png'), randomBytes(PACKAGE_LIMIT_BYTES + 64 * 1024))
      // The compiler lets a require of a missing file through; only the analysis sees it.
      appendFileSync(path.join(project, 'supplier/home/index.js'), '\nrequire("./missing.js");\n')
      // A child combinator with nothing but a pseudo-class after it: postcss (all the compiler runs on
      // WXSS) accepts it, WeChat's style compiler wcsc stops at the `:`.
      appendFileSync(path.join(project, 'pages/mine/index.wxss'), '\n.probe-row > :first-child{color:#86909c}\n')
      const before = listing(project)

      const result = await checkWeapp(project)
      expect(result.ok).toBe(false)
      const operator = result.packages.find((p) => p.name === 'operator')
      expect(operator?.bytes).toBeGreaterThan(PACKAGE_LIMIT_BYTES)
      expect(result.problems).toContainEqual(expect.objectContaining({ kind: 'size', file: 'operator' }))
      expect(result.problems.filter((p) => p.kind === 'size')).toHaveLength(1)
      expect(result.problems).toContainEqual(expect.objectContaining({ kind: 'analyse', file: 'supplier/home/index.js' }))
      expect(messages(result)).toMatch(/size error: operator: package is \d+ B \(2\.\d\d MiB\), over WeChat's limit/)
      expect(messages(result)).toContain('./missing.js')
      expect(result.problems).toContainEqual(expect.objectContaining({ kind: 'wxss', file: 'pages/mine/index.wxss' }))
      expect(result.problems.filter((p) => p.kind === 'wxss')).toHaveLength(1)
      expect(messages(result)).toMatch(
        /wxss error: pages\/mine\/index\.wxss: line \d+:\d+: error at token `:` near 「.*\.probe-row > :first-child/,
      )
      expect(listing(project)).toEqual(before)
    },
    TIMEOUT,
  )
})

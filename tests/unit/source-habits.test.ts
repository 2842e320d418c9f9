import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Two habits of STYLE.md made checkable on every source file: comments say why, not which tracker
 * entry asked (the history of a decision lives in docs/decisions/), and no file grows past 400 lines.
 * Each rule is proved on probes first, so a scan that finds nothing means something.
 */
const ROOT = path.resolve(__dirname, '../..')
const SOURCE_DIRS = ['src', 'cloudfunctions', 'local', 'scripts', 'tests', 'e2e', 'demo', 'config']
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.scss', '.cjs', '.mts']
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.data', '.temp', '.swc', 'coverage'])
const MAX_LINES = 400
// This file's probes name tracker entries on purpose.
const SELF = 'tests/unit/source-habits.test.ts'

/** Every source file under the project's source folders, relative to the root, in a stable order. */
function sourceFiles(): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED_DIRS.has(entry.name)) continue
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) found.push(path.relative(ROOT, full).split(path.sep).join('/'))
    }
  }
  for (const dir of SOURCE_DIRS) if (existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir))
  return found.sort()
}

// "issue 12", "Issue #9", "issues 11 and 12", "ticket 3", "bug #4", "(#12)". A bare `#333` is a
// colour, so a number after `#` alone counts only in parentheses.
const TRACKER_REFERENCE = /\b(?:issues?|tickets?|bugs?|PR)\s*#?\d+|\(#\d+\)/i

/** The lines of `text` that name a tracker entry, as `line: text`. */
function trackerReferences(text: string): string[] {
  return text.split('\n').flatMap((line, index) => (TRACKER_REFERENCE.test(line) ? [`${index + 1}: ${line.trim()}`] : []))
}

function lineCount(text: string): number {
  if (text === '') return 0
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
}

describe('comments say why, not which issue asked', () => {
  it.each([
    '// Zod-free for the main package (issue 12).',
    ' * Issue 11, crash safety: the local cloud as its own process',
    ' * Issue #9 end to end (R14, R16): the supplier posts',
    "describe('crash safety (issue 11)', () => {",
    '/* see issues 11 and 12 */',
    '// fixed in PR 40',
    '// a retry is not counted twice (#17)',
    '  // ticket 3: keep the order',
  ])('when a line reads %j, then it is a tracker reference', (line) => {
    expect(trackerReferences(`const a = 1\n${line}\n`)).toEqual([`2: ${line.trim()}`])
  })

  it.each([
    "expect(answer.error.issues?.map((issue) => issue.path)).toContain('x')",
    "setError(parsed.error.issues[0]?.message ?? '请填写快递单号')",
    '  color: #333;',
    '// R17: a retry after a lost answer finds what the first try did',
    '/** Issue paths → the form fields. */',
  ])('when a line reads %j, then it is not one', (line) => {
    expect(trackerReferences(line)).toEqual([])
  })

  it('when every source file is read, then none names a tracker entry', () => {
    const found = sourceFiles()
      .filter((file) => file !== SELF)
      .flatMap((file) => trackerReferences(readFileSync(path.join(ROOT, file), 'utf8')).map((hit) => `${file}:${hit}`))
    expect(found).toEqual([])
  })
})

describe('no source file over 400 lines', () => {
  it('when lines are counted, then a final newline does not add one', () => {
    expect(lineCount('')).toBe(0)
    expect(lineCount('a')).toBe(1)
    expect(lineCount('a\n')).toBe(1)
    expect(lineCount('a\nb\n')).toBe(2)
    expect(lineCount(`${'x\n'.repeat(MAX_LINES + 1)}`)).toBeGreaterThan(MAX_LINES)
  })

  it('when the source folders are walked, then the files of every kind are found', () => {
    const files = sourceFiles()
    for (const ext of ['.ts', '.tsx', '.scss', '.cjs'])
      expect(
        files.some((f) => f.endsWith(ext)),
        ext,
      ).toBe(true)
    expect(files).toContain('tests/unit/source-habits.test.ts')
    expect(files.some((f) => f.includes('node_modules/'))).toBe(false)
  })

  it('when every source file is counted, then none is over 400 lines', () => {
    const over = sourceFiles().flatMap((file) => {
      const lines = lineCount(readFileSync(path.join(ROOT, file), 'utf8'))
      return lines > MAX_LINES ? [`${file}: ${lines} lines`] : []
    })
    expect(over).toEqual([])
  })
})

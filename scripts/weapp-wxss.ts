/**
 * Compiles every `.wxss` of a built mini-program with WeChat's own style compiler (`wcsc`, the Linux
 * build `miniprogram-compiler` ships for `miniprogram-simulate`). miniprogram-ci's offline compile
 * only runs postcss on WXSS, which accepts selectors WeChat's compiler refuses (a bare
 * `> :first-child` is "error at token `:`"), so nothing else here would notice them.
 *
 * This `wcsc` is an old build (2019/2020): it may refuse syntax newer WeChat accepts. A refusal is
 * still a failure: users on older base libraries get what this compiler makes of the file.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'

export interface WxssProblem {
  /** Path relative to the project, or null when the compiler named none. */
  file: string | null
  message: string
}

function wxssFiles(dir: string, base = dir): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) found.push(...wxssFiles(full, base))
    else if (entry.name.endsWith('.wxss')) found.push(path.relative(base, full).split(path.sep).join('/'))
  }
  return found.sort()
}

/** The binary as shipped has no execute bit; a private executable copy leaves node_modules alone. */
function executableCopy(): { file: string; dispose: () => void } {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the offline WXSS compiler (wcsc) is only run on linux x64, not ${process.platform} ${process.arch}`)
  }
  const packageJson = createRequire(__filename).resolve('miniprogram-compiler/package.json')
  const shipped = path.join(path.dirname(packageJson), 'bin/linux/wcsc')
  if (!existsSync(shipped)) throw new Error(`${shipped} is missing: reinstall miniprogram-simulate`)
  const dir = mkdtempSync(path.join(tmpdir(), 'wcsc-'))
  const file = path.join(dir, 'wcsc')
  copyFileSync(shipped, file)
  chmodSync(file, 0o755)
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The WXSS is minified to one line: show the text around the column the compiler names. */
function around(projectPath: string, file: string, line: number, column: number): string {
  try {
    const text = readFileSync(path.join(projectPath, file), 'utf8').split('\n')[line - 1] ?? ''
    const start = Math.max(0, column - 41)
    return ` near 「${text.slice(start, column + 20)}」`
  } catch {
    return ''
  }
}

/** Reads wcsc's error output: `a.wxss(1:1684): error at token \`:\`` and `path \`x\` not found from \`a.wxss\``. */
export function parseWcscErrors(projectPath: string, stderr: string): WxssProblem[] {
  const problems: WxssProblem[] = []
  for (const raw of stderr.split('\n')) {
    const line = raw.replace(/^ERR:\s*/, '').trim()
    if (line === '' || /^error file count: \d+$/.test(line)) continue
    const at = /^(\S+\.wxss)\((\d+):(\d+)\): (.*)$/.exec(line)
    const missing = /^path `(.+)` not found from `(.+\.wxss)`\.?$/.exec(line)
    if (at) {
      const [, file, row, column, message] = at
      problems.push({ file, message: `line ${row}:${column}: ${message}${around(projectPath, file, Number(row), Number(column))}` })
    } else if (missing) problems.push({ file: missing[2], message: `imports ${missing[1]}, which does not exist` })
    else problems.push({ file: null, message: line })
  }
  return problems
}

/**
 * Compiles all the project's WXSS in one run, as WeChat's tools call wcsc: the files of pages and
 * components (those with a `.json` beside them) first, their number after `-pc`, so imports resolve.
 */
export function compileWxss(projectPath: string): WxssProblem[] {
  const files = wxssFiles(projectPath)
  if (files.length === 0) return []
  const isComponent = (file: string) => existsSync(path.join(projectPath, file.replace(/\.wxss$/, '.json')))
  const ordered = [...files.filter(isComponent), ...files.filter((file) => !isComponent(file))]
  const wcsc = executableCopy()
  try {
    const run = spawnSync(wcsc.file, ['-db', '-pc', String(files.filter(isComponent).length), ...ordered], {
      cwd: projectPath,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 60_000,
    })
    if (run.error) throw run.error
    if (run.status === 0) return []
    const problems = parseWcscErrors(projectPath, run.stderr.toString())
    return problems.length > 0
      ? problems
      : [{ file: null, message: `wcsc ended with ${run.signal ?? `exit ${run.status}`} and said nothing` }]
  } finally {
    wcsc.dispose()
  }
}

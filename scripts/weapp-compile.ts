/**
 * Compiles the built mini-program (default `dist/weapp`) with WeChat's own compiler
 * (miniprogram-ci, offline) with JS, WXML and WXSS minified, runs its code analysis, compiles every
 * WXSS again with WeChat's style compiler (`wcsc`, weapp-wxss.ts: miniprogram-ci only runs postcss
 * on it), and checks the compiled size of each package against WeChat's 2 MiB limit, which the
 * compiler does not enforce offline.
 *
 *   tsx scripts/weapp-compile.ts [projectPath]
 *
 * Prints one figure per package as `name value unit` (main, each subpackage root, total) and exits
 * non-zero naming the file and the compiler's code on any compile or analyse error, or naming the
 * package over the limit.
 *
 * The compiler runs in a child process with a temporary working directory: it leaves an
 * md5-named folder in its cwd and a file watcher (from the analysis) that keeps a process alive,
 * so the child is thrown away afterwards together with its cwd. Nothing is written into the project.
 */
import { fork } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import vm from 'node:vm'
import { compileWxss } from './weapp-wxss'

/** WeChat's limit for the main package and for each subpackage. */
export const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024
/** Minify everything: without it broken JS/WXML/WXSS passes through the compiler unchecked. */
const SETTING = { minifyJS: true, minifyWXML: true, minifyWXSS: true }
const WORKER_FLAG = '--compile-worker'
const ROOT = path.resolve(__dirname, '..')
const DEFAULT_PROJECT = path.join(ROOT, 'dist/weapp')

export interface PackageSize {
  /** `main` or the subpackage root as written in app.json (`supplier`). */
  name: string
  /** Null for the main package. */
  root: string | null
  bytes: number
  files: number
}

export interface Problem {
  kind: 'compile' | 'analyse' | 'size' | 'wxss'
  /** Path relative to the project, or the package name for `size`; null if nobody could name one. */
  file: string | null
  /** The compiler's error code (e.g. 10038 for WXML), when it gave one. */
  code: number | null
  message: string
}

export interface WeappCheckResult {
  ok: boolean
  projectPath: string
  /** Main first, then subpackages in app.json order; empty when the compile failed. */
  packages: PackageSize[]
  totalBytes: number
  /** Modules seen by the analysis (0 if it failed). */
  modules: number
  problems: Problem[]
  /** Non-fatal notes from the analysis. */
  warnings: string[]
  durationMs: number
}

export interface CheckOptions {
  /** Kill the compiler after this long (default 5 minutes). */
  timeoutMs?: number
  /** Run the code analysis too (default true); sizes alone need only the compile. */
  analyse?: boolean
}

// What the child reports over IPC. Only sizes cross the boundary, never file contents.
interface Failure {
  code: number | null
  message: string
  file: string | null
}
type CompileOutcome = { sizes: Record<string, number> } | { failure: Failure }
type AnalyseOutcome = { modules: number; errors: Array<{ file: string; message: string }>; warnings: string[] } | { failure: Failure }
interface WorkerReport {
  compiled: CompileOutcome
  analysed: AnalyseOutcome
}

function describe(error: unknown): Failure {
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {}
  return {
    code: typeof record.code === 'number' ? record.code : null,
    message: error instanceof Error ? error.message : String(error),
    file: typeof record.path === 'string' && record.path !== '' ? record.path : null,
  }
}

/** Runs in the child: compile, then (unless told not to) analyse, and send what was found. */
async function runWorker(projectPath: string, analyse: boolean): Promise<void> {
  // Without its parent nobody reads the result, and the analysis' watcher would keep us alive.
  process.on('disconnect', () => process.exit(1))
  const ci = createRequire(__filename)('miniprogram-ci') as typeof import('miniprogram-ci')
  const project = new ci.WebProject({ projectPath, ignores: ['node_modules/**/*'] })
  let compiled: CompileOutcome
  try {
    const result = await ci.getCompiledResult({ project, setting: SETTING, threads: 1 })
    const sizes: Record<string, number> = {}
    for (const [file, content] of Object.entries(result))
      sizes[file] = typeof content === 'string' ? Buffer.byteLength(content) : content.length
    compiled = { sizes }
  } catch (error) {
    compiled = { failure: describe(error) }
  }
  let analysed: AnalyseOutcome = { modules: 0, errors: [], warnings: [] }
  if (analyse)
    try {
      const result = await ci.analyseCode(project, { silent: true })
      if (!result) throw new Error('analyseCode returned nothing')
      const errors: Array<{ file: string; message: string }> = []
      const warnings: string[] = []
      for (const module of result.modules) {
        if (module.buildError) errors.push({ file: module.path, message: module.buildError })
        for (const message of module.errors ?? []) errors.push({ file: module.path, message })
        // An unresolved require is only visible here: the compiler itself lets it through.
        for (const dep of module.deps) if (dep.error) errors.push({ file: module.path, message: dep.error })
        for (const message of module.warnings ?? []) warnings.push(`${module.path}: ${message}`)
      }
      analysed = { modules: result.modules.length, errors, warnings }
    } catch (error) {
      analysed = { failure: describe(error) }
    }
  const report: WorkerReport = { compiled, analysed }
  // Exit explicitly: the analysis leaves a file watcher that would keep the process alive.
  if (process.send) process.send(report, undefined, {}, () => process.exit(0))
  else {
    console.log(JSON.stringify(report))
    process.exit(0)
  }
}

function runInChild(projectPath: string, timeoutMs: number, analyse: boolean): Promise<WorkerReport> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'weapp-compile-'))
  const tsx = pathToFileURL(createRequire(__filename).resolve('tsx')).href
  return new Promise<WorkerReport>((resolve, reject) => {
    const child = fork(__filename, [WORKER_FLAG, projectPath, analyse ? 'analyse' : 'no-analyse'], {
      cwd,
      execArgv: ['--import', tsx],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    })
    // The compiler is chatty; keep only the end of its output to explain a crash.
    let output = ''
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000)
    }
    child.stdout?.on('data', keep)
    child.stderr?.on('data', keep)
    let report: WorkerReport | undefined
    child.on('message', (message) => {
      report = message as WorkerReport
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      rmSync(cwd, { recursive: true, force: true })
      reject(error)
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      rmSync(cwd, { recursive: true, force: true })
      if (report) resolve(report)
      else if (timedOut) reject(new Error(`the compiler did not finish within ${timeoutMs} ms`))
      else reject(new Error(`the compiler process ended (${signal ?? `exit ${code}`}) without a result:\n${output}`))
    })
  })
}

/** Subpackage roots from app.json, without `./` or a trailing slash. */
function subpackageRoots(projectPath: string): string[] {
  const appJson: unknown = JSON.parse(readFileSync(path.join(projectPath, 'app.json'), 'utf8'))
  const app = typeof appJson === 'object' && appJson !== null ? (appJson as Record<string, unknown>) : {}
  const list = app.subPackages ?? app.subpackages ?? []
  if (!Array.isArray(list)) throw new Error(`${projectPath}/app.json: subPackages is not a list`)
  return list.map((entry: unknown, index) => {
    const root = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).root : undefined
    if (typeof root !== 'string' || root === '') throw new Error(`${projectPath}/app.json: subPackages[${index}] has no root`)
    return root.replace(/^\.\//, '').replace(/\/+$/, '')
  })
}

/** WeChat counts into the main package everything outside the subpackage roots. */
function packageSizes(sizes: Record<string, number>, roots: string[]): PackageSize[] {
  const packages: PackageSize[] = [
    { name: 'main', root: null, bytes: 0, files: 0 },
    ...roots.map((root) => ({ name: root, root, bytes: 0, files: 0 })),
  ]
  for (const [file, bytes] of Object.entries(sizes)) {
    const normalized = file.replace(/\\/g, '/').replace(/^\//, '')
    const target = packages.find((p) => p.root !== null && normalized.startsWith(`${p.root}/`)) ?? packages[0]
    target.bytes += bytes
    target.files += 1
  }
  return packages
}

function jsFiles(dir: string, base = dir): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) found.push(...jsFiles(full, base))
    else if (entry.name.endsWith('.js')) found.push(path.relative(base, full).split(path.sep).join('/'))
  }
  return found
}

/**
 * miniprogram-ci 2.1.42 loses the file name of a JS syntax error (10045): its terser error handler
 * itself throws "Cannot read properties of null". Find the culprit by parsing every JS file the way
 * WeChat wraps a module; V8's verdict stands in for terser's.
 */
function findJsSyntaxErrors(projectPath: string): Array<{ file: string; message: string }> {
  const found: Array<{ file: string; message: string }> = []
  for (const file of jsFiles(projectPath)) {
    try {
      vm.compileFunction(readFileSync(path.join(projectPath, file), 'utf8'), ['require', 'module', 'exports'], { filename: file })
    } catch (error) {
      // V8 puts `file:line` on the first line of the stack of a SyntaxError.
      const line = error instanceof Error ? /:(\d+)$/.exec(error.stack?.split('\n')[0] ?? '')?.[1] : undefined
      found.push({
        file,
        message: `${line === undefined ? '' : `line ${line}: `}${error instanceof Error ? error.message : String(error)}`,
      })
    }
  }
  return found
}

function relativeFile(projectPath: string, file: string): string {
  return path.isAbsolute(file) ? path.relative(projectPath, file).split(path.sep).join('/') : file
}

/** Compiles and analyses the project at `projectPath` and checks each package's compiled size. */
export async function checkWeapp(projectPath: string = DEFAULT_PROJECT, options: CheckOptions = {}): Promise<WeappCheckResult> {
  const started = performance.now()
  const project = path.resolve(projectPath)
  if (!existsSync(path.join(project, 'app.json'))) {
    throw new Error(`${project} has no app.json: build the mini-program first (npm run build:weapp) or pass the path of a built one`)
  }
  const roots = subpackageRoots(project)
  const report = await runInChild(project, options.timeoutMs ?? 5 * 60_000, options.analyse ?? true)
  const problems: Problem[] = []
  const warnings: string[] = []
  let packages: PackageSize[] = []

  if ('failure' in report.compiled) {
    const { code, message, file } = report.compiled.failure
    const culprits = file === null && code === 10045 ? findJsSyntaxErrors(project) : []
    if (culprits.length > 0) {
      for (const culprit of culprits) {
        problems.push({
          kind: 'compile',
          file: culprit.file,
          code,
          message: `${culprit.message} (found by re-parsing; the compiler said: ${message})`,
        })
      }
    } else {
      problems.push({ kind: 'compile', file: file === null ? null : relativeFile(project, file), code, message })
    }
  } else {
    packages = packageSizes(report.compiled.sizes, roots)
    for (const p of packages) {
      if (p.bytes > PACKAGE_LIMIT_BYTES) {
        const mib = (p.bytes / 1024 / 1024).toFixed(2)
        problems.push({
          kind: 'size',
          file: p.name,
          code: null,
          message: `package is ${p.bytes} B (${mib} MiB), over WeChat's limit of ${PACKAGE_LIMIT_BYTES} B (2 MiB) per package`,
        })
      }
    }
  }

  let modules = 0
  if ('failure' in report.analysed) {
    const { code, message, file } = report.analysed.failure
    problems.push({ kind: 'analyse', file: file === null ? null : relativeFile(project, file), code, message })
  } else {
    modules = report.analysed.modules
    warnings.push(...report.analysed.warnings)
    for (const error of report.analysed.errors) problems.push({ kind: 'analyse', file: error.file, code: null, message: error.message })
  }

  for (const { file, message } of compileWxss(project)) problems.push({ kind: 'wxss', file, code: null, message })

  return {
    ok: problems.length === 0,
    projectPath: project,
    packages,
    totalBytes: packages.reduce((sum, p) => sum + p.bytes, 0),
    modules,
    problems,
    warnings,
    durationMs: Math.round(performance.now() - started),
  }
}

/** One problem as a line a person can act on: file first, then the compiler's code and message. */
export function formatProblem(problem: Problem): string {
  const code = problem.code === null ? '' : ` [${problem.code}]`
  const where = problem.file ?? '(the compiler named no file)'
  return `${problem.kind} error: ${where}${code}: ${problem.message}`
}

async function cli(): Promise<void> {
  const arg = process.argv[2]
  const result = await checkWeapp(arg === undefined ? DEFAULT_PROJECT : path.resolve(arg))
  for (const p of result.packages) console.log(`weapp.package.${p.name} ${p.bytes} B`)
  if (result.packages.length > 0) console.log(`weapp.package.total ${result.totalBytes} B`)
  console.log(`weapp.compile.duration ${result.durationMs} ms`)
  for (const warning of result.warnings) console.error(`weapp-compile: warning: ${warning}`)
  for (const problem of result.problems) console.error(`weapp-compile: ${formatProblem(problem)}`)
  if (!result.ok) {
    console.error(`weapp-compile: FAILED for ${result.projectPath} (${result.problems.length} problem(s))`)
    process.exit(1)
  }
  console.error(`weapp-compile: OK (${result.modules} modules analysed, every package within 2 MiB)`)
}

// The same file is the CLI, the importable check, and (with WORKER_FLAG) the compiler's child.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) {
  const run = process.argv[2] === WORKER_FLAG ? runWorker(process.argv[3] ?? '', process.argv[4] !== 'no-analyse') : cli()
  run.catch((error: unknown) => {
    console.error(`weapp-compile: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  })
}

/**
 * Builds each cloud function into its own deployable folder under dist/cloudfunctions/<name>:
 * one bundled index.js (domain, data access and envelope bundled in, wx-server-sdk left external
 * because the platform installs it), a package.json naming wx-server-sdk, and its config.json
 * (triggers, openapi permissions). Symlinked or hand-copied shared folders break in WeChat DevTools.
 */
import { build } from 'esbuild'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const sourceDir = path.join(root, 'cloudfunctions')
const outDir = path.join(root, 'dist', 'cloudfunctions')
const sdkVersion = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
  .dependencies['wx-server-sdk']

/** A function is a folder of cloudfunctions/ with an index.ts; `lib` is shared code. */
export function functionNames(): string[] {
  return readdirSync(sourceDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'lib' && existsSync(path.join(sourceDir, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort()
}

async function buildFunction(name: string): Promise<void> {
  const target = path.join(outDir, name)
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  await build({
    entryPoints: [path.join(sourceDir, name, 'index.ts')],
    outfile: path.join(target, 'index.js'),
    bundle: true,
    platform: 'node',
    // WeChat cloud functions run on Node 16 or newer.
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'warning',
    legalComments: 'none',
  })
  const pkg = { name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': sdkVersion } }
  writeFileSync(path.join(target, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
  const configFile = path.join(sourceDir, name, 'config.json')
  const config = existsSync(configFile) ? readFileSync(configFile, 'utf8') : '{}\n'
  writeFileSync(path.join(target, 'config.json'), config)
}

/** A rule that lets no client in: only cloud functions (and the console) touch the data. */
const CLOSED = { read: false, write: false }
/** The storage read rule that keeps uploads private: the creator (and cloud functions) only; `false` is stricter still. */
const CREATOR_ONLY = new Set(['resource.openid == auth.openid', 'auth.openid == resource.openid'])
/**
 * The storage write rule: the creator, and only under a name `user.uploadPath` gives (the kinds and
 * extensions of src/domain/files.ts, a 24-hex nonce and 32-hex seal as in lib/platform/files.ts), so
 * no client plants a file in another user's folder; `false` is stricter still. Kept here, not
 * imported, because the build checks a copy of cloudfunctions/ alone.
 */
export const UPLOADS_WRITE_RULE =
  'resource.openid == auth.openid && /^uploads\\/(products|imports|avatars)\\/[0-9a-f]{56}\\.(png|jpg|gif|webp|csv|json)$/.test(resource.path) == true'

export interface Declarations {
  /** cloudfunctions/database.json */
  database: unknown
  /** cloudfunctions/storage.json (undefined when missing) */
  storage: unknown
  /** The functions' sources, to find every collection they use. */
  sources: Array<{ file: string; text: string }>
}

/** The collections a source names in `.collection('name')`, or through a `const NAME = 'name'` it passes. */
export function collectionsUsedIn(text: string): string[] {
  const constants = new Map([...text.matchAll(/const\s+([A-Z_]+)\s*=\s*'([^']+)'/g)].map((m) => [m[1]!, m[2]!]))
  return [...text.matchAll(/\.collection(?:<[^>]*>)?\(\s*('([^']*)'|[A-Za-z_]+)\s*\)/g)].map(
    (m) => m[2] ?? constants.get(m[1]!) ?? `<${m[1]!}>`,
  )
}

/**
 * Production rules: every collection the functions use is declared, and every declared
 * collection is closed to clients (the mini-program never touches the database); storage lets a
 * client read only the files it created and write only its own files under given upload names, or
 * nothing. What is wrong, one
 * line each (one per file and collection); empty when all is well.
 */
export function declarationProblems({ database, storage, sources }: Declarations): string[] {
  const problems: string[] = []
  const collections = (database as { collections?: Array<{ name?: unknown; rules?: unknown }> })?.collections
  if (!Array.isArray(collections)) return ['database.json: no "collections" list']
  const declared = new Set<string>()
  for (const collection of collections) {
    const name = String(collection.name)
    declared.add(name)
    if (JSON.stringify(collection.rules) !== JSON.stringify(CLOSED))
      problems.push(
        `database.json: collection "${name}" must be closed to clients, rules ${JSON.stringify(CLOSED)}; found ${JSON.stringify(collection.rules)}`,
      )
  }
  for (const { file, text } of sources)
    for (const name of new Set(collectionsUsedIn(text)))
      if (!declared.has(name)) problems.push(`${file}: uses collection "${name}", which database.json does not declare`)
  if (storage === undefined) return [...problems, 'storage.json: missing (the storage rules of uploads)']
  const rules = (storage as { rules?: Record<string, unknown> })?.rules
  if (!rules || typeof rules !== 'object') return [...problems, 'storage.json: no "rules"']
  for (const key of Object.keys(rules)) if (key !== 'read' && key !== 'write') problems.push(`storage.json: unknown rule "${key}"`)
  const read = rules.read
  if (read !== false && !(typeof read === 'string' && CREATOR_ONLY.has(read.trim())))
    problems.push(`storage.json: "read" must be false or creator-only ("resource.openid == auth.openid"); found ${JSON.stringify(read)}`)
  const write = rules.write
  if (write !== false && write !== UPLOADS_WRITE_RULE)
    problems.push(`storage.json: "write" must be false or ${JSON.stringify(UPLOADS_WRITE_RULE)}; found ${JSON.stringify(write)}`)
  return problems
}

function sourcesOf(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourcesOf(full)
    return entry.name.endsWith('.ts') ? [{ file: path.relative(root, full), text: readFileSync(full, 'utf8') }] : []
  })
}

/** The declarations of this repository, as the build checks them. */
export function repositoryDeclarations(): Declarations {
  const storageFile = path.join(sourceDir, 'storage.json')
  return {
    database: JSON.parse(readFileSync(path.join(sourceDir, 'database.json'), 'utf8')),
    storage: existsSync(storageFile) ? JSON.parse(readFileSync(storageFile, 'utf8')) : undefined,
    sources: functionNames()
      .map((name) => path.join(sourceDir, name))
      .concat(path.join(sourceDir, 'lib'))
      .flatMap(sourcesOf),
  }
}

async function main(): Promise<void> {
  const problems = declarationProblems(repositoryDeclarations())
  if (problems.length > 0) {
    console.error(`refusing to build: the production rules are open or incomplete\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    process.exit(1)
  }
  const names = functionNames()
  await Promise.all(names.map(buildFunction))
  console.log(`built ${names.length} cloud functions → ${path.relative(root, outDir)}: ${names.join(', ')}`)
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}

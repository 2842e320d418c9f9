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

async function main(): Promise<void> {
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

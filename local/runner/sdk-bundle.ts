import { build } from 'esbuild'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { writeFileAtomicSync } from '../atomic-file'
import { moduleDirname } from '../build'

/**
 * The wx-server-sdk the functions require, as one bundled file. Loaded from its package tree, the SDK
 * spends half of every cold start resolving and reading its ≈ 300 modules (≈ 0.5 s of CPU against
 * ≈ 0.25 s bundled), and a function instance starts in a fresh thread each time. The code is the
 * same; only how Node finds it changes. Built once per install into node_modules/.cache.
 */

/** Bump when the recipe below changes, so no older bundle is reused. */
const RECIPE = 2

let building: Promise<string> | undefined

/** The path of the bundled SDK, built first if this version has none yet. */
export function sdkBundle(): Promise<string> {
  building ??= ensureBundle().catch((error: unknown) => {
    building = undefined
    throw error
  })
  return building
}

async function ensureBundle(): Promise<string> {
  const resolver = createRequire(__filename)
  const manifest = resolver.resolve('wx-server-sdk/package.json')
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }
  const nodeModules = dirname(dirname(manifest))
  // npm rewrites this file on every install: an update of one of the SDK's own dependencies gets a new bundle.
  const installed = statSync(join(nodeModules, '.package-lock.json'), { throwIfNoEntry: false })?.mtimeMs ?? 0
  const file = join(nodeModules, '.cache', 'wegong-local', `wx-server-sdk-${version}-r${RECIPE}-${Math.round(installed).toString(36)}.cjs`)
  if (existsSync(file)) return file
  const result = await build({
    entryPoints: [resolver.resolve('wx-server-sdk')],
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    write: false,
    // @cloudbase/node-sdk reads its version from `__dirname/../../package.json` for the headers it sends.
    plugins: [moduleDirname(/\.c?js$/, 'js', (dir) => JSON.stringify(dir))],
    logLevel: 'error',
    legalComments: 'none',
  })
  // Written whole or not at all: another process may be building the same file at the same time.
  writeFileAtomicSync(file, Buffer.from(result.outputFiles[0]!.contents))
  return file
}

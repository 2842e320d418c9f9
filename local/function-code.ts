import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { unzip } from './zip'

/** A refused bundle, with the management API's error code. */
export class CodeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Unpacks a function's zip next to its live folder and swaps it in whole, so a call never sees half
 * a bundle; with `install`, its dependencies are installed first (云端安装依赖).
 */
export function installFunction(target: string, zip: Buffer, install: boolean): void {
  let files: Map<string, Buffer>
  try {
    files = unzip(zip)
  } catch (error) {
    throw new CodeError('InvalidParameterValue.Code', (error as Error).message)
  }
  const staging = `${target}.new`
  rmSync(staging, { recursive: true, force: true })
  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(staging, path)), { recursive: true })
    writeFileSync(join(staging, path), bytes)
  }
  if (!existsSync(join(staging, 'index.js'))) throw new CodeError('InvalidParameterValue.Code', 'the zip has no index.js at its root')
  if (install) installDependencies(staging)
  rmSync(target, { recursive: true, force: true })
  renameSync(staging, target)
}

/**
 * Each dependency the bundle's package.json names is linked to the local cloud's own copy (WeChat
 * installs wx-server-sdk from npm; here it is the one the local cloud runs with).
 */
function installDependencies(dir: string): void {
  const manifest = join(dir, 'package.json')
  if (!existsSync(manifest)) return
  const { dependencies = {} } = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string> }
  const resolver = createRequire(__filename)
  for (const name of Object.keys(dependencies)) {
    let source: string
    try {
      source = dirname(resolver.resolve(`${name}/package.json`))
    } catch {
      throw new CodeError('FailedOperation.InstallDependency', `dependency ${name} is not available to the local cloud`)
    }
    const link = join(dir, 'node_modules', name)
    mkdirSync(dirname(link), { recursive: true })
    symlinkSync(source, link, 'dir')
  }
}

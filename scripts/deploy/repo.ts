/**
 * What the repo declares, read into the planner's shape: collections, indexes and rules from
 * cloudfunctions/database.json, the storage rule from storage.json, and each built function of
 * dist/cloudfunctions (its bundle's hash, config.json's timeout, memory and timers) with the
 * variables the chosen environment gives it.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { type CollectionState, type EnvironmentState, type FunctionState, canonicalJson } from './model'

/** CloudBase's defaults for a function whose config.json leaves them out. */
const DEFAULT_TIMEOUT_S = 3
const DEFAULT_MEMORY_MB = 256

interface DatabaseFile {
  collections: Array<{
    name: string
    rules: unknown
    indexes?: Array<{ name: string; unique?: boolean; keys: Array<{ field: string; direction: 1 | -1 }> }>
  }>
}

interface FunctionConfigFile {
  timeout?: number
  memorySize?: number
  triggers?: Array<{ name: string; type: string; config: string }>
}

export function readCollections(databaseFile: string): CollectionState[] {
  const file = JSON.parse(readFileSync(databaseFile, 'utf8')) as DatabaseFile
  return file.collections.map((c) => ({
    name: c.name,
    rule: canonicalJson(c.rules),
    indexes: (c.indexes ?? []).map((i) => ({
      name: i.name,
      unique: i.unique ?? false,
      keys: i.keys.map((k) => ({ field: k.field, direction: k.direction })),
    })),
  }))
}

export function readStorageRule(storageFile: string): string {
  return canonicalJson((JSON.parse(readFileSync(storageFile, 'utf8')) as { rules: unknown }).rules)
}

/** sha256 over every file of a bundle folder, by relative path, so any change of code or config.json shows. */
export function bundleSha256(dir: string): string {
  const hash = createHash('sha256')
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const relPath = rel ? `${rel}/${name}` : name
      const full = path.join(dir, relPath)
      if (statSync(full).isDirectory()) walk(relPath)
      else hash.update(`${relPath}\0`).update(readFileSync(full)).update('\0')
    }
  }
  walk('')
  return hash.digest('hex')
}

/** The built functions, one folder each (npm run build:functions); timers are the only trigger kind used. */
export function readFunctions(bundlesDir: string, variablesOf: (fn: string) => Record<string, string>): FunctionState[] {
  if (!existsSync(bundlesDir)) throw new Error(`${bundlesDir} is missing: run npm run build:functions first`)
  return readdirSync(bundlesDir)
    .filter((name) => existsSync(path.join(bundlesDir, name, 'index.js')))
    .sort()
    .map((name) => {
      const dir = path.join(bundlesDir, name)
      const configFile = path.join(dir, 'config.json')
      const config = (existsSync(configFile) ? JSON.parse(readFileSync(configFile, 'utf8')) : {}) as FunctionConfigFile
      const triggers = (config.triggers ?? []).map((t) => {
        if (t.type !== 'timer')
          throw new Error(`${configFile}: trigger "${t.name}" is of type "${t.type}"; only timer triggers are deployed`)
        return { name: t.name, config: t.config }
      })
      return {
        name,
        codeSha256: bundleSha256(dir),
        timeout: config.timeout ?? DEFAULT_TIMEOUT_S,
        memory: config.memorySize ?? DEFAULT_MEMORY_MB,
        variables: variablesOf(name),
        triggers,
      }
    })
}

export interface RepoPaths {
  root: string
  /** Default dist/cloudfunctions. */
  bundlesDir?: string
}

export function readDeclaration(paths: RepoPaths, variablesOf: (fn: string) => Record<string, string>): EnvironmentState {
  const source = path.join(paths.root, 'cloudfunctions')
  return {
    collections: readCollections(path.join(source, 'database.json')),
    storageRule: readStorageRule(path.join(source, 'storage.json')),
    functions: readFunctions(paths.bundlesDir ?? path.join(paths.root, 'dist', 'cloudfunctions'), variablesOf),
  }
}

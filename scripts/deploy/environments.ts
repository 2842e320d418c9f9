/**
 * environments.json: names (local, staging, production) → CloudBase environment id and the
 * functions' variables. A variable's value is either written there (not secret) or `{"secret":
 * "NAME"}`, read from the process environment or the secrets file outside the repo.
 */
import { existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export type VariableValue = string | { secret: string }

export interface EnvironmentConfig {
  envId: string
  /** Where `npm run deploy` talks to; absent for WeChat's own CloudBase (the local cloud sets it). */
  endpoint?: string
  /** `"*"` applies to every function; a function's own entry adds to it and wins. */
  variables: Record<string, Record<string, VariableValue>>
  /** miniprogram-ci: the AppID and the robot that uploads for this environment. */
  appid?: string
  robot?: number
}

export interface EnvironmentsFile {
  environments: Record<string, EnvironmentConfig>
}

/** The management API keys, the upload key and any secret variable come from here, never from the repo. */
export class Secrets {
  private constructor(
    private readonly values: Record<string, string>,
    private readonly source: string,
  ) {}

  /**
   * The process environment wins over the file. The file is `--secrets`, WEGONG_SECRETS_FILE or
   * ~/.wegong/secrets.json; one inside the repo is refused so it cannot be committed.
   */
  static load(repoRoot: string, file?: string): Secrets {
    const chosen = file ?? process.env.WEGONG_SECRETS_FILE ?? path.join(os.homedir(), '.wegong', 'secrets.json')
    const resolved = path.resolve(chosen)
    const rel = path.relative(path.resolve(repoRoot), resolved)
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
      throw new Error(
        `the secrets file ${resolved} is inside the repo; keep it outside (e.g. ~/.wegong/secrets.json) so it is never committed`,
      )
    }
    const fromFile = existsSync(resolved) ? (JSON.parse(readFileSync(resolved, 'utf8')) as Record<string, string>) : {}
    const fromEnv = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'))
    return new Secrets({ ...fromFile, ...fromEnv }, resolved)
  }

  static of(values: Record<string, string>): Secrets {
    return new Secrets(values, 'the given values')
  }

  /** The value, or an error naming the missing secret and where it may be set (never a value). */
  get(name: string): string {
    const value = this.values[name]
    if (value === undefined || value === '') {
      throw new Error(`missing secret ${name}: set it in the environment or in ${this.source}`)
    }
    return value
  }
}

export function readEnvironments(file: string): EnvironmentsFile {
  return JSON.parse(readFileSync(file, 'utf8')) as EnvironmentsFile
}

export function chooseEnvironment(file: EnvironmentsFile, name: string): EnvironmentConfig {
  const config = file.environments[name]
  if (!config) throw new Error(`unknown environment "${name}"; environments.json names ${Object.keys(file.environments).join(', ')}`)
  return config
}

/** The resolved variables of one function (secrets read now, so a missing one stops before any plan). */
export function variablesFor(config: EnvironmentConfig, secrets: Secrets): (fn: string) => Record<string, string> {
  return (fn) => {
    const merged = { ...(config.variables['*'] ?? {}), ...(config.variables[fn] ?? {}) }
    return Object.fromEntries(
      Object.entries(merged).map(([key, value]) => [key, typeof value === 'string' ? value : secrets.get(value.secret)]),
    )
  }
}

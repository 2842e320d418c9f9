import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { parseCron, type CronSchedule } from './cron'

/** WeChat function names: a letter, then letters, digits, `-` or `_`, at most 60 characters. */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/

const FunctionConfig = z.object({
  triggers: z.array(z.object({ name: z.string().min(1), type: z.string(), config: z.string() })).default([]),
  /** 云调用: the openapi names the function may call; WeChat refuses any other with -604101. */
  permissions: z.object({ openapi: z.array(z.string()).default([]) }).default({ openapi: [] }),
})

export interface TimerTrigger {
  functionName: string
  name: string
  cron: string
  schedule: CronSchedule
}

/** The built functions, one folder each with `index.js` and optionally `config.json` (as deployed). */
export class FunctionsDir {
  constructor(readonly dir: string) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new Error(`functions dir ${dir} does not exist; build the functions first (npm run build:functions)`)
    }
  }

  /** The entry file of a function, or null: a function is deployed once its `index.js` exists. */
  entry(name: string): string | null {
    if (!FUNCTION_NAME.test(name)) return null
    const file = join(this.dir, name, 'index.js')
    return existsSync(file) ? file : null
  }

  names(): string[] {
    return readdirSync(this.dir)
      .filter((name) => this.entry(name) !== null)
      .sort()
  }

  /** The openapi names a function's config.json declares (none without one), read at each call as deployed code is. */
  openApiPermissions(functionName: string): string[] {
    const file = join(this.dir, functionName, 'config.json')
    if (!existsSync(file)) return []
    const parsed = FunctionConfig.safeParse(readJson(file))
    return parsed.success ? parsed.data.permissions.openapi : []
  }

  /** Timer triggers of every function; a malformed config.json or cron fails the start. */
  timerTriggers(): TimerTrigger[] {
    return this.names().flatMap((functionName) => {
      const file = join(this.dir, functionName, 'config.json')
      if (!existsSync(file)) return []
      const parsed = FunctionConfig.safeParse(readJson(file))
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`)
      return parsed.data.triggers
        .filter((trigger) => trigger.type === 'timer')
        .map((trigger) => ({ functionName, name: trigger.name, cron: trigger.config, schedule: parseCron(trigger.config) }))
    })
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`)
  }
}

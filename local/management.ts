/**
 * The management door of a managed local cloud: the Tencent Cloud API 3.0 actions of CloudBase
 * (tcb 2018-06-08) and its functions (scf 2018-04-16) that `npm run deploy` makes through
 * @cloudbase/manager-node, at `POST /tcapi/<service>` with the action in `X-TC-Action`. Collections
 * and indexes are the store's own; rules, functions, variables and timers live in management.json
 * next to it, and deployed code under functions/. Signatures are not checked: loopback only.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { writeFileAtomicSync } from './atomic-file'
import { type IndexDeclaration, type LocalDatabase } from './db'
import { MiB, readBody, sendJson } from './http'
import { CodeError, installFunction } from './function-code'
import { storageWriteRuleOf } from './storage-rule'

/** CreateFunction takes a base64 zip of at most 1.5 MB in the request (bigger ones go through COS). */
const BODY_LIMIT = 4 * MiB

export interface ManagedFunction {
  runtime: string
  handler: string
  timeout: number
  memory: number
  description: string
  variables: Array<{ Key: string; Value: string }>
  triggers: Array<{ TriggerName: string; Type: string; TriggerDesc: string }>
  modTime: string
}

export interface ManagementState {
  /** The store's indexes per collection, so a restart declares them again. */
  collections: Record<string, IndexDeclaration[]>
  rules: Record<string, { AclTag: string; Rule?: string }>
  storage: { AclTag: string; Rule?: string }
  functions: Record<string, ManagedFunction>
}

export interface ManagementDeps {
  envId: string
  db: LocalDatabase
  stateFile: string
  /** Where deployed code is unpacked, one folder per function (the runner's functions dir). */
  functionsDir: string
  now: () => number
  /** A function's code or variables changed: its warm instances must go. */
  codeChanged: (functionName: string) => void
  /** The set of timer triggers changed. */
  triggersChanged: () => void
  /** The storage rule changed: front-end writes are judged by the new one from now on. */
  storageRuleChanged: () => void
}

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

type Params = Record<string, unknown>

export function readManagementState(file: string): ManagementState {
  if (!existsSync(file)) return { collections: {}, rules: {}, storage: { AclTag: 'PRIVATE' }, functions: {} }
  return JSON.parse(readFileSync(file, 'utf8')) as ManagementState
}

export class Management {
  readonly state: ManagementState

  constructor(private readonly deps: ManagementDeps) {
    this.state = readManagementState(deps.stateFile)
    mkdirSync(deps.functionsDir, { recursive: true })
  }

  async handle(req: IncomingMessage, res: ServerResponse, service: string): Promise<void> {
    const RequestId = randomBytes(8).toString('hex')
    const action = String(req.headers['x-tc-action'] ?? '')
    try {
      const params = JSON.parse((await readBody(req, BODY_LIMIT)).toString('utf8') || '{}') as Params
      const answer = await this.dispatch(service, action, params)
      sendJson(res, 200, { Response: { ...answer, RequestId } })
    } catch (error) {
      const { code, message } = error instanceof ApiError ? error : { code: 'InternalError', message: (error as Error).message }
      sendJson(res, 200, { Response: { Error: { Code: code, Message: message }, RequestId } })
    }
  }

  private dispatch(service: string, action: string, p: Params): Params | Promise<Params> {
    const handler = (service === 'tcb' ? this.tcb : service === 'scf' ? this.scf : {})[action]
    if (!handler) throw new ApiError('UnsupportedOperation', `the local cloud does not implement ${service}:${action}`)
    if (service === 'tcb' && action !== 'DescribeEnvInfo' && p.EnvId !== undefined && p.EnvId !== this.deps.envId) {
      throw new ApiError('ResourceNotFound.Env', `no environment ${String(p.EnvId)}`)
    }
    return handler(p)
  }

  private readonly tcb: Record<string, (p: Params) => Params | Promise<Params>> = {
    DescribeEnvInfo: (p) => {
      if (p.EnvId !== this.deps.envId) throw new ApiError('ResourceNotFound.Env', `no environment ${String(p.EnvId)}`)
      const region = 'ap-shanghai'
      return {
        EnvInfo: {
          EnvBaseInfo: {
            EnvId: this.deps.envId,
            Alias: 'local',
            Status: 'NORMAL',
            Region: region,
            Databases: [{ InstanceId: `${this.deps.envId}-db`, Status: 'RUNNING', Region: region }],
            Storages: [{ Region: region, Bucket: `${this.deps.envId}-1250000000`, AppId: '1250000000' }],
            Functions: [{ Namespace: this.deps.envId, Region: region }],
            LogServices: [],
            CustomLogServices: [],
          },
        },
      }
    },
    ListTables: (p) => {
      const names = this.deps.db.collectionNames()
      const offset = num(p.MgoOffset, 0)
      const limit = num(p.MgoLimit, 100)
      const page = names.slice(offset, offset + limit)
      return {
        Tables: page.map((name) => ({
          TableName: name,
          Count: this.deps.db.count(name),
          Size: 0,
          IndexCount: this.deps.db.indexesOf(name).length,
          IndexSize: 0,
        })),
        Pager: { Offset: offset, Limit: limit, Total: names.length },
      }
    },
    DescribeTable: (p) => {
      const indexes = this.indexesOf(str(p, 'TableName'))
      return {
        Indexes: [{ Name: '_id_', Unique: true, Keys: [{ Name: '_id', Direction: '1' }] }, ...indexes.map(toTableIndex)],
        IndexNum: indexes.length + 1,
      }
    },
    CreateTable: (p) => {
      const name = str(p, 'TableName')
      if (this.deps.db.collectionNames().includes(name)) throw new ApiError('ResourceInUse', `collection ${name} exists`)
      this.deps.db.createCollection(name)
      this.state.collections[name] = []
      this.save()
      return {}
    },
    UpdateTable: (p) => {
      const name = str(p, 'TableName')
      const current = this.indexesOf(name)
      const creates = (p.CreateIndexes ?? []) as Array<{
        IndexName: string
        MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique?: boolean }
      }>
      const drops = (p.DropIndexes ?? []) as Array<{ IndexName: string }>
      if (creates.length > 0 && drops.length > 0)
        throw new ApiError('InvalidParameter', 'CreateIndexes and DropIndexes cannot be given in one call')
      let next = current.filter((ix) => !drops.some((d) => d.IndexName === ix.name))
      for (const d of drops)
        if (!current.some((ix) => ix.name === d.IndexName)) throw new ApiError('ResourceNotFound', `no index ${d.IndexName} on ${name}`)
      for (const c of creates) {
        if (next.some((ix) => ix.name === c.IndexName)) throw new ApiError('ResourceInUse', `index ${c.IndexName} exists on ${name}`)
        const keys = c.MgoKeySchema.MgoIndexKeys.map((k) => ({ field: k.Name, direction: (k.Direction === '-1' ? -1 : 1) as 1 | -1 }))
        next = [...next, { name: c.IndexName, unique: c.MgoKeySchema.MgoIsUnique === true, keys }]
      }
      try {
        this.deps.db.setIndexes(name, next)
      } catch (error) {
        throw new ApiError('FailedOperation', (error as Error).message)
      }
      this.state.collections[name] = next
      this.save()
      return {}
    },
    DescribeSafeRule: (p) => {
      const name = str(p, 'CollectionName')
      this.indexesOf(name)
      // A collection made through the API starts readable and writable by its creator only.
      return this.state.rules[name] ?? { AclTag: 'PRIVATE' }
    },
    ModifySafeRule: (p) => {
      const name = str(p, 'CollectionName')
      this.indexesOf(name)
      this.state.rules[name] = rule(p)
      this.save()
      return {}
    },
    DescribeStorageSafeRule: () => ({ ...this.state.storage }),
    ModifyStorageSafeRule: (p) => {
      const next = rule(p)
      // A rule the storage cannot evaluate is refused here rather than guessed at while it runs.
      try {
        storageWriteRuleOf(next)
      } catch (error) {
        throw new ApiError('InvalidParameterValue.Rule', (error as Error).message)
      }
      this.state.storage = next
      this.save()
      this.deps.storageRuleChanged()
      return {}
    },
    ListFunctions: (p) => {
      const names = Object.keys(this.state.functions).sort()
      const offset = num(p.Offset, 0)
      const page = names.slice(offset, offset + num(p.Limit, 20))
      return {
        Functions: page.map((name) => ({ FunctionName: name, Runtime: this.state.functions[name].runtime, Status: 'Active' })),
        TotalCount: names.length,
      }
    },
    RunCommands: async (p) => {
      const commands = (p.MgoCommands ?? []) as Array<{ TableName: string; CommandType: string; Command: string }>
      const Data: string[] = []
      for (const c of commands) Data.push(JSON.stringify(await this.runCommand(c)))
      return { Data }
    },
  }

  private readonly scf: Record<string, (p: Params) => Params> = {
    GetFunction: (p) => {
      const name = str(p, 'FunctionName')
      const fn = this.fn(name)
      return {
        FunctionName: name,
        Namespace: this.deps.envId,
        Runtime: fn.runtime,
        Handler: fn.handler,
        Timeout: fn.timeout,
        MemorySize: fn.memory,
        Description: fn.description,
        Environment: { Variables: fn.variables },
        Triggers: fn.triggers.map((t) => ({ ...t, TriggerDesc: JSON.stringify({ cron: t.TriggerDesc }) })),
        Status: 'Active',
        StatusReasons: [],
        ModTime: fn.modTime,
      }
    },
    CreateFunction: (p) => {
      const name = str(p, 'FunctionName')
      if (this.state.functions[name]) throw new ApiError('ResourceInUse.Function', `function ${name} exists`)
      this.install(name, p)
      this.state.functions[name] = {
        runtime: String(p.Runtime ?? 'Nodejs16.13'),
        handler: String(p.Handler ?? 'index.main'),
        timeout: num(p.Timeout, 3),
        memory: num(p.MemorySize, 256),
        description: String(p.Description ?? ''),
        variables: variables(p) ?? [],
        triggers: [],
        modTime: this.stamp(),
      }
      this.save()
      return {}
    },
    UpdateFunctionCode: (p) => {
      const name = str(p, 'FunctionName')
      this.fn(name)
      this.install(name, p)
      this.state.functions[name].modTime = this.stamp()
      this.save()
      return {}
    },
    UpdateFunctionConfiguration: (p) => {
      const fn = this.fn(str(p, 'FunctionName'))
      if (p.Timeout !== undefined) fn.timeout = num(p.Timeout, fn.timeout)
      if (p.MemorySize !== undefined) fn.memory = num(p.MemorySize, fn.memory)
      if (p.Description !== undefined) fn.description = String(p.Description)
      fn.variables = variables(p) ?? fn.variables
      fn.modTime = this.stamp()
      this.save()
      this.deps.codeChanged(str(p, 'FunctionName'))
      return {}
    },
    BatchCreateTrigger: (p) => {
      const fn = this.fn(str(p, 'FunctionName'))
      const triggers = JSON.parse(str(p, 'Triggers')) as Array<{ TriggerName: string; Type: string; TriggerDesc: string }>
      for (const t of triggers) {
        if (t.Type !== 'timer') throw new ApiError('InvalidParameterValue.Type', `trigger type ${t.Type} is not served locally`)
        if (fn.triggers.some((e) => e.TriggerName === t.TriggerName))
          throw new ApiError('ResourceInUse.Trigger', `trigger ${t.TriggerName} exists`)
      }
      fn.triggers.push(...triggers.map((t) => ({ TriggerName: t.TriggerName, Type: t.Type, TriggerDesc: t.TriggerDesc })))
      this.save()
      this.deps.triggersChanged()
      return {}
    },
    DeleteTrigger: (p) => {
      const fn = this.fn(str(p, 'FunctionName'))
      const name = str(p, 'TriggerName')
      if (!fn.triggers.some((t) => t.TriggerName === name)) throw new ApiError('ResourceNotFound.Trigger', `no trigger ${name}`)
      fn.triggers = fn.triggers.filter((t) => t.TriggerName !== name)
      this.save()
      this.deps.triggersChanged()
      return {}
    },
    DeleteFunction: (p) => {
      const name = str(p, 'FunctionName')
      this.fn(name)
      delete this.state.functions[name]
      this.save()
      rmSync(join(this.deps.functionsDir, name), { recursive: true, force: true })
      this.deps.codeChanged(name)
      this.deps.triggersChanged()
      return {}
    },
  }

  private indexesOf(collection: string): IndexDeclaration[] {
    if (!this.deps.db.collectionNames().includes(collection)) throw new ApiError('ResourceNotFound', `no collection ${collection}`)
    return this.deps.db.indexesOf(collection)
  }

  private fn(name: string): ManagedFunction {
    const fn = this.state.functions[name]
    if (!fn) throw new ApiError('ResourceNotFound.Function', `no function ${name}`)
    return fn
  }

  /** Unpacks `Code.ZipFile` and swaps it in (local/function-code.ts). */
  private install(name: string, p: Params): void {
    const zip = (p.Code as { ZipFile?: string } | undefined)?.ZipFile
    if (!zip) throw new ApiError('InvalidParameterValue.Code', 'the local cloud takes code as Code.ZipFile (deployMode "zip")')
    try {
      installFunction(join(this.deps.functionsDir, name), Buffer.from(zip, 'base64'), p.InstallDependency !== 'FALSE')
    } catch (error) {
      throw new ApiError(error instanceof CodeError ? error.code : 'InternalError', (error as Error).message)
    }
    this.deps.codeChanged(name)
  }

  /** `aggregate` with $group, $match and $limit stages: what the deploy's unique-index probe sends. */
  private async runCommand(c: { TableName: string; CommandType: string; Command: string }): Promise<unknown> {
    const command = JSON.parse(c.Command) as { aggregate?: string; pipeline?: Array<Record<string, unknown>> }
    if (c.CommandType !== 'COMMAND' || !command.aggregate || !Array.isArray(command.pipeline)) {
      throw new ApiError('UnsupportedOperation', 'the local cloud runs only aggregate commands')
    }
    this.indexesOf(command.aggregate)
    // The store's own aggregate, as a function's `aggregate()` reaches it (stages as EJSON text).
    const stages = command.pipeline.map((stage) => {
      const [stageKey] = Object.keys(stage)
      return { stageKey, stageValue: JSON.stringify(stage[stageKey]) }
    })
    const answer = (await this.deps.db.handle({ action: 'database.aggregateDocuments', collectionName: command.aggregate, stages })) as {
      data: { list: string[] }
    }
    const firstBatch = answer.data.list.map((text) => JSON.parse(text) as unknown)
    return { cursor: { firstBatch, id: 0 }, ok: 1 }
  }

  private stamp(): string {
    return new Date(this.deps.now()).toISOString()
  }

  private save(): void {
    writeFileAtomicSync(this.deps.stateFile, JSON.stringify(this.state, null, 2))
  }
}

function toTableIndex(ix: IndexDeclaration) {
  return {
    Name: ix.name,
    Unique: ix.unique === true,
    Keys: ix.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })),
    Size: 0,
  }
}

function rule(p: Params): { AclTag: string; Rule?: string } {
  const AclTag = str(p, 'AclTag')
  if (AclTag !== 'CUSTOM') return { AclTag }
  const Rule = str(p, 'Rule')
  try {
    JSON.parse(Rule)
  } catch {
    throw new ApiError('InvalidParameterValue.Rule', 'Rule is not JSON')
  }
  return { AclTag, Rule }
}

function variables(p: Params): Array<{ Key: string; Value: string }> | undefined {
  const env = p.Environment as { Variables?: Array<{ Key: string; Value: string }> } | undefined
  return env?.Variables?.map((v) => ({ Key: String(v.Key), Value: String(v.Value) }))
}

function str(p: Params, key: string): string {
  const value = p[key]
  if (typeof value !== 'string' || value === '') throw new ApiError('MissingParameter', `${key} is required`)
  return value
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

/**
 * The environment's live state and each plan step, through CloudBase's own management SDK
 * (@cloudbase/manager-node: TC3-signed Tencent Cloud API calls). docs/decisions/deploy.md says why
 * this library and which actions each step makes.
 */
import CloudBase from '@cloudbase/manager-node'
import { CloudService } from '@cloudbase/manager-node/lib/utils'
import { type CollectionState, type Duplicates, type EnvironmentState, type FunctionState, type IndexState, canonicalJson } from './model'
import type { Step } from './plan'

/** The Description stamp that says which bundle a function runs (CloudBase keeps no hash of ours). */
const BUNDLE_STAMP = 'wegong bundle '
const RUNTIME = 'Nodejs16.13'
/** Keys shown for a unique index the data violates: enough to find them, not a dump. */
const MAX_DUPLICATES = 20

export interface Connection {
  envId: string
  secretId: string
  secretKey: string
  /**
   * Sends every Tencent Cloud API call to `<endpoint>/tcapi/<service>` instead of
   * `https://<service>.tencentcloudapi.com`: the local cloud's management door.
   */
  endpoint?: string
  /**
   * How often a function's status is read while the library waits for it to be Active. Unset, the
   * library's own wait runs (a read every second, polite to CloudBase); the local cloud answers a
   * finished install as Active at once, so a deploy against it reads every 50 ms (LOCAL_STATUS_POLL_MS).
   */
  statusPollMs?: number
}

/** The status interval against a local endpoint: ~24 waits per full deploy cost 1.2 s instead of 24 s. */
export const LOCAL_STATUS_POLL_MS = 50
/** The library's own give-up time for a function that never becomes Active. */
const STATUS_TIMEOUT_MS = 300_000

let endpointOverride: string | undefined

/**
 * manager-node builds each service's URL in CloudService.baseUrl and offers no override for scf
 * and flexdb (TCB_BASE_URL covers tcb alone): the getter is replaced once, and it keeps the
 * library's own URL unless an endpoint is set. Everything else (signing, actions, parameters) is
 * the library's unchanged.
 */
function pointAt(endpoint: string | undefined): void {
  if (endpointOverride === undefined) {
    const original = Object.getOwnPropertyDescriptor(CloudService.prototype, 'baseUrl')?.get
    if (!original) throw new Error('@cloudbase/manager-node: CloudService.baseUrl not found (library changed?)')
    Object.defineProperty(CloudService.prototype, 'baseUrl', {
      configurable: true,
      get(this: { service: string }) {
        return endpointOverride ? `${endpointOverride}/tcapi/${this.service}` : original.call(this)
      },
    })
  }
  endpointOverride = endpoint ?? ''
}

interface TableIndex {
  Name: string
  Unique?: boolean
  Keys?: Array<{ Name?: string; Direction?: string }>
}

interface FunctionDetail {
  FunctionName: string
  Timeout: number
  MemorySize: number
  Description?: string
  Environment?: { Variables?: Array<{ Key: string; Value: string }> }
  Triggers?: Array<{ TriggerName: string; Type: string; TriggerDesc: string }>
}

export class CloudBaseEnvironment {
  private readonly app: CloudBase

  constructor(
    connection: Connection,
    private readonly bundlesDir: string,
  ) {
    pointAt(connection.endpoint)
    this.app = new CloudBase({ envId: connection.envId, secretId: connection.secretId, secretKey: connection.secretKey })
    const pollMs = connection.statusPollMs ?? (connection.endpoint ? LOCAL_STATUS_POLL_MS : undefined)
    if (pollMs !== undefined) pollStatusEvery(this.app.functions as unknown as StatusWaiter, pollMs)
  }

  /** The live state, and for the unique indexes the declaration would build, the keys the data repeats. */
  async read(declared: EnvironmentState): Promise<{ live: EnvironmentState; duplicates: Duplicates }> {
    const collections: CollectionState[] = []
    const listed = await this.app.database.listCollections({ MgoLimit: 1000, MgoOffset: 0 })
    for (const { CollectionName: name } of listed.Collections as Array<{ CollectionName: string }>) {
      const table = (await this.app.database.describeCollection(name)) as { Indexes?: TableIndex[] }
      const rule = (await this.tcb('DescribeSafeRule', { CollectionName: name })) as { Rule?: string; AclTag?: string }
      collections.push({
        name,
        rule: rule.AclTag === 'CUSTOM' && rule.Rule ? canonicalJson(JSON.parse(rule.Rule)) : `${rule.AclTag ?? ''}`,
        indexes: (table.Indexes ?? []).map(toIndex),
      })
    }
    const storage = (await this.app.storage.getStorageAcl({ withRule: true })) as { acl: string; rule?: unknown }
    const functions: FunctionState[] = []
    for (const { FunctionName: name } of await this.app.functions.listFunctions(100, 0)) {
      functions.push(toFunction((await this.app.functions.getFunctionDetail(name)) as unknown as FunctionDetail))
    }
    const live = { collections, storageRule: storage.acl === 'CUSTOM' && storage.rule ? canonicalJson(storage.rule) : null, functions }
    return { live, duplicates: await this.duplicates(declared, live) }
  }

  private async duplicates(declared: EnvironmentState, live: EnvironmentState): Promise<Duplicates> {
    const result: Duplicates = {}
    const existing = new Set(live.collections.map((c) => c.name))
    for (const collection of declared.collections) {
      if (!existing.has(collection.name)) continue
      for (const index of collection.indexes.filter((i) => i.unique)) {
        const keys = await this.repeatedKeys(collection.name, index)
        if (keys.length > 0) (result[collection.name] ??= {})[index.name] = keys
      }
    }
    return result
  }

  /** One aggregate per unique index: groups by its fields and keeps the groups of more than one document. */
  private async repeatedKeys(collection: string, index: IndexState): Promise<string[]> {
    const group = Object.fromEntries(index.keys.map((k, i) => [`k${i}`, `$${k.field}`]))
    const command = {
      aggregate: collection,
      pipeline: [{ $group: { _id: group, n: { $sum: 1 } } }, { $match: { n: { $gt: 1 } } }, { $limit: MAX_DUPLICATES }],
      cursor: {},
    }
    const res = await this.app.database.runCommands({
      MgoCommands: [{ TableName: collection, CommandType: 'COMMAND', Command: JSON.stringify(command) }],
    })
    const rows = (res.Data ?? []).flatMap((text: string) => {
      const parsed = JSON.parse(text) as { cursor?: { firstBatch?: unknown[] } }
      return parsed.cursor?.firstBatch ?? [parsed]
    }) as Array<{ _id: Record<string, unknown> }>
    return rows.map((row) => index.keys.map((k, i) => `${k.field}=${JSON.stringify(row._id[`k${i}`] ?? null)}`).join(', '))
  }

  async apply(step: Step): Promise<void> {
    const db = this.app.database
    const fns = this.app.functions
    switch (step.what) {
      case 'collection':
        if (step.kind === 'create') await db.createCollectionIfNotExists(step.collection)
        else await db.deleteCollection(step.collection)
        return
      case 'rule':
        await this.tcb('ModifySafeRule', { CollectionName: step.collection, AclTag: 'CUSTOM', Rule: step.rule })
        return
      case 'index':
        if (step.kind !== 'create') await this.dropIndex(step.collection, step.kind === 'remove' ? step.name : step.index.name)
        if (step.kind !== 'remove') {
          // CreateIndexes and DropIndexes never share a call: a batch can fail halfway.
          await db.updateCollection(step.collection, {
            CreateIndexes: [
              {
                IndexName: step.index.name,
                MgoKeySchema: {
                  MgoIndexKeys: step.index.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })),
                  MgoIsUnique: step.index.unique,
                },
              },
            ],
          })
        }
        return
      case 'storageRule':
        await this.app.storage.setStorageAcl('CUSTOM', JSON.parse(step.rule))
        return
      case 'function':
        if (step.kind === 'remove') await fns.deleteFunction(step.function)
        else {
          // Triggers are separate steps (created last), so a half-done create is finished by a rerun.
          await fns.createFunction({
            func: { ...this.funcConfig(step.fn), triggers: [] },
            functionRootPath: this.bundlesDir,
            deployMode: 'zip',
            force: true,
          })
        }
        return
      case 'code':
        await fns.updateFunctionCode({
          func: { name: step.fn.name, runtime: RUNTIME, installDependency: true },
          functionRootPath: this.bundlesDir,
          deployMode: 'zip',
        })
        // The stamp moves only once the code is in: a run stopped between the two uploads it again.
        await fns.updateFunctionConfig({ name: step.fn.name, description: `${BUNDLE_STAMP}${step.fn.codeSha256}` } as never)
        return
      case 'config':
        await fns.updateFunctionConfig(this.funcConfig(step.fn) as never)
        return
      case 'trigger':
        if (step.kind === 'remove') await fns.deleteFunctionTrigger(step.function, step.name)
        else await fns.createFunctionTriggers(step.function, [{ name: step.trigger.name, type: 'timer', config: step.trigger.config }])
        return
    }
  }

  private async dropIndex(collection: string, name: string): Promise<void> {
    const table = (await this.app.database.describeCollection(collection)) as { Indexes?: TableIndex[] }
    // Already gone (a rerun after a stop between drop and create): nothing to drop.
    if (!(table.Indexes ?? []).some((i) => i.Name === name)) return
    await this.app.database.updateCollection(collection, { DropIndexes: [{ IndexName: name }] })
  }

  private funcConfig(fn: FunctionState) {
    return {
      name: fn.name,
      runtime: RUNTIME,
      timeout: fn.timeout,
      memorySize: fn.memory,
      installDependency: true,
      envVariables: fn.variables,
      description: `${BUNDLE_STAMP}${fn.codeSha256}`,
    }
  }

  private tcb(action: string, param: Record<string, unknown>): Promise<unknown> {
    return this.app
      .commonService('tcb', '2018-06-08')
      .call({ Action: action, Param: { EnvId: this.app.currentEnvironment().getEnvId(), ...param } })
  }
}

interface StatusWaiter {
  getFunctionDetail(name: string, codeSecret?: string): Promise<{ Status?: string; StatusDesc?: string }>
  waitFunctionActive(name: string, codeSecret?: string): Promise<void>
}

/**
 * The library's waitFunctionActive with another interval, on this instance only: the same
 * GetFunction reads and the same verdicts (Creating/Updating wait, CreateFailed fails, anything
 * else is ready), its first read one interval after the call as the library's.
 */
function pollStatusEvery(functions: StatusWaiter, intervalMs: number): void {
  functions.waitFunctionActive = async (name, codeSecret) => {
    const giveUp = Date.now() + STATUS_TIMEOUT_MS
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs))
      const { Status, StatusDesc } = await functions.getFunctionDetail(name, codeSecret)
      if (Status === 'CreateFailed') throw new Error(`function ${name} failed to create${StatusDesc ? `: ${StatusDesc}` : ''}`)
      if (Status !== 'Creating' && Status !== 'Updating') return
      if (Date.now() > giveUp) throw new Error(`function ${name} is still ${Status} after ${STATUS_TIMEOUT_MS / 1000} s`)
    }
  }
}

function toIndex(index: TableIndex): IndexState {
  return {
    name: index.Name,
    unique: index.Unique ?? false,
    keys: (index.Keys ?? []).map((k) => ({ field: k.Name ?? '', direction: k.Direction === '-1' ? -1 : 1 })),
  }
}

function toFunction(detail: FunctionDetail): FunctionState {
  const description = detail.Description ?? ''
  return {
    name: detail.FunctionName,
    codeSha256: description.startsWith(BUNDLE_STAMP) ? description.slice(BUNDLE_STAMP.length) : '',
    timeout: detail.Timeout,
    memory: detail.MemorySize,
    variables: Object.fromEntries((detail.Environment?.Variables ?? []).map((v) => [v.Key, v.Value])),
    triggers: (detail.Triggers ?? [])
      .filter((t) => t.Type === 'timer')
      .map((t) => ({ name: t.TriggerName, config: cronOf(t.TriggerDesc) })),
  }
}

/** GetFunction answers a timer's description as `{"cron":"…"}`; BatchCreateTrigger takes the bare cron. */
function cronOf(desc: string): string {
  try {
    const parsed = JSON.parse(desc) as { cron?: string }
    return parsed.cron ?? desc
  } catch {
    return desc
  }
}

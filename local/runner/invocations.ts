import { randomBytes } from 'node:crypto'
import { type OpCounts, type Stats, zeroCounts } from '../stats'

/** One running function call, found again by the API token its SDK sends with every request. */
export interface Invocation {
  requestId: string
  apiToken: string
  functionName: string
  openid: string | undefined
  /** Ops of the whole call tree (nested callFunction included): what the gateway reports per call. */
  tree: OpCounts
  nested: boolean
  /** Writes inside each open transaction: they count once the transaction commits. */
  transactionWrites: Map<string, number>
}

/**
 * The server side of the per-invocation identity recipe: each invocation's worker gets a fresh
 * opaque WX_API_TOKEN, the SDK sends it as `wxCloudApiToken`, and this maps it back to who called.
 */
export class Invocations {
  private readonly byToken = new Map<string, Invocation>()

  constructor(private readonly stats: Stats) {}

  begin(functionName: string, openid: string | undefined, parent?: Invocation): Invocation {
    const invocation: Invocation = {
      requestId: randomBytes(8).toString('hex'),
      apiToken: randomBytes(24).toString('base64url'),
      functionName,
      openid,
      tree: parent ? parent.tree : zeroCounts(),
      nested: parent !== undefined,
      transactionWrites: new Map(),
    }
    this.byToken.set(invocation.apiToken, invocation)
    return invocation
  }

  end(invocation: Invocation): void {
    this.byToken.delete(invocation.apiToken)
  }

  byApiToken(token: unknown): Invocation | undefined {
    return typeof token === 'string' ? this.byToken.get(token) : undefined
  }

  recordOps(invocation: Invocation, ops: Partial<OpCounts>): void {
    invocation.tree.dbReads += ops.dbReads ?? 0
    invocation.tree.dbWrites += ops.dbWrites ?? 0
    invocation.tree.storageOps += ops.storageOps ?? 0
    this.stats.recordOps(invocation.functionName, ops)
  }
}

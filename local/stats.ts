/** What one call costs in WeChat's billing units: database reads and writes, storage API calls. */
export interface OpCounts {
  dbReads: number
  dbWrites: number
  storageOps: number
}

export interface FunctionStats extends OpCounts {
  calls: number
  errors: number
  /** Wall time spent running, for GB-second estimates. */
  durationMs: number
}

export const zeroCounts = (): OpCounts => ({ dbReads: 0, dbWrites: 0, storageOps: 0 })
const zeroStats = (): FunctionStats => ({ calls: 0, errors: 0, durationMs: 0, ...zeroCounts() })

/** Running totals per function since the local cloud started (GET /_local/stats). */
export class Stats {
  private readonly since = Date.now()
  private readonly byFunction = new Map<string, FunctionStats>()

  private of(functionName: string): FunctionStats {
    let stats = this.byFunction.get(functionName)
    if (!stats) {
      stats = zeroStats()
      this.byFunction.set(functionName, stats)
    }
    return stats
  }

  recordCall(functionName: string, durationMs: number, failed: boolean): void {
    const stats = this.of(functionName)
    stats.calls += 1
    stats.durationMs += durationMs
    if (failed) stats.errors += 1
  }

  recordOps(functionName: string, ops: Partial<OpCounts>): void {
    const stats = this.of(functionName)
    stats.dbReads += ops.dbReads ?? 0
    stats.dbWrites += ops.dbWrites ?? 0
    stats.storageOps += ops.storageOps ?? 0
  }

  snapshot(): { since: number; functions: Record<string, FunctionStats>; totals: FunctionStats } {
    const totals = zeroStats()
    const functions: Record<string, FunctionStats> = {}
    for (const [name, stats] of [...this.byFunction].sort(([a], [b]) => a.localeCompare(b))) {
      functions[name] = { ...stats }
      for (const key of Object.keys(totals) as (keyof FunctionStats)[]) totals[key] += stats[key]
    }
    return { since: this.since, functions, totals }
  }
}

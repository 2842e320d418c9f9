import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { z } from 'zod'

const ClockFile = z.object({ offsetMs: z.number().int().min(0) })

/**
 * The local cloud's time: real time plus an offset that only moves forward (POST /_local/clock).
 * The offset lives in a SharedArrayBuffer so every function worker reads the current value on each
 * `Date.now()` without a message round trip, and in a file so a restart does not travel back in
 * time past data written "in the future".
 */
export class LocalClock {
  readonly shared = new SharedArrayBuffer(8)
  private readonly offset = new BigInt64Array(this.shared)

  constructor(private readonly file: string) {
    if (existsSync(file)) Atomics.store(this.offset, 0, BigInt(readOffset(file)))
  }

  get offsetMs(): number {
    return Number(Atomics.load(this.offset, 0))
  }

  now(): number {
    return Date.now() + this.offsetMs
  }

  advance(ms: number): number {
    Atomics.add(this.offset, 0, BigInt(ms))
    writeFileSync(this.file, JSON.stringify({ offsetMs: this.offsetMs }))
    return this.now()
  }
}

function readOffset(file: string): number {
  try {
    return ClockFile.parse(JSON.parse(readFileSync(file, 'utf8'))).offsetMs
  } catch (error) {
    throw new Error(`${file} is not a clock file (delete it to reset the clock): ${(error as Error).message}`)
  }
}

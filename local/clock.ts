import { existsSync, readFileSync } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomicSync } from './atomic-file'

const ClockFile = z.object({ offsetMs: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })

/**
 * The local cloud's time: real time plus an offset that only moves forward (POST /_local/clock).
 * The offset lives in a SharedArrayBuffer so every function worker reads the current value on each
 * `Date.now()` without a message round trip, and in a file so a restart does not travel back in
 * time past data written "in the future".
 *
 * The file is written atomically, and then again as `<file>.bak`, each atomically: whatever a crash
 * leaves, one of the two holds the offset of the last or the previous advance. At start the larger
 * readable offset wins (the offset only grows); an unreadable copy is reported, never a reason to
 * refuse to start, and the clock goes back to real time only when neither copy can be read, said
 * loudly in the log.
 */
export class LocalClock {
  readonly shared = new SharedArrayBuffer(8)
  private readonly offset = new BigInt64Array(this.shared)
  private readonly backup: string

  constructor(
    private readonly file: string,
    log: (line: string) => void = (line) => console.error(line),
  ) {
    this.backup = `${file}.bak`
    const copies = [file, this.backup].filter((f) => existsSync(f)).map((f) => ({ file: f, read: readOffset(f) }))
    const good = copies.flatMap((c) => (typeof c.read === 'number' ? [c.read] : []))
    for (const bad of copies.filter((c) => typeof c.read !== 'number')) {
      log(`[clock] ${bad.file} is unreadable (${String(bad.read)}); ${good.length > 0 ? 'using the other copy' : 'no good copy left'}`)
    }
    if (good.length > 0) Atomics.store(this.offset, 0, BigInt(Math.max(...good)))
    else if (copies.length > 0) log(`[clock] no readable clock state in ${file} or ${this.backup}: the local clock restarts at real time`)
    if (copies.length > 0 && good.length < copies.length) this.persist()
  }

  get offsetMs(): number {
    return Number(Atomics.load(this.offset, 0))
  }

  now(): number {
    return Date.now() + this.offsetMs
  }

  advance(ms: number): number {
    Atomics.add(this.offset, 0, BigInt(ms))
    this.persist()
    return this.now()
  }

  private persist(): void {
    const body = JSON.stringify({ offsetMs: this.offsetMs })
    writeFileAtomicSync(this.file, body)
    writeFileAtomicSync(this.backup, body)
  }
}

/** The offset a clock file holds, or why it holds none. */
function readOffset(file: string): number | string {
  try {
    return ClockFile.parse(JSON.parse(readFileSync(file, 'utf8'))).offsetMs
  } catch (error) {
    return error instanceof z.ZodError ? 'not {"offsetMs": n}' : (error as Error).message
  }
}

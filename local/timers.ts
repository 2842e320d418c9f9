import type { LocalClock } from './clock'
import type { TimerTrigger } from './functions'

export interface Firing {
  functionName: string
  triggerName: string
  /** The scheduled instant (local clock), which becomes the event's `Time`. */
  at: number
}

interface Scheduled {
  trigger: TimerTrigger
  nextAt: number | null
}

/** Real timers sleep at most this long, so a long wait never overflows setTimeout. */
const MAX_SLEEP_MS = 60 * 60_000

/**
 * Runs timer triggers on the local clock. Due triggers fire when real time reaches them (unless
 * switched off) and when the clock is advanced past them; either way a trigger fires once however many ticks it missed,
 * as a cloud function would after an outage, and is then rescheduled from the current time.
 */
export class TimerScheduler {
  private scheduled: Scheduled[]
  private timer: NodeJS.Timeout | undefined
  private stopped = false

  constructor(
    triggers: TimerTrigger[],
    private readonly clock: LocalClock,
    private readonly fire: (firing: Firing) => Promise<void>,
    private readonly options: { realTime: boolean } = { realTime: true },
  ) {
    const now = clock.now()
    this.scheduled = triggers.map((trigger) => ({ trigger, nextAt: trigger.schedule.next(now) }))
    this.arm()
  }

  /** Fires everything due now and waits for those invocations (called after a clock advance). */
  async tick(): Promise<Firing[]> {
    const now = this.clock.now()
    const due: Firing[] = []
    for (const entry of this.scheduled) {
      if (entry.nextAt === null || entry.nextAt > now) continue
      due.push({ functionName: entry.trigger.functionName, triggerName: entry.trigger.name, at: entry.nextAt })
      entry.nextAt = entry.trigger.schedule.next(now)
    }
    this.arm()
    await Promise.all(due.map((firing) => this.fire(firing)))
    return due
  }

  /** The triggers changed (the management API): each is scheduled from now, as a newly created timer. */
  replace(triggers: TimerTrigger[]): void {
    const now = this.clock.now()
    this.scheduled = triggers.map((trigger) => ({ trigger, nextAt: trigger.schedule.next(now) }))
    this.arm()
  }

  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
  }

  private arm(): void {
    clearTimeout(this.timer)
    if (this.stopped || !this.options.realTime) return
    const next = Math.min(...this.scheduled.map((entry) => entry.nextAt ?? Infinity))
    if (next === Infinity) return
    const sleep = Math.min(Math.max(next - this.clock.now(), 0), MAX_SLEEP_MS)
    this.timer = setTimeout(() => void this.tick(), sleep)
    this.timer.unref()
  }
}

/** The event WeChat passes to a timer-triggered function (`Time` in UTC, whole seconds). */
export function timerEvent(triggerName: string, at: number) {
  return { Type: 'Timer', TriggerName: triggerName, Time: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' }
}

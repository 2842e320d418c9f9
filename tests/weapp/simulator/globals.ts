import path from 'node:path'
import { JSDOM, VirtualConsole } from 'jsdom'
import type { Dict, Fn } from './types'
import { describe } from './values'

/**
 * The globals a Weapp replaces while started. Each installer pushes onto `restore` what gives the
 * previous value back.
 */
export type Restore = (() => void)[]

/** The host's own timers: the harness waits with these, never with the ones it counts for the page. */
export const real = { setTimeout, clearTimeout, setImmediate, clearImmediate }
export const sleep = (ms: number) => new Promise<void>((resolve) => real.setTimeout(resolve, ms))
/** Timers shorter than this are work the page is still doing (React's scheduler, Taro's batches, a redirect after a toast). */
const SHORT_TIMER_MS = 1000

/** jsdom as the page's window and document; `onError` gets what the page throws outside any handler. */
export function installDom(restore: Restore, onError: (line: string) => void): JSDOM {
  const virtualConsole = new VirtualConsole()
  virtualConsole.on('jsdomError', (error: Error) => onError(`uncaught: ${describe(error)}`))
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    url: 'https://servicewechat.com/',
    pretendToBeVisual: true,
    virtualConsole,
  })
  const window = dom.window as unknown as Dict
  const g = globalThis as unknown as Dict
  // Node's own Event/CustomEvent would shadow jsdom's: taps would silently do nothing.
  const names = [
    'window',
    'document',
    'Event',
    'CustomEvent',
    'TouchEvent',
    'Element',
    'HTMLElement',
    'Node',
    'Text',
    'DocumentFragment',
    'getComputedStyle',
    'requestAnimationFrame',
    'cancelAnimationFrame',
  ]
  for (const name of names) {
    const had = Object.prototype.hasOwnProperty.call(g, name)
    const previous = g[name]
    Object.defineProperty(g, name, { value: name === 'window' ? window : window[name], configurable: true, writable: true })
    restore.push(() => {
      if (had) Object.defineProperty(g, name, { value: previous, configurable: true, writable: true })
      else delete g[name]
    })
  }
  const onRejection = (reason: unknown) => onError(`unhandled rejection: ${describe(reason)}`)
  process.on('unhandledRejection', onRejection)
  restore.push(() => process.off('unhandledRejection', onRejection))
  return dom
}

/**
 * setTimeout/setImmediate of the build's code are counted while they are pending, so settle()
 * knows when a page is still working. Only calls from the build (its files on the stack) count:
 * the local cloud and the test runner share this process.
 */
export function installTimers(restore: Restore, distDir: string, timers: Set<unknown>, touch: () => void): void {
  const g = globalThis as unknown as Dict
  const build = distDir + path.sep
  // V8's structured frames: no string formatting or source-map lookups (vitest maps every stack).
  const fromBuild = () => {
    const previous = Error.prepareStackTrace
    Error.prepareStackTrace = (_error, frames) => frames
    const holder: { stack?: NodeJS.CallSite[] } = {}
    Error.captureStackTrace(holder)
    const frames = holder.stack ?? []
    Error.prepareStackTrace = previous
    return frames.some((frame) => frame.getFileName()?.startsWith(build))
  }
  const track = (schedule: (run: () => void) => unknown, fn: unknown, args: unknown[]) => {
    if (typeof fn !== 'function' || !fromBuild()) return schedule(() => (fn as Fn)(...args))
    let handle: unknown = null
    handle = schedule(() => {
      timers.delete(handle)
      try {
        ;(fn as Fn)(...args)
      } finally {
        touch()
      }
    })
    timers.add(handle)
    return handle
  }
  g.setTimeout = (fn: unknown, ms?: number, ...args: unknown[]) =>
    (ms ?? 0) < SHORT_TIMER_MS ? track((run) => real.setTimeout(run, ms), fn, args) : real.setTimeout(fn as Fn, ms, ...args)
  g.clearTimeout = (handle: unknown) => {
    timers.delete(handle)
    real.clearTimeout(handle as NodeJS.Timeout)
  }
  g.setImmediate = (fn: unknown, ...args: unknown[]) => track((run) => real.setImmediate(run), fn, args)
  g.clearImmediate = (handle: unknown) => {
    timers.delete(handle)
    real.clearImmediate(handle as NodeJS.Immediate)
  }
  restore.push(() => Object.assign(g, real))
}

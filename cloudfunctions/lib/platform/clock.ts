/** The one place functions read the time (the local cloud moves it for tests). */
export function now(): number {
  return Date.now()
}

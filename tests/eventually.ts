/**
 * Polls `probe` until it answers something (not undefined, null or false) and answers that: for what
 * a test waits on in real time, such as a refund WeChat Pay completes a moment after the call. Bounded
 * by time, not by a count of tries: on a loaded machine each try is slow and the thing awaited slower
 * still (a function's cold start), and a count of 200–500 tries ran out first. `what` names the
 * wait in the failure.
 */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { timeoutMs = 20_000, everyMs = 20 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined && value !== null && value !== false) return value
    if (Date.now() > deadline) throw new Error(`${what} (waited ${timeoutMs} ms)`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}

/**
 * The crash control (`POST /_local/crash {"afterWrites": n}`): the local cloud kills itself with
 * SIGKILL right after its n-th next durable write (a database write or transaction committed, a
 * payment's state saved), before that write is answered. Crash tests use it to land on the boundary
 * between any two writes of an action, where a half-done state would show; a kill at a random time
 * rarely falls between two writes a millisecond apart. Local only, like the clock.
 */
export class CrashPoint {
  private left: number | null = null

  arm(afterWrites: number): void {
    this.left = afterWrites
  }

  /** Called after every durable write. */
  wrote(): void {
    if (this.left === null) return
    this.left -= 1
    if (this.left <= 0) process.kill(process.pid, 'SIGKILL')
  }
}

import { type Socket, createConnection } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type TestCloud, startTestCloud } from './helpers'

// Keep-alive sockets as a client in the same busy process meets them: the bench grows the store by
// 100k products in one synchronous go, then calls the cloud it runs in-process.

const KEEP_ALIVE_MS = 100
let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud({ keepAliveTimeoutMs: KEEP_ALIVE_MS })
})
afterAll(() => cloud.destroy())

const GET = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`

/** A raw keep-alive connection: what arrived so far, and whether the server closed it. */
async function connect() {
  const socket: Socket = createConnection({ port: cloud.port, host: '127.0.0.1' })
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  const state = { received: '', closed: false, error: '' }
  socket.on('data', (chunk: Buffer) => (state.received += chunk.toString()))
  socket.on('error', (error: NodeJS.ErrnoException) => (state.error = error.code ?? error.message))
  const closed = new Promise<void>((resolve) => socket.once('close', () => ((state.closed = true), resolve())))
  return { socket, state, closed }
}

async function until(done: () => boolean, ms: number): Promise<void> {
  const stop = Date.now() + ms
  while (!done() && Date.now() < stop) await new Promise((resolve) => setTimeout(resolve, 10))
}

const answers = (text: string) => text.match(/HTTP\/1\.1 200 /g)?.length ?? 0

it('when the process was busy past the keep-alive time and a request came meanwhile, then it is answered, not reset', async () => {
  const { socket, state } = await connect()
  socket.write(GET('/healthz'))
  await until(() => answers(state.received) === 1, 5_000)
  expect(answers(state.received)).toBe(1)
  // The event loop held past the socket's idle time (Node keeps a socket one second beyond it), the
  // second request sent before the loop turns again.
  const busyUntil = Date.now() + KEEP_ALIVE_MS + 1_500
  while (Date.now() < busyUntil);
  socket.write(GET('/healthz'))
  await until(() => answers(state.received) === 2 || state.closed, 5_000)
  expect(state.error).toBe('')
  expect(answers(state.received)).toBe(2)
  socket.destroy()
})

it('when a keep-alive socket stays idle, then the server still closes it', async () => {
  const { socket, state, closed } = await connect()
  socket.write(GET('/healthz'))
  await until(() => answers(state.received) === 1, 5_000)
  const idleFrom = Date.now()
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5_000))])
  expect(state.closed).toBe(true)
  expect(Date.now() - idleFrom).toBeGreaterThanOrEqual(KEEP_ALIVE_MS - 10)
  socket.destroy()
})

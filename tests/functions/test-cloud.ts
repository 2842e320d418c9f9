/**
 * The local cloud of the integration tests, the benchmark and the stress runs, without vitest: scripts
 * run by tsx (`npm run bench`) load this as CommonJS, where importing vitest throws. The per-file
 * lifecycle (beforeAll/afterAll) lives in harness.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@/domain/api'
import type { Answer } from '@/domain/errors'
import { startLocalCloud } from '../../local/cloud'
import { demoFunctionEnv } from '../../demo/function-env'
import { demoStorageWriteRule } from '../../demo/storage-rule'
import { seedDemo } from '../../demo/seed'

export const OPERATOR = 'op-1'

export interface TestCloudOptions {
  seed?: 'demo' | 'none'
  /** Function variables set over the demo deployment's (an empty value unsets one). */
  functionEnv?: Record<string, string>
  /** Where what the functions print goes (the bench: stderr); default this process's stdout and stderr. */
  functionLogs?: NodeJS.WritableStream
}

/**
 * The real local cloud, in-process on a random port with a fresh store, running the built
 * functions (npm run build:functions) with the unmodified wx-server-sdk. Tests call it over HTTP
 * exactly as the H5 app does and read the store directly to assert what was written.
 */
export async function startTestCloud(options: TestCloudOptions = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wegong-it-'))
  const cloud = await startLocalCloud({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    functionsDir: path.resolve(__dirname, '../../dist/cloudfunctions'),
    seed: options.seed === 'demo' ? seedDemo : undefined,
    operators: [OPERATOR],
    // Pay, subscribe messages and the upload key configured as in the demo deployment (demo/function-env.ts).
    functionEnv: { ...demoFunctionEnv, ...options.functionEnv },
    // App uploads judged by the production storage rule (cloudfunctions/storage.json).
    storageWriteRule: demoStorageWriteRule,
    // A test moves time itself (clock advances, triggers): a wall-clock firing of the expire timer
    // would land inside a before/after comparison of the store.
    realTimeTimers: false,
    functionLogs: options.functionLogs,
  })

  async function raw(fn: string, event: unknown, openid?: string): Promise<Answer<unknown>> {
    const response = await fetch(`${cloud.url}/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wegong-openid': openid } : {}) },
      body: JSON.stringify(event),
    })
    return (await response.json()) as Answer<unknown>
  }

  async function call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    input: ActionInput<F, A>,
    openid?: string,
  ): Promise<Answer<ActionOutput<F, A>>> {
    return (await raw(fn, { action, ...(input as object) }, openid)) as Answer<ActionOutput<F, A>>
  }

  /** The data of a successful answer; fails the test with the error otherwise. */
  async function ok<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    input: ActionInput<F, A>,
    openid?: string,
  ): Promise<ActionOutput<F, A>> {
    const answer = await call(fn, action, input, openid)
    if (!answer.ok) throw new Error(`${fn}.${action} failed: ${answer.error.code} ${answer.error.message}`)
    return answer.data
  }

  return {
    cloud,
    db: cloud.db,
    /** The local cloud's data folder (store, storage files and their creators). */
    dataDir,
    raw,
    call,
    ok,
    async close() {
      await cloud.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
export type TestCloud = Awaited<ReturnType<typeof startTestCloud>>

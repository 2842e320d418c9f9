import Taro from '@tarojs/taro'
import type { z } from 'zod'
import { api, type ActionInput, type ActionName, type ActionOutput, type FunctionName } from '@/domain/api'
import { AppError, answerSchema } from '@/domain/errors'
import { currentOpenid } from '@/persona'

/**
 * The one place the app calls the cloud (STYLE: one gateway). In the mini-program it goes through
 * wx.cloud, where WeChat supplies the caller's identity; in the H5 build (local cloud, tests, demos)
 * it posts to the local gateway, naming the persona in `x-wegong-openid`.
 * Every answer is parsed with the action's own schema from the domain, so a page only ever sees
 * data of the declared shape or an AppError.
 */
const NETWORK_MESSAGE = '网络不给力，请稍后再试'

let cloudReady = false

/** The cloud environment of this build; unset or empty means WeChat's default environment. */
function cloudEnv(): string | undefined {
  try {
    // Replaced at build time when .env defines it; otherwise `process` does not exist in a mini-program.
    return process.env.TARO_APP_CLOUD_ENV || undefined
  } catch {
    return undefined
  }
}

/** wx.cloud must be initialised once before the first call (weapp only). */
export function initCloud(): void {
  if (process.env.TARO_ENV === 'h5' || cloudReady) return
  Taro.cloud.init({ env: cloudEnv(), traceUser: true })
  cloudReady = true
}

async function send(fn: string, event: Record<string, unknown>): Promise<unknown> {
  if (process.env.TARO_ENV === 'h5') {
    const response = await fetch(`${process.env.TARO_APP_CLOUD_URL ?? ''}/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wegong-openid': currentOpenid() },
      body: JSON.stringify(event),
    })
    return (await response.json()) as unknown
  }
  initCloud()
  const { result } = await Taro.cloud.callFunction({ name: fn, data: event })
  return result
}

export async function callCloud<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  const endpoints = api[fn] as Record<string, { output: z.ZodTypeAny }>
  const endpoint = endpoints[action]
  if (!endpoint) throw new AppError('NOT_FOUND', `未知操作：${fn}.${action}`)
  let raw: unknown
  try {
    raw = await send(fn, { ...(input as Record<string, unknown>), action })
  } catch {
    throw new AppError('INTERNAL', NETWORK_MESSAGE)
  }
  const answer = answerSchema(endpoint.output).safeParse(raw)
  if (!answer.success) throw new AppError('INTERNAL', NETWORK_MESSAGE)
  if (!answer.data.ok) {
    const { code, message, issues } = answer.data.error
    throw new AppError(code, message, issues)
  }
  return answer.data.data as ActionOutput<F, A>
}

/** Anything caught in a page becomes an AppError with a message fit to show. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  return new AppError('INTERNAL', NETWORK_MESSAGE)
}

import Taro from '@tarojs/taro'
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@/domain/api'
import { AppError, readAnswer } from '@/domain/app-error'
import { currentOpenid } from '@/persona'

/**
 * The one place the app calls the cloud (STYLE: one gateway). In the mini-program it goes through
 * wx.cloud, where WeChat supplies the caller's identity; in the H5 build (local cloud, tests, demos)
 * it posts to the local gateway, naming the persona in `x-wegong-openid`.
 * The contract is imported as types only: the function already parsed the event and the answer with
 * the action's schemas (cloudfunctions/lib/platform/handler.ts), so parsing again here guarded
 * nothing and put zod and every schema in the main package (held to 1.3× a NutUI floor). The app checks the envelope,
 * and the types keep each call to a known action with its own input and output.
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
  let raw: unknown
  try {
    raw = await send(fn, { ...(input as Record<string, unknown>), action })
  } catch {
    throw new AppError('INTERNAL', NETWORK_MESSAGE)
  }
  const answer = readAnswer(raw)
  if (!answer) throw new AppError('INTERNAL', NETWORK_MESSAGE)
  if (!answer.ok) throw new AppError(answer.error.code, answer.error.message, answer.error.issues)
  return answer.data as ActionOutput<F, A>
}

/** Anything caught in a page becomes an AppError with a message fit to show. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  return new AppError('INTERNAL', NETWORK_MESSAGE)
}

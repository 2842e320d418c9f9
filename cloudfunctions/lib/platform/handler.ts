import { api, type ActionName, type ActionOutput, type FunctionName, type ParsedInput } from '@/domain/api'
import { AppError, issuesOf, type Answer } from '@/domain/errors'
import { EVENT_MAX_DEPTH, hasUnreadableText, nestedDeeperThan } from '@/domain/event'
import { parseWithFileIds } from '@/domain/files'
import { z } from '@/domain/zod'
import { currentCaller, type Caller } from './caller'
import { configProblem } from './config'
import { requireOwnFiles } from './files'

type ActionHandler<F extends FunctionName, A extends ActionName<F>> = (
  input: ParsedInput<F, A>,
  caller: Caller,
) => Promise<ActionOutput<F, A>>

export type Handlers<F extends FunctionName> = { [A in ActionName<F>]: ActionHandler<F, A> }

const EventEnvelope = z.object({ action: z.string({ required_error: '缺少 action' }) })

/**
 * The one entry shape of every cloud function: route by `action`, validate the payload with the
 * action's schema, pass every file ID it carries through the file guard, run the use case as the
 * WeChat caller, strip the answer to its declared fields, and turn anything thrown into the
 * envelope. A function never throws to its caller (SPEC §4).
 */
export function defineFunction<F extends FunctionName>(name: F, handlers: Handlers<F>) {
  const endpoints = api[name] as Record<string, { input: z.ZodTypeAny; output: z.ZodTypeAny }>
  return async function main(event: unknown): Promise<Answer<unknown>> {
    try {
      requireConfig()
      // Before anything walks the event (schemas, the file guard, a log line), so nothing can overflow a stack.
      if (nestedDeeperThan(event, EVENT_MAX_DEPTH)) throw new AppError('INVALID_ARGUMENT', `请求内容嵌套过深（最多 ${EVENT_MAX_DEPTH} 层）`)
      if (hasUnreadableText(event)) throw new AppError('INVALID_ARGUMENT', '内容含有无法识别的字符，请删除后重试')
      const envelope = EventEnvelope.safeParse(event)
      if (!envelope.success) throw new AppError('INVALID_ARGUMENT', '请求格式不正确', issuesOf(envelope.error))
      const { action } = envelope.data
      // The payload is the event's own keys as sent: a parsed copy would set the prototype for a
      // `__proto__` key and drop it silently, where the action's strict schema must refuse it.
      // `userInfo` is added by wx.cloud.callFunction itself; identity never comes from it.
      const payload = Object.fromEntries(Object.entries(event as object).filter(([key]) => key !== 'action' && key !== 'userInfo'))
      const endpoint = Object.prototype.hasOwnProperty.call(endpoints, action) ? endpoints[action] : undefined
      const handler = (handlers as Record<string, (input: unknown, caller: Caller) => Promise<unknown>>)[action]
      // The name is echoed only in part: an event may carry a megabyte of it.
      if (!endpoint || !handler) throw new AppError('NOT_FOUND', `未知操作：${name}.${action.slice(0, 40)}`)
      const { result: input, fileIds } = parseWithFileIds(endpoint.input, payload)
      if (!input.success) throw new AppError('INVALID_ARGUMENT', firstMessage(input.error), issuesOf(input.error))
      const caller = currentCaller()
      requireOwnFiles(fileIds, caller)
      const data = endpoint.output.parse(await handler(input.data, caller))
      return { ok: true, data }
    } catch (error) {
      return { ok: false, error: toAppError(error).toBody() }
    }
  }
}

/** What WeChat passes to a timer-triggered function. */
const TimerEvent = z.object({ Type: z.literal('Timer'), TriggerName: z.string(), Time: z.string() }).passthrough()

/**
 * The entry of a timer-triggered function. It is not an action router: only WeChat's timer may run
 * it, so a call from a user (who has an OPENID) or any other event is refused with FORBIDDEN.
 */
export function defineTimer(run: () => Promise<unknown>) {
  return async function main(event: unknown): Promise<Answer<unknown>> {
    try {
      requireConfig()
      if (currentCaller().openid !== null || !TimerEvent.safeParse(event).success) {
        throw new AppError('FORBIDDEN', '该功能只由定时任务运行')
      }
      return { ok: true, data: await run() }
    } catch (error) {
      return { ok: false, error: toAppError(error).toBody() }
    }
  }
}

function requireConfig(): void {
  if (configProblem !== null) throw new AppError('INTERNAL', '服务配置有误，请联系平台')
}

function firstMessage(error: z.ZodError): string {
  const [issue] = error.issues
  return issue ? issue.message : '参数不正确'
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  // Anything else is our bug or the platform's; log it for the cloud console, tell the user little.
  console.error('[wegong] unexpected error', error)
  return new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
}

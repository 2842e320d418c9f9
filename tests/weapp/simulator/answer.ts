import type { Dict, WxOptions } from './types'

/** A wx API answer: callbacks when the caller passed any, a promise otherwise (as WeChat does). */
export function answer(options: WxOptions | undefined, work: Promise<Dict>): Promise<Dict> | undefined {
  if (options && (options.success || options.fail || options.complete)) {
    work.then(
      (result) => {
        options.success?.(result)
        options.complete?.(result)
      },
      (error: unknown) => {
        options.fail?.(error)
        options.complete?.(error)
      },
    )
    return undefined
  }
  return work
}

export const ok = (options: WxOptions | undefined, result: Dict) => answer(options, Promise.resolve(result))
export const refuse = (options: WxOptions | undefined, errMsg: string) => answer(options, Promise.reject({ errMsg }))

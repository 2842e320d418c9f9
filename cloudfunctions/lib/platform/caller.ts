import { AppError } from '@/domain/errors'
import { cloud } from './cloud'
import { config } from './config'

/** Who is calling: only ever from the WeChat context, never from the event (SPEC §2). */
export interface Caller {
  openid: string | null
}

export function currentCaller(): Caller {
  const { OPENID } = cloud.getWXContext()
  return { openid: typeof OPENID === 'string' && OPENID.length > 0 ? OPENID : null }
}

export function requireOpenid(caller: Caller): string {
  if (!caller.openid) throw new AppError('UNAUTHENTICATED', '请在微信中打开小程序后再试')
  return caller.openid
}

/** Platform operators (R2) are configured per deployment (WEGONG_OPERATORS). */
export function isOperator(openid: string | null): boolean {
  return openid !== null && config().WEGONG_OPERATORS.includes(openid)
}

export function requireOperator(caller: Caller): string {
  const openid = requireOpenid(caller)
  if (!isOperator(openid)) throw new AppError('FORBIDDEN', '只有平台运营人员可以审核供应商')
  return openid
}

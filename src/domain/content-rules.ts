import { AppError, type Issue } from './app-error'

/**
 * What WeChat's content security (R20) asks of what one user publishes to others: every text is
 * checked (`security.msgSecCheck` version 2) with the publisher's openid and the scene it is shown in,
 * and a risky verdict refuses it before anything is stored, naming the field in Chinese.
 */

/** WeChat's scenes: 1 资料 (a profile), 2 评论, 3 论坛, 4 社交日志 (posts read like Moments). */
export const SCENES = { profile: 1, comment: 2, forum: 3, social: 4 } as const
export type Scene = (typeof SCENES)[keyof typeof SCENES]

/** WeChat checks at most this many characters per call; a longer text is checked in parts. */
export const CHECK_MAX_CHARS = 2500

/** One text one user publishes to others: where it sits in the input, what the user calls it, how it is shown. */
export interface PublishedText {
  path: Issue['path']
  label: string
  text: string
  scene: Scene
}

/** WeChat's verdict on a text: pass, review (doubtful, published) or risky (refused). */
export type Suggest = 'pass' | 'review' | 'risky'

export function riskyTextMessage(label: string): string {
  return `${label}含有不适宜发布的内容，请修改后再试`
}

/** The refusal of risky texts: INVALID_ARGUMENT with one issue per risky field, the first as the message. */
export function riskyTextError(risky: readonly PublishedText[]): AppError {
  const issues = risky.map((field) => ({ path: field.path, message: riskyTextMessage(field.label) }))
  return new AppError('INVALID_ARGUMENT', issues[0]?.message ?? riskyTextMessage('内容'), issues)
}

/** When WeChat's check cannot answer, nothing unchecked is published (docs/decisions/platform-rules.md). */
export const CHECK_UNAVAILABLE = '内容安全检查暂时不可用，请稍后再发布'

/** A text in the parts WeChat can check, cut on code points. */
export function checkParts(text: string, max: number = CHECK_MAX_CHARS): string[] {
  const chars = Array.from(text)
  const parts: string[] = []
  for (let at = 0; at < chars.length; at += max) parts.push(chars.slice(at, at + max).join(''))
  return parts
}

/**
 * The fields of an edit whose text is not already published under the same label and scene: only
 * those are checked again, as WeChat's check is rate-limited and the rest passed when published.
 */
export function changedTexts(fields: readonly PublishedText[], published: readonly PublishedText[]): PublishedText[] {
  const key = (field: PublishedText) => `${field.scene}\u0000${field.label}\u0000${field.text}`
  const known = new Set(published.map(key))
  return fields.filter((field) => !known.has(key(field)))
}

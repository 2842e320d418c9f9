import { AppError } from '@/domain/errors'
import { CHECK_UNAVAILABLE, checkParts, riskyTextError, type PublishedText, type Suggest } from '@/domain/content-rules'
import { cloud } from './cloud'

/**
 * WeChat's content security for text (R20): `security.msgSecCheck` version 2, with the openid of the
 * user who publishes (WeChat wants one active in the last two hours: the caller is) and the scene the
 * text is shown in. Every publishing use case calls `requireSafeTexts` before it stores anything.
 */

interface CheckAnswer {
  result?: { suggest?: string; label?: number }
}

/** Calls in flight at once: a product with many specs must not burst WeChat's per-minute quota. */
const PARALLEL = 5

async function suggestFor(openid: string, field: PublishedText): Promise<Suggest> {
  let worst: Suggest = 'pass'
  for (const content of checkParts(field.text)) {
    const answer = (await cloud.openapi.security.msgSecCheck({ openid, scene: field.scene, version: 2, content })) as CheckAnswer
    const suggest = answer.result?.suggest
    if (suggest === 'risky') return 'risky'
    if (suggest === 'review') worst = 'review'
    else if (suggest !== 'pass') throw new Error(`msgSecCheck answered suggest ${String(suggest)}`)
  }
  return worst
}

/**
 * Refuses with INVALID_ARGUMENT naming each risky field; 'review' passes (WeChat publishes doubtful
 * text too) and is logged. A check that cannot answer refuses with INTERNAL: nothing unchecked is
 * published, and the user keeps what they typed and tries again.
 */
export async function requireSafeTexts(openid: string, fields: readonly PublishedText[]): Promise<void> {
  const toCheck = fields.filter((field) => field.text.trim() !== '')
  const risky: PublishedText[] = []
  try {
    for (let at = 0; at < toCheck.length; at += PARALLEL) {
      const batch = toCheck.slice(at, at + PARALLEL)
      const suggests = await Promise.all(batch.map((field) => suggestFor(openid, field)))
      suggests.forEach((suggest, i) => {
        const field = batch[i] as PublishedText
        if (suggest === 'risky') risky.push(field)
        else if (suggest === 'review') console.log(`[wegong] content check: ${field.label} of ${openid} is doubtful (review); published`)
      })
    }
  } catch (error) {
    console.error('[wegong] content check unavailable', error)
    throw new AppError('INTERNAL', CHECK_UNAVAILABLE)
  }
  if (risky.length > 0) throw riskyTextError(risky)
}

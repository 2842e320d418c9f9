import { SCENES } from '@/domain/content-rules'
import type { ActionArgs } from '@/domain/api'
import { foldWordHits, textFingerprint } from '@/domain/fold-words'
import { mergeTexts, MY_TEXT_MAX } from '@/domain/my-words'
import { AppError } from '@/domain/errors'
import { codePointLength } from '@/domain/text'
import type { MyText } from '@/domain/my-words-schemas'
import { requireOpenid, type Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { requireSafeTexts } from '../platform/content-security'
import { agentItem, type Item } from '../share-items'
import { findForwardMark, findMyText, removeMyText, saveMyText, type MyTextRecord } from '../store/my-texts'

/**
 * The agent's own words (R16 extended): kept per agent and product or post, and used by 一键转发,
 * the poster and the customer view until the agent resets them. Only a bound agent of an item it
 * may forward has words for it; everything else is the item's own NOT_FOUND, as for 一键转发.
 */

async function answer(openid: string, item: Item, own: MyTextRecord | null): Promise<MyText> {
  const text = own?.text ?? item.text
  const mark = await findForwardMark(openid)
  return {
    own: own?.text ?? null,
    supplierText: item.text,
    supplierUpdated: own !== null && own.basedOn !== textFingerprint(item.text),
    text,
    foldWords: foldWordHits(text),
    repeated: mark?.fingerprint === textFingerprint(text),
  }
}

export async function myText(input: ActionArgs<'feed', 'myText'>, caller: Caller): Promise<MyText> {
  const openid = requireOpenid(caller)
  const item = await agentItem(openid, input, now())
  return answer(openid, item, await findMyText(openid, item.kind, item.itemId))
}

/**
 * Keeps, resets or re-bases the agent's words. A choice after 「供应商更新了文案」 is made against the
 * supplier's current text, and the kept words are based on it from then on.
 */
export async function setMyText(input: ActionArgs<'feed', 'setMyText'>, caller: Caller): Promise<MyText> {
  const openid = requireOpenid(caller)
  const at = now()
  const item = await agentItem(openid, input, at)
  const stored = await findMyText(openid, item.kind, item.itemId)
  let next: string | null
  if (input.choice !== undefined) next = stored === null ? null : mergeTexts(stored.text, item.text, input.choice)
  else next = input.text ?? null
  if (next !== null && codePointLength(next) > MY_TEXT_MAX)
    throw new AppError('INVALID_ARGUMENT', `合并后的文案超过 ${MY_TEXT_MAX} 个字，请先删减自己的文案`)
  if (next === null || next === item.text) {
    await removeMyText(openid, item.kind, item.itemId)
    return answer(openid, item, null)
  }
  const basedOn = textFingerprint(item.text)
  // A retry (or saving unchanged words) writes nothing.
  if (stored && stored.text === next && stored.basedOn === basedOn) return answer(openid, item, stored)
  // Customers read these words (the customer view, the card): published text is checked (R20).
  if (next !== stored?.text) await requireSafeTexts(openid, [{ path: ['text'], label: '文案', text: next, scene: SCENES.social }])
  const saved = await saveMyText({
    agentOpenid: openid,
    kind: item.kind,
    itemId: item.itemId,
    text: next,
    basedOn,
    updatedAt: at,
  })
  return answer(openid, item, saved)
}

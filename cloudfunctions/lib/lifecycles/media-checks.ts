import { RISKY_CASE_PHOTO_REASON, RISKY_IMAGE_REASON } from '@/domain/media-check'
import type { MediaCheckPush } from '../platform/media-security'
import { copyOwnerAvatar } from '../binding-copies'
import { hideCasePhoto } from '../store/aftersales'
import { findMediaCheck, saveMediaVerdict, type MediaCheckRecord } from '../store/media-checks'
import { dropAvatar, hidePostForImage, hideProductForImage } from '../store/moderation'
import { dropCover } from '../store/storefronts'
import { findSupplierByOwner } from '../store/suppliers'

/**
 * WeChat's verdict on a picture (R20), pushed to `mediaCheckCallback`. It counts only for a check this
 * app asked for and still waits for one (so a push again changes nothing twice); a risky verdict hides
 * the product or post from everyone but its owner, who reads why on it, drops the avatar, or hides an
 * after-sales photo from the other side and the platform (its sender reads why).
 */
export interface PushAnswer {
  errcode: number
  errmsg: string
}

const HANDLED: PushAnswer = { errcode: 0, errmsg: 'ok' }

async function enforce(check: MediaCheckRecord, at: number): Promise<boolean> {
  const { kind, id } = check.item
  if (kind === 'product') return hideProductForImage(id, check.fileId, RISKY_IMAGE_REASON, at)
  if (kind === 'post') return hidePostForImage(id, check.fileId, RISKY_IMAGE_REASON, at)
  if (kind === 'aftersale') return hideCasePhoto(id, check.fileId, check.openid, RISKY_CASE_PHOTO_REASON)
  // A storefront's cover: the customers' view shows none instead.
  if (kind === 'storefront') return dropCover(id, check.fileId)
  if (!(await dropAvatar(id, check.fileId))) return false
  // The supplier's card agents see carries a copy of its owner's avatar.
  const supplier = await findSupplierByOwner(id)
  if (supplier) await copyOwnerAvatar(supplier._id, '')
  return true
}

export async function recordMediaVerdict(push: MediaCheckPush, at: number): Promise<PushAnswer> {
  const check = await findMediaCheck(push.trace_id)
  if (!check) {
    // Not one of ours, or pushed before its record was written (WeChat pushes again when not answered 0).
    console.warn(`[wegong] image verdict for unknown trace ${push.trace_id} ignored`)
    return { errcode: 2, errmsg: 'unknown trace' }
  }
  const { suggest, label } = push.result
  if (!(await saveMediaVerdict(check._id, suggest, label, at))) return HANDLED
  if (suggest === 'review') console.log(`[wegong] image ${check.fileId} of ${check.item.kind} ${check.item.id} is doubtful (review); kept`)
  if (suggest === 'risky') {
    const changed = await enforce(check, at)
    console.log(`[wegong] image ${check.fileId} of ${check.item.kind} ${check.item.id} is risky: ${changed ? 'hidden' : 'no longer shown'}`)
  }
  return HANDLED
}

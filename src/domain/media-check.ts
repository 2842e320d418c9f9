/**
 * WeChat's content security for images (R20): each picture one user publishes to others is sent to
 * `security.mediaCheckAsync` (version 2, media type 2 = image) once, when it first appears on the item,
 * and the item is published at once. WeChat answers later by message push (`wxa_media_check`): a
 * risky verdict hides the item from everyone but its owner, who sees why.
 */

/** WeChat's `media_type` for a picture. */
export const MEDIA_TYPE_IMAGE = 2

/**
 * What an image belongs to: whose view hides (product, post) or drops (avatar, a storefront's cover)
 * it when it is risky; an after-sales case (aftersale) hides that photo from all but the side that sent it.
 */
export type MediaItemKind = 'product' | 'post' | 'avatar' | 'aftersale' | 'storefront'

/** WeChat's verdict: pass, review (doubtful: stays shown, as for text) or risky (hidden). */
export type MediaVerdict = 'pass' | 'review' | 'risky'

/** What the sender of an after-sales photo reads on it once it is hidden from the other side (R19, R20). */
export const RISKY_CASE_PHOTO_REASON = '图片含有不适宜发布的内容，已对商家和平台隐藏；如有需要请重新上传凭证'

/** What the owner reads on an item hidden from others. */
export const RISKY_IMAGE_REASON = '图片含有不适宜发布的内容，已对代理和顾客隐藏；请更换图片后重新保存'

/** The tag on such an item in its owner's lists (商品管理, 管理动态), above the reason. */
export const HIDDEN_TAG = '未通过审核 · 仅自己可见'

/** The images of an edit that were not on the item before: only these are sent for a check. */
export function newImages(after: readonly string[], before: readonly string[]): string[] {
  const known = new Set(before)
  return [...new Set(after)].filter((fileId) => fileId !== '' && !known.has(fileId))
}

/** Whether an item hidden for these files is still hidden once its images are `now`: while any of them is on it. */
export function stillHidden(riskyFiles: readonly string[], now: readonly string[]): boolean {
  const current = new Set(now)
  return riskyFiles.some((fileId) => current.has(fileId))
}

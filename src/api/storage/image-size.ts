/** How photos are scaled and encoded before upload, for both builds (pure: no platform API). */

/**
 * Product photos are made to be forwarded to Moments (朋友圈): WeChat shows them there at most
 * ~1080 px wide and re-encodes what it is given to about that size, so pixels beyond 1080 are bytes
 * the supplier uploads and every agent downloads for nothing. 1080 is also about the width of a
 * phone screen in device pixels, where the app shows a photo full width.
 */
export const IMAGE_MAX_SIDE = 1080
/** JPEG quality of a compressed photo (0…1): WeChat's own default for wx.compressImage (80), no visible blocking at 1080 px. */
export const IMAGE_QUALITY = 0.8
/** Longer than this (width:height or height:width) is a long picture (详情长图), bounded by its shorter side. */
const LONG_PICTURE_RATIO = 2

/**
 * The size a photo is scaled down to for upload, as WeChat scales what is posted to Moments: the
 * longer side at most `maxSide`; a long picture keeps its shorter side at most `maxSide` instead,
 * so the text of a product's detail picture stays readable. Never scaled up.
 */
export function scaledSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const longer = Math.max(width, height)
  const shorter = Math.min(width, height)
  const bounded = longer > LONG_PICTURE_RATIO * shorter ? shorter : longer
  const scale = Math.min(1, maxSide / bounded)
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}
/** Avatars are shown at most 80 px wide; a little more keeps them sharp on dense screens. */
export const AVATAR_MAX_SIDE = 512

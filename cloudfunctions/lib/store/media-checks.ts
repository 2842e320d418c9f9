import type { MediaItemKind, MediaVerdict } from '@/domain/media-check'
import { db, rowsOf } from '../platform/cloud'
import type { RequestedCheck } from '../platform/media-security'

/**
 * One picture sent to WeChat's image check (R20), kept for audit: which file of which item, whose,
 * when asked, and WeChat's verdict when it came. `_id` is WeChat's trace id, which the push names.
 */
export interface MediaCheckRecord {
  _id: string
  fileId: string
  item: { kind: MediaItemKind; id: string }
  openid: string
  scene: number
  status: 'pending' | MediaVerdict
  label?: number
  requestedAt: number
  verdictAt?: number
}

const checks = () => db.collection('media_checks')

/** Records the checks of one item just published; a failure is logged (the item is already stored). */
export async function insertMediaChecks(
  requested: readonly RequestedCheck[],
  item: MediaCheckRecord['item'],
  openid: string,
  scene: number,
  at: number,
): Promise<void> {
  for (const { fileId, traceId } of requested) {
    const record: MediaCheckRecord = { _id: traceId, fileId, item, openid, scene, status: 'pending', requestedAt: at }
    try {
      await checks().add({ data: record })
    } catch (error) {
      console.error(`[wegong] image check ${traceId} of ${item.kind} ${item.id} not recorded`, error)
    }
  }
}

export async function findMediaCheck(traceId: string): Promise<MediaCheckRecord | null> {
  const [row] = await rowsOf<MediaCheckRecord>(checks().where({ _id: traceId }).limit(1).get())
  return row ?? null
}

/** Stores the verdict of a pending check; false when it already had one (WeChat pushes again until answered). */
export async function saveMediaVerdict(traceId: string, verdict: MediaVerdict, label: number | undefined, at: number): Promise<boolean> {
  const { stats } = (await checks()
    .where({ _id: traceId, status: 'pending' })
    .update({ data: { status: verdict, verdictAt: at, ...(label !== undefined ? { label } : {}) } })) as { stats?: { updated?: number } }
  return (stats?.updated ?? 0) === 1
}

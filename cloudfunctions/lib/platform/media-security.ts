import { z } from '@/domain/zod'
import { AppError } from '@/domain/errors'
import { CHECK_UNAVAILABLE, type Scene } from '@/domain/content-rules'
import { MEDIA_TYPE_IMAGE } from '@/domain/media-check'
import { cloud } from './cloud'
import { viewableUrls } from './files'

/**
 * WeChat's content security for images (R20): `security.mediaCheckAsync` version 2 with the
 * publisher's openid and the scene the picture is shown in. WeChat fetches the picture from the URL
 * and pushes its verdict later (`mediaCheckCallback`); the request answers only a trace id.
 */

export interface RequestedCheck {
  fileId: string
  traceId: string
}

interface CheckAnswer {
  traceId?: string
}

/** Calls in flight at once, as for text: a product with many spec pictures must not burst WeChat's quota. */
const PARALLEL = 5

/**
 * Requests a check of each picture and answers their trace ids. When WeChat cannot take a request,
 * the publishing is refused with INTERNAL as for text (docs/decisions/platform-rules.md): nothing is
 * published whose check was never asked for, and the user keeps the form and tries again.
 */
export async function requestImageChecks(openid: string, scene: Scene, fileIds: readonly string[]): Promise<RequestedCheck[]> {
  if (fileIds.length === 0) return []
  try {
    // WeChat downloads the picture within its check; the long life covers a slow queue.
    const urls = await viewableUrls(fileIds, 'owner')
    const requested: RequestedCheck[] = []
    for (let at = 0; at < fileIds.length; at += PARALLEL) {
      const batch = fileIds.slice(at, at + PARALLEL)
      const answers = await Promise.all(
        batch.map(async (fileId) => {
          const mediaUrl = urls.get(fileId)
          if (!mediaUrl) throw new Error(`no URL for ${fileId}`)
          const answer = (await cloud.openapi.security.mediaCheckAsync({
            openid,
            scene,
            version: 2,
            mediaType: MEDIA_TYPE_IMAGE,
            mediaUrl,
          })) as CheckAnswer
          if (typeof answer.traceId !== 'string' || answer.traceId === '') throw new Error('mediaCheckAsync answered no trace id')
          return { fileId, traceId: answer.traceId }
        }),
      )
      requested.push(...answers)
    }
    return requested
  } catch (error) {
    console.error('[wegong] image check unavailable', error)
    throw new AppError('INTERNAL', CHECK_UNAVAILABLE)
  }
}

/**
 * WeChat's message push of an image check's verdict (`wxa_media_check`), as the function receives it
 * (JSON, WeChat's own snake_case). Only `trace_id` and the verdict are read; the trace id must name a
 * check this app asked for, or the push changes nothing.
 */
export const MediaCheckPushSchema = z
  .object({
    MsgType: z.literal('event'),
    Event: z.literal('wxa_media_check'),
    trace_id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
    result: z.object({ suggest: z.enum(['pass', 'review', 'risky']), label: z.coerce.number().int().optional() }).passthrough(),
  })
  .passthrough()
export type MediaCheckPush = z.infer<typeof MediaCheckPushSchema>

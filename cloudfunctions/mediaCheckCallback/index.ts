import { recordMediaVerdict, type PushAnswer } from '../lib/lifecycles/media-checks'
import { now } from '../lib/platform/clock'
import { MediaCheckPushSchema } from '../lib/platform/media-security'

/**
 * WeChat's message push of image-check verdicts (消息推送: MsgType `event`, Event `wxa_media_check`,
 * configured in the console to this function). Not called by the app: a call from the mini-program
 * carries `userInfo`, which WeChat adds to every client call, and is ignored, as is a push naming a
 * trace id this app never asked for. It answers like the payment callbacks: `errcode: 0` when handled
 * (a verdict pushed again too), 1 not a push, 2 an unknown trace id, 500 a failure. It never throws.
 */
export async function main(event: unknown): Promise<PushAnswer> {
  try {
    if (event === null || typeof event !== 'object' || 'userInfo' in event) return { errcode: 1, errmsg: 'not a push' }
    const push = MediaCheckPushSchema.safeParse(event)
    if (!push.success) return { errcode: 1, errmsg: 'not a push' }
    return await recordMediaVerdict(push.data, now())
  } catch (error) {
    console.error('[wegong] image verdict failed', error)
    return { errcode: 500, errmsg: 'internal error' }
  }
}

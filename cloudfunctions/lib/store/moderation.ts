import { command, db } from '../platform/cloud'

/**
 * What a risky verdict of WeChat's image check changes (R20). A product or post is hidden from
 * everyone but its owner while a risky picture is on it; an avatar is dropped for the default one.
 * Each write names the picture, so a verdict on a picture the owner already replaced changes nothing.
 */

/** Why an item is hidden from others: the reason its owner reads, the risky pictures, since when. */
export interface Moderation {
  reason: string
  fileIds: string[]
  at: number
}

async function updatedOf(pending: unknown): Promise<boolean> {
  const { stats } = (await pending) as { stats?: { updated?: number } }
  return (stats?.updated ?? 0) > 0
}

function hiding(fileId: string, reason: string, at: number) {
  return { 'moderation.reason': reason, 'moderation.at': at, 'moderation.fileIds': command.addToSet(fileId) }
}

export function hideProductForImage(id: string, fileId: string, reason: string, at: number): Promise<boolean> {
  return updatedOf(
    db
      .collection('products')
      .where({ _id: id, 'specs.images': fileId })
      .update({ data: hiding(fileId, reason, at) }),
  )
}

export function hidePostForImage(id: string, fileId: string, reason: string, at: number): Promise<boolean> {
  return updatedOf(
    db
      .collection('posts')
      .where({ _id: id, images: fileId })
      .update({ data: hiding(fileId, reason, at) }),
  )
}

/** The user's avatar back to the default, when it is still this picture. */
export function dropAvatar(openid: string, fileId: string): Promise<boolean> {
  return updatedOf(
    db
      .collection('users')
      .where({ openid, avatar: fileId })
      .update({ data: { avatar: '' } }),
  )
}

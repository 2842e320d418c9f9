import { db, insertedIdOf, isDuplicateKeyError, rowsOf } from '../platform/cloud'

/** A user as stored; `avatar` is a cloud file ID or an https URL, '' for none. */
export interface UserRecord {
  _id: string
  openid: string
  nickname: string
  avatar: string
  /** The WeChat ID shown to the user's customers (R16); absent or '' for none. */
  wechatId?: string
  createdAt: number
  lastLoginAt: number
}

const users = () => db.collection('users')
const fields = { _id: true, openid: true, nickname: true, avatar: true, wechatId: true, createdAt: true, lastLoginAt: true }

export async function findUserByOpenid(openid: string): Promise<UserRecord | null> {
  const [row] = await rowsOf<UserRecord>(users().where({ openid }).field(fields).limit(1).get())
  return row ?? null
}

export async function findUsersByOpenids(openids: string[]): Promise<UserRecord[]> {
  if (openids.length === 0) return []
  return rowsOf<UserRecord>(
    users()
      .where({ openid: db.command.in(openids) })
      .field(fields)
      .limit(openids.length)
      .get(),
  )
}

/**
 * Find or create the user of this OPENID. The unique index on `openid` makes two simultaneous
 * first logins create one user: the loser of the race reads the winner's record.
 */
export async function upsertUserOnLogin(openid: string, now: number, defaultNickname: string): Promise<UserRecord> {
  const existing = await findUserByOpenid(openid)
  if (existing) {
    await users()
      .doc(existing._id)
      .update({ data: { lastLoginAt: now } })
    return { ...existing, lastLoginAt: now }
  }
  const record = { openid, nickname: defaultNickname, avatar: '', createdAt: now, lastLoginAt: now }
  try {
    const _id = await insertedIdOf(users().add({ data: record }))
    return { _id, ...record }
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error
    const winner = await findUserByOpenid(openid)
    if (!winner) throw error
    return winner
  }
}

export async function updateUser(id: string, changes: Partial<Pick<UserRecord, 'nickname' | 'avatar' | 'wechatId'>>): Promise<void> {
  await users().doc(id).update({ data: changes })
}

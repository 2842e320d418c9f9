import { DEFAULT_NICKNAME } from '@/domain/user'
import { AppError } from '@/domain/errors'
import type { User, UpdateProfileInput } from '@/domain/user'
import { requireOpenid, isOperator, type Caller } from './caller'
import { now } from './clock'
import { viewableUrls } from './files'
import { findSupplierByOwner } from './store/suppliers'
import { findUserByOpenid, updateUser, upsertUserOnLogin, type UserRecord } from './store/users'
import { toSupplier } from './suppliers'
import { uploadAreaOf } from './uploads'


export async function toUser(record: UserRecord): Promise<User> {
  const urls = record.avatar ? await viewableUrls([record.avatar]) : new Map<string, string>()
  return { _id: record._id, nickname: record.nickname, avatarUrl: urls.get(record.avatar) ?? '' }
}

export async function login(caller: Caller) {
  const openid = requireOpenid(caller)
  const [record, supplier] = await Promise.all([
    upsertUserOnLogin(openid, now(), DEFAULT_NICKNAME),
    findSupplierByOwner(openid),
  ])
  return {
    user: await toUser(record),
    supplier: supplier ? toSupplier(supplier) : null,
    isOperator: isOperator(openid),
    uploadDir: uploadAreaOf(openid),
  }
}

export async function updateProfile(input: UpdateProfileInput, caller: Caller) {
  const openid = requireOpenid(caller)
  const record = await findUserByOpenid(openid)
  if (!record) throw new AppError('FAILED_PRECONDITION', '请先登录')
  const changes = {
    ...(input.nickname !== undefined ? { nickname: input.nickname } : {}),
    ...(input.avatar !== undefined ? { avatar: input.avatar } : {}),
  }
  await updateUser(record._id, changes)
  return toUser({ ...record, ...changes })
}

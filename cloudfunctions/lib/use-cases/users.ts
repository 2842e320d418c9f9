import type { ActionArgs } from '@/domain/api'
import { changedTexts, SCENES, type PublishedText } from '@/domain/content-rules'
import { AppError } from '@/domain/errors'
import { DEFAULT_NICKNAME } from '@/domain/user'
import { newImages } from '@/domain/media-check'
import { requireSafeTexts } from '../platform/content-security'
import { requestImageChecks } from '../platform/media-security'
import { insertMediaChecks } from '../store/media-checks'
import { requireOpenid, isOperator, type Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { uploadAreaOf, uploadPathFor } from '../platform/files'
import { copyOwnerAvatar } from '../binding-copies'
import { findSupplierByOwner } from '../store/suppliers'
import { findUserByOpenid, updateUser, upsertUserOnLogin } from '../store/users'
import { toSupplier, toUser } from '../views'

export async function login(caller: Caller) {
  const openid = requireOpenid(caller)
  const [record, supplier] = await Promise.all([upsertUserOnLogin(openid, now(), DEFAULT_NICKNAME), findSupplierByOwner(openid)])
  return {
    user: await toUser(record),
    supplier: supplier ? toSupplier(supplier) : null,
    isOperator: isOperator(openid),
    uploadDir: uploadAreaOf(openid),
  }
}

/** The nickname is on every card others see; the WeChat ID is shown to customers (R20). */
function userTexts(user: { nickname?: string; wechatId?: string }): PublishedText[] {
  return [
    ...(user.nickname !== undefined ? [{ path: ['nickname'], label: '昵称', text: user.nickname, scene: SCENES.profile }] : []),
    ...(user.wechatId !== undefined ? [{ path: ['wechatId'], label: '微信号', text: user.wechatId, scene: SCENES.profile }] : []),
  ]
}

export async function updateProfile(input: ActionArgs<'user', 'updateProfile'>, caller: Caller) {
  const openid = requireOpenid(caller)
  const record = await findUserByOpenid(openid)
  if (!record) throw new AppError('FAILED_PRECONDITION', '请先登录')
  await requireSafeTexts(openid, changedTexts(userTexts(input), userTexts(record)))
  // The avatar is on the supplier's card agents see (R20): a new one is checked as a profile picture.
  const checks = await requestImageChecks(
    openid,
    SCENES.profile,
    input.avatar !== undefined ? newImages([input.avatar], [record.avatar]) : [],
  )
  const changes = {
    ...(input.nickname !== undefined ? { nickname: input.nickname } : {}),
    ...(input.avatar !== undefined ? { avatar: input.avatar } : {}),
    ...(input.wechatId !== undefined ? { wechatId: input.wechatId } : {}),
  }
  await updateUser(record._id, changes)
  await insertMediaChecks(checks, { kind: 'avatar', id: openid }, openid, SCENES.profile, now())
  // A supplier's card shows its owner's avatar; its agents' bindings carry a copy, so a feed page reads no users.
  if (input.avatar !== undefined && input.avatar !== record.avatar) {
    const supplier = await findSupplierByOwner(openid)
    if (supplier) await copyOwnerAvatar(supplier._id, input.avatar)
  }
  return toUser({ ...record, ...changes })
}

/** Where the caller's next upload goes (R9, R16): a name sealed to the caller that says nothing of it. */
export async function uploadPath(input: ActionArgs<'user', 'uploadPath'>, caller: Caller) {
  return { cloudPath: uploadPathFor(requireOpenid(caller), input.kind, input.ext) }
}

import { z } from 'zod'
import { codePointLength } from './text'

export const NICKNAME_MAX = 20
/** WeChat no longer hands out nicknames; this is what it shows for a user who has not set one. */
export const DEFAULT_NICKNAME = '微信用户'

export const UserSchema = z.object({
  _id: z.string(),
  nickname: z.string(),
  /** A URL the app can show (temporary for cloud files), or '' for the default avatar. */
  avatarUrl: z.string(),
})
export type User = z.infer<typeof UserSchema>

export const NicknameSchema = z
  .string()
  .trim()
  .min(1, '请填写昵称')
  .refine((s) => codePointLength(s) <= NICKNAME_MAX, `昵称最多 ${NICKNAME_MAX} 个字`)

/** An avatar is a cloud file ID (uploaded by the user) or an https URL (WeChat's own). */
export const AvatarRefSchema = z
  .string()
  .max(512)
  .regex(/^(cloud:\/\/|https:\/\/)/, '头像地址无效')

export const UpdateProfileInput = z
  .object({
    nickname: NicknameSchema.optional(),
    avatar: AvatarRefSchema.optional(),
  })
  .strict()
  .refine((v) => v.nickname !== undefined || v.avatar !== undefined, '没有要修改的资料')
export type UpdateProfileInput = z.infer<typeof UpdateProfileInput>

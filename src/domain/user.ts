import { z } from './zod'
import { UploadedFileId } from './files'
import { requiredText } from './text'

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

export const NicknameSchema = requiredText('昵称', NICKNAME_MAX)

export const UpdateProfileInput = z
  .object({
    nickname: NicknameSchema.optional(),
    /** The user's own upload (weapp's chooseAvatar gives a temp file, which the app uploads first). */
    avatar: UploadedFileId.optional(),
  })
  .strict()
  .refine((v) => v.nickname !== undefined || v.avatar !== undefined, '没有要修改的资料')
export type UpdateProfileInput = z.infer<typeof UpdateProfileInput>

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
  /** The WeChat ID the user chose to show its customers (「联系卖家」 on a shared card, R16); absent when none. */
  wechatId: z.string().optional(),
})
export type User = z.infer<typeof UserSchema>

export const NicknameSchema = requiredText('昵称', NICKNAME_MAX)

/** A WeChat ID (6–20 letters, digits, _ or -, starting with a letter) or a mobile number; '' removes it. */
export const WechatIdSchema = z
  .string()
  .trim()
  .refine(
    (v) => v === '' || /^[A-Za-z][-_A-Za-z0-9]{5,19}$/.test(v) || /^1\d{10}$/.test(v),
    '请填写正确的微信号（6-20 位字母、数字、下划线或减号，字母开头）或手机号',
  )

export const UpdateProfileInput = z
  .object({
    nickname: NicknameSchema.optional(),
    /** The user's own upload (weapp's chooseAvatar gives a temp file, which the app uploads first). */
    avatar: UploadedFileId.optional(),
    wechatId: WechatIdSchema.optional(),
  })
  .strict()
  .refine((v) => v.nickname !== undefined || v.avatar !== undefined || v.wechatId !== undefined, '没有要修改的资料')
export type UpdateProfileInput = z.infer<typeof UpdateProfileInput>

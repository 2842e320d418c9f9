import { z } from 'zod'

/** The local cloud poses as one WeChat cloud environment of one mini-program. */
export const LOCAL_ENV_ID = 'local-env'
export const LOCAL_APPID = 'wx-local'

/** An OPENID as the local cloud accepts it (header, operator list, upload folder name). */
export const Openid = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an OPENID is 1-64 letters, digits, - or _')

import QRCode from 'qrcode'
import { z } from 'zod'
import type { FormPart } from './multipart'
import { readFields, writeFields } from './protobuf'

/** What /admin sends back for `wx.openApi`: protobuf unless it is a TCB-level JSON error. */
export interface OpenApiReply {
  contentType: string
  body: Buffer
}

/**
 * `openapi.wxacode.getUnlimited`'s parameters as the SDK sends them (snake_case keys, JSON values).
 * Unknown keys pass, as WeChat ignores them.
 */
const GetUnlimitedParams = z.object({
  scene: z.string(),
  page: z.string().optional(),
  check_path: z.boolean().optional(),
  env_version: z.enum(['release', 'trial', 'develop']).optional(),
  width: z.number().optional(),
  auto_color: z.boolean().optional(),
  line_color: z
    .object({
      r: z.coerce.number().int().min(0).max(255),
      g: z.coerce.number().int().min(0).max(255),
      b: z.coerce.number().int().min(0).max(255),
    })
    .optional(),
  is_hyaline: z.boolean().optional(),
})

/** WeChat's scene rule: at most 32 visible characters from this set. */
const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]+$/
/** A page path as WeChat takes it: no leading `/`, no query (parameters go in the scene). */
const PAGE_PATH = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/

/**
 * Answers `action=wx.openApi`. Only `wxacode.getUnlimited` is implemented: instead of a WeChat
 * "sun code" it draws a plain QR code of the H5 link that opens the same page with the same scene,
 * so a phone camera or Playwright can follow it locally.
 */
export async function handleOpenApi(
  form: Map<string, FormPart>,
  /** Whether the calling function's config.json declares the API (`permissions.openapi`). */
  permitted: (apiName: string) => boolean,
  publicUrl: string,
  messages?: SubscribeMessages,
  jsonApis: Record<string, JsonOpenApi> = {},
): Promise<OpenApiReply> {
  const apiName = form.get('apiName')?.data.toString('utf8') ?? ''
  if (!permitted(apiName)) return envelopeError(NO_PERMISSION)
  const requestData = form.get('requestData')?.data
  if (apiName === 'subscribeMessage.send' && messages) return sendSubscribeMessage(requestData, messages)
  const jsonApi = Object.prototype.hasOwnProperty.call(jsonApis, apiName) ? jsonApis[apiName] : undefined
  if (jsonApi) return callJsonApi(requestData, jsonApi)
  if (apiName !== 'wxacode.getUnlimited') return tcbError(`the local cloud does not implement openapi "${apiName}"`)
  const read = paramsOf(requestData)
  if ('reply' in read) return read.reply
  const parsed = GetUnlimitedParams.safeParse(read.params)
  if (!parsed.success)
    return wechatError(47001, `data format error: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  const { scene, page, width, line_color: lineColor, is_hyaline: transparent } = parsed.data
  if (scene.length === 0 || scene.length > 32) return wechatError(40169, 'invalid length for scene, or the data is not json string')
  if (!SCENE_CHARS.test(scene)) return wechatError(40129, 'invalid scene')
  if (page !== undefined && !PAGE_PATH.test(page)) return wechatError(41030, 'invalid page')

  const link = `${publicUrl}/#/${page ?? ''}?scene=${encodeURIComponent(scene)}`
  const hex = (n: number) => n.toString(16).padStart(2, '0')
  const png = await QRCode.toBuffer(link, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 2,
    // WeChat's documented range is 280-1280 px, default 430.
    width: Math.min(1280, Math.max(280, Math.round(width ?? 430))),
    color: {
      dark: lineColor ? `#${hex(lineColor.r)}${hex(lineColor.g)}${hex(lineColor.b)}ff` : '#000000ff',
      light: transparent ? '#ffffff00' : '#ffffffff',
    },
  })
  return protobufReply(png, 'image/png')
}

/** Where `subscribeMessage.send` goes: checked and recorded (local/messages.ts). */
export interface SubscribeMessages {
  send(params: Record<string, unknown>): { ok: true; msgid: number } | { ok: false; errcode: number; errmsg: string }
}

/** A call's parameters, or the reply a request without readable parameters gets. */
function paramsOf(requestData: Buffer | undefined): { params: Record<string, unknown> } | { reply: OpenApiReply } {
  if (!requestData) return { reply: tcbError('openapi request without requestData') }
  try {
    return { params: decodeParams(requestData) }
  } catch (error) {
    return { reply: tcbError(`malformed openapi requestData: ${(error as Error).message}`) }
  }
}

/** `openapi.subscribeMessage.send`: the JSON answer WeChat gives, `{errcode: 0, errmsg: 'ok', msgid}`. */
function sendSubscribeMessage(requestData: Buffer | undefined, messages: SubscribeMessages): OpenApiReply {
  const read = paramsOf(requestData)
  if ('reply' in read) return read.reply
  const result = messages.send(read.params)
  if (!result.ok) return wechatError(result.errcode, result.errmsg)
  return protobufReply(Buffer.from(JSON.stringify({ errcode: 0, errmsg: 'ok', msgid: result.msgid })), 'application/json')
}

/**
 * A stand-in for one openapi name that answers WeChat's JSON: `{errcode: 0, …}`, or a non-zero
 * errcode that the SDK turns into a rejected promise (local/security.ts, local/shipping-reports.ts).
 */
export type JsonOpenApi = (params: Record<string, unknown>) => Record<string, unknown>

function callJsonApi(requestData: Buffer | undefined, api: JsonOpenApi): OpenApiReply {
  const read = paramsOf(requestData)
  if ('reply' in read) return read.reply
  return protobufReply(Buffer.from(JSON.stringify(api(read.params))), 'application/json')
}

/** CommApiData → OpenApiData → KeyValuePair{key, value}: each value is the JSON of one parameter. */
function decodeParams(requestData: Buffer): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  const openapiData = readFields(requestData).find((f) => f.no === 2)?.value
  if (!Buffer.isBuffer(openapiData)) return params
  for (const pair of readFields(openapiData)) {
    if (pair.no !== 1 || !Buffer.isBuffer(pair.value)) continue
    const fields = readFields(pair.value)
    const key = fields.find((f) => f.no === 1)?.value
    const value = fields.find((f) => f.no === 2)?.value
    const filename = fields.find((f) => f.no === 4)?.value
    if (!Buffer.isBuffer(key) || !Buffer.isBuffer(value)) continue
    // Media parameters (with a filename) are raw bytes; everything else is JSON text.
    params[key.toString('utf8')] = Buffer.isBuffer(filename) && filename.length > 0 ? value : JSON.parse(value.toString('utf8'))
  }
  return params
}

/** CommOpenApiResp{1: respData, 2: contentType}, sent as anything but exactly JSON-UTF-8. */
function protobufReply(respData: Buffer, contentType: string): OpenApiReply {
  return {
    contentType: 'application/octet-stream',
    body: writeFields([
      [1, respData],
      [2, contentType],
    ]),
  }
}

/** A WeChat business error: the caller's promise rejects with this errcode and errmsg. */
function wechatError(errcode: number, errmsg: string): OpenApiReply {
  return protobufReply(Buffer.from(JSON.stringify({ errcode, errmsg })), 'application/json')
}

/** WeChat's answer to an openapi the calling function's config.json does not declare. */
const NO_PERMISSION = -604101

/** An envelope error (CommOpenApiResp field 3): the caller gets `system error: error code: <n>`. */
function envelopeError(errorCode: number): OpenApiReply {
  return { contentType: 'application/octet-stream', body: writeFields([[3, errorCode]]) }
}

/** A TCB-level error: exactly this Content-Type makes the SDK read the body as JSON. */
function tcbError(message: string): OpenApiReply {
  return {
    contentType: 'application/json; charset=utf-8',
    body: Buffer.from(JSON.stringify({ requestId: 'local', code: 'INVALID_PARAM', message })),
  }
}

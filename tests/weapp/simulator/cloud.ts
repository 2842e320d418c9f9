import { answer, refuse } from './answer'
import type { CloudCall, Dict, Fn, PageRecord, WxHost, WxOptions } from './types'
import { describe } from './values'

/** wx.cloud on the local cloud: callFunction → POST /fn/<name>, uploadFile → POST /storage/upload, as `persona`. */
export function createCloud(host: WxHost, record: PageRecord, persona: string, note: (api: string, args: unknown) => void): Dict {
  let initialised = false
  // WeChat refuses every cloud API before wx.cloud.init().
  const notReady = (api: string) => `cloud.${api}:fail 请先调用 wx.cloud.init() 完成初始化后再调用其他云 API`
  return {
    init: (options: unknown) => {
      note('cloud.init', options)
      initialised = true
    },
    callFunction: (options: WxOptions) => {
      const name = String(options.name)
      const data = (options.data ?? {}) as Dict
      const call: CloudCall = { name, action: String(data.action ?? ''), ok: false }
      record.cloudCalls.push(call)
      if (!initialised) {
        call.code = 'NOT_INITIALISED'
        return refuse(options, notReady('callFunction'))
      }
      return answer(
        options,
        host.track(async () => {
          let body: { ok?: boolean; error?: { code?: string; message?: string } }
          try {
            const response = await fetch(`${host.cloudUrl()}/fn/${encodeURIComponent(name)}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-wegong-openid': persona },
              body: JSON.stringify(data),
            })
            body = (await response.json()) as typeof body
          } catch (error) {
            call.code = 'NETWORK'
            call.message = describe(error)
            throw { errMsg: `cloud.callFunction:fail ${call.message}` }
          }
          call.ok = body.ok === true
          if (!call.ok) Object.assign(call, { code: body.error?.code ?? 'MALFORMED', message: body.error?.message })
          return { errMsg: 'cloud.callFunction:ok', result: body, requestID: `local-${Date.now()}` }
        }),
      )
    },
    uploadFile: (options: WxOptions) => {
      note('cloud.uploadFile', { cloudPath: options.cloudPath, filePath: options.filePath })
      const listeners: Fn[] = []
      const work = !initialised
        ? Promise.reject({ errMsg: notReady('uploadFile') })
        : host.track(async () => {
            const file = host.files.get(String(options.filePath))
            if (!file) throw { errMsg: `cloud.uploadFile:fail file not found ${String(options.filePath)}` }
            const cloudPath = String(options.cloudPath ?? '')
            const response = await fetch(`${host.cloudUrl()}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
              method: 'POST',
              headers: { 'content-type': 'application/octet-stream', 'x-wegong-openid': persona },
              body: new Uint8Array(file.bytes),
            })
            const body = (await response.json().catch(() => ({}))) as {
              data?: { fileID?: string }
              fileID?: string
              error?: { message?: string }
            }
            const fileID = body.data?.fileID ?? body.fileID
            if (!response.ok || !fileID) throw { errMsg: `cloud.uploadFile:fail ${response.status} ${body.error?.message ?? ''}`.trim() }
            const total = file.bytes.length
            listeners.forEach((listener) => listener({ progress: 100, totalBytesSent: total, totalBytesExpectedToSend: total }))
            record.uploads.push({ cloudPath, fileID, bytes: total })
            return { errMsg: 'cloud.uploadFile:ok', fileID, statusCode: 200 }
          })
      const result = answer(options, work)
      // An UploadTask with callbacks, a promise without (as wx.cloud answers).
      const task = { onProgressUpdate: (listener: Fn) => void listeners.push(listener), abort: () => undefined }
      return result ? Object.assign(result, task) : task
    },
    getTempFileURL: (options: WxOptions) => {
      note('cloud.getTempFileURL', options)
      return refuse(options, 'cloud.getTempFileURL:fail the functions answer temporary URLs; the app never asks for them')
    },
  }
}

import path from 'node:path'
import { answer, ok, refuse } from './answer'
import { createCloud } from './cloud'
import { guardPrivacy } from './privacy'
import type { Dict, Fn, NavigationApi, PageRecord, WxHost, WxOptions } from './types'
import { imageSize, plain } from './values'

/**
 * The `wx` of one launch: the simulator's own, every call recorded on the page's record, with the
 * APIs a test asserts (navigation, clipboard, album, choosers, storage, wx.cloud) answered here.
 */
const NAVIGATION_APIS: NavigationApi[] = ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack']
/** Environment queries and storage: called all the time, never what a test asserts. */
const QUIET_APIS = new Set([
  'canIUse',
  'getSystemInfoSync',
  'getSystemInfo',
  'getSystemInfoAsync',
  'getWindowInfo',
  'getDeviceInfo',
  'getAppBaseInfo',
  'getSystemSetting',
  'getAppAuthorizeSetting',
  'getMenuButtonBoundingClientRect',
  'getAccountInfoSync',
  'getLaunchOptionsSync',
  'getEnterOptionsSync',
  'getStorageSync',
  'setStorageSync',
  'removeStorageSync',
  'getStorage',
  'setStorage',
  'removeStorage',
  'nextTick',
  'createSelectorQuery',
  'createIntersectionObserver',
  'onAppShow',
  'onAppHide',
  'offAppShow',
  'offAppHide',
  'onWindowResize',
  'offWindowResize',
  'onError',
  'onUnhandledRejection',
  'onPageNotFound',
  'onThemeChange',
  'onMemoryWarning',
  'onNetworkStatusChange',
  'getNetworkType',
])

/** The `wx` of one launch: everything recorded into `record`, the cloud called as `persona`. */
export function createWx(base: Dict | null, host: WxHost, record: PageRecord, persona: string): Dict {
  if (!base) throw new Error('miniprogram-simulate did not install wx')
  const wx: Dict = {}
  const note = (api: string, args: unknown) => {
    host.touch()
    if (!QUIET_APIS.has(api)) record.wxCalls.push({ api, args: plain(args) })
  }
  for (const [key, value] of Object.entries(base)) {
    wx[key] =
      typeof value === 'function'
        ? (...args: unknown[]) => {
            note(key, args[0])
            return (value as Fn).apply(base, args)
          }
        : value
  }
  const own = (api: string, implementation: (options: WxOptions) => unknown) => {
    wx[api] = (options: WxOptions = {}) => {
      note(api, options)
      return implementation(options)
    }
  }
  // A real storage, so what a page keeps (drafts, seen markers) behaves as on the phone.
  const copy = (value: unknown) => JSON.parse(JSON.stringify(value ?? null)) as unknown
  wx.getStorageSync = (key: string) => (host.storage.has(key) ? copy(host.storage.get(key)) : '')
  wx.setStorageSync = (key: string, value: unknown) => void host.storage.set(key, copy(value))
  wx.removeStorageSync = (key: string) => void host.storage.delete(key)
  wx.getStorage = (options: WxOptions) => {
    const key = String(options.key)
    return host.storage.has(key)
      ? ok(options, { errMsg: 'getStorage:ok', data: copy(host.storage.get(key)) })
      : refuse(options, 'getStorage:fail data not found')
  }
  wx.setStorage = (options: WxOptions) => {
    host.storage.set(String(options.key), copy(options.data))
    return ok(options, { errMsg: 'setStorage:ok' })
  }
  wx.removeStorage = (options: WxOptions) => {
    host.storage.delete(String(options.key))
    return ok(options, { errMsg: 'removeStorage:ok' })
  }
  wx.getLaunchOptionsSync = () => plain(host.launchOptions())
  wx.getEnterOptionsSync = () => plain(host.launchOptions())
  // Navigations are recorded, not followed: the suite checks each target against app.json.
  for (const api of NAVIGATION_APIS) {
    own(api, (options) => {
      record.navigations.push({ api, url: String(options.url ?? '') })
      return ok(options, { errMsg: `${api}:ok` })
    })
  }
  // The simulator's query is a stub: ask the page's own (NutUI Tabs measures its titles).
  wx.createSelectorQuery = () => {
    const shown = host.shown()
    return shown ? shown.createSelectorQuery() : (base.createSelectorQuery as Fn)()
  }
  own('setClipboardData', (options) => {
    record.clipboard.push(String(options.data ?? ''))
    return ok(options, { errMsg: 'setClipboardData:ok' })
  })
  own('getClipboardData', (options) =>
    ok(options, { errMsg: 'getClipboardData:ok', data: record.clipboard[record.clipboard.length - 1] ?? '' }),
  )
  own('downloadFile', (options) => download(host, options))
  own('saveImageToPhotosAlbum', (options) => {
    const file = host.files.get(String(options.filePath))
    if (!file) return refuse(options, `saveImageToPhotosAlbum:fail file not found ${String(options.filePath)}`)
    record.album.push({ filePath: file.path, bytes: file.bytes.length })
    return ok(options, { errMsg: 'saveImageToPhotosAlbum:ok' })
  })
  own('chooseMedia', (options) => {
    const chosen = host.takeChosen()
    if (!chosen.length) return refuse(options, 'chooseMedia:fail cancel')
    return ok(options, {
      errMsg: 'chooseMedia:ok',
      type: 'image',
      tempFiles: chosen.map((file) => ({ tempFilePath: file.path, size: file.bytes.length, fileType: 'image' })),
    })
  })
  own('chooseMessageFile', (options) => {
    const chosen = host.takeChosen()
    if (!chosen.length) return refuse(options, 'chooseMessageFile:fail cancel')
    const tempFiles = chosen.map((file) => ({
      path: file.path,
      size: file.bytes.length,
      name: file.name ?? path.basename(file.path),
      type: 'file',
      time: 0,
    }))
    return ok(options, { errMsg: 'chooseMessageFile:ok', tempFiles })
  })
  own('getImageInfo', (options) => {
    const file = host.files.get(String(options.src))
    if (!file) return refuse(options, 'getImageInfo:fail file not found')
    return ok(options, { errMsg: 'getImageInfo:ok', ...imageSize(file.bytes), path: file.path, type: path.extname(file.path).slice(1) })
  })
  own('compressImage', (options) => {
    const file = host.files.get(String(options.src))
    if (!file) return refuse(options, 'compressImage:fail file not found')
    return ok(options, {
      errMsg: 'compressImage:ok',
      tempFilePath: host.addTempFile(file.bytes, path.extname(file.path).slice(1) || 'jpg').path,
    })
  })
  // WeChat's confirm-receipt component (小程序确认收货组件): the user confirms, and WeChat answers success.
  own('openBusinessView', (options) => {
    const extraData = (options.extraData ?? {}) as Dict
    if (options.businessType !== 'weappOrderConfirm' || typeof extraData.transaction_id !== 'string')
      return refuse(options, 'openBusinessView:fail invalid businessType or extraData')
    return ok(options, { errMsg: 'openBusinessView:ok', extraData: { status: 'success', req_extradata: plain(extraData) } })
  })
  own('requestSubscribeMessage', (options) => subscribe(host, options, persona))
  own('requestPayment', (options) => pay(host, options))
  own('showModal', (options) => ok(options, { errMsg: 'showModal:ok', confirm: true, cancel: false }))
  own('openSetting', (options) => ok(options, { errMsg: 'openSetting:ok', authSetting: { 'scope.writePhotosAlbum': true } }))
  wx.cloud = createCloud(host, record, persona, note)
  guardPrivacy(wx, record, note)
  return wx
}

/** downloadFile fetches for real (a temp URL of the local cloud must answer) into a phone temp file. */
function download(host: WxHost, options: WxOptions): unknown {
  const url = String(options.url ?? '')
  const work = host.track(async () => {
    const response = await fetch(url)
    const bytes = Buffer.from(await response.arrayBuffer())
    const ext = /\.(png|jpe?g|gif|webp)(\?|$)/i.exec(url)?.[1] ?? 'png'
    return { errMsg: 'downloadFile:ok', statusCode: response.status, tempFilePath: host.addTempFile(bytes, ext).path }
  })
  const result = answer(options, work)
  const task = { onProgressUpdate: () => undefined, abort: () => undefined }
  return result ? Object.assign(result, task) : task
}

/**
 * WeChat's subscribe dialog (订阅消息): it opens only within a tap, for 1 to 3 templates, and answers
 * each with the user's choice (`Weapp.subscribeAnswer`). An acceptance allows one send of each
 * template to this user, as in WeChat: the local cloud keeps that quota (`POST /_local/subscribe`).
 */
function subscribe(host: WxHost, options: WxOptions, persona: string): unknown {
  if (!host.inTap()) return refuse(options, 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.')
  const ids = Array.isArray(options.tmplIds) ? options.tmplIds.map(String) : []
  if (ids.length === 0 || ids.length > 3) return refuse(options, 'requestSubscribeMessage:fail invalid tmplIds')
  const choice = host.subscribeAnswer()
  const work = host.track(async () => {
    if (choice === 'accept') {
      const response = await fetch(`${host.cloudUrl()}/_local/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid: persona, templateIds: ids }),
      })
      if (!response.ok) throw { errMsg: `requestSubscribeMessage:fail the local cloud answered ${response.status}` }
    }
    return { errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(ids.map((id) => [id, choice])) }
  })
  return answer(options, work)
}

/**
 * WeChat's payment sheet: the user pays, and WeChat Pay notifies the payment callback (the local
 * cloud's `POST /_local/pay` with the payment's package, as the H5 build's 模拟支付 does).
 */
function pay(host: WxHost, options: WxOptions): unknown {
  const work = host.track(async () => {
    const response = await fetch(`${host.cloudUrl()}/_local/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ package: String(options.package ?? '') }),
    })
    if (!response.ok) throw { errMsg: `requestPayment:fail the local cloud answered ${response.status}` }
    return { errMsg: 'requestPayment:ok' }
  })
  return answer(options, work)
}

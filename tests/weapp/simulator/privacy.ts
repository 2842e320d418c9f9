import { answer } from './answer'
import type { Dict, Fn, PageRecord, WxOptions } from './types'

/**
 * WeChat's privacy-scoped APIs and components (its 小程序用户隐私保护指引内容介绍), by the privacy_key
 * they fall under. Independent of the app's own declaration (src/domain/privacy-scopes.ts), which the
 * dist scan holds to this list: a call the build makes to anything here must be declared.
 */
export const WECHAT_PRIVACY_APIS: Readonly<Record<string, readonly string[]>> = {
  UserInfo: ['getUserInfo', 'getUserProfile'],
  Location: ['getLocation', 'getFuzzyLocation', 'startLocationUpdate', 'startLocationUpdateBackground'],
  ChooseLocation: ['chooseLocation', 'choosePoi'],
  Address: ['chooseAddress'],
  Invoice: ['chooseInvoice', 'chooseInvoiceTitle'],
  RunData: ['getWeRunData'],
  LicensePlate: ['chooseLicensePlate'],
  Album: ['chooseImage', 'chooseMedia', 'chooseVideo'],
  MessageFile: ['chooseMessageFile'],
  Record: ['startRecord', 'getRecorderManager', 'joinVoIPChat'],
  Camera: ['createCameraContext', 'createVKSession'],
  BlueTooth: ['openBluetoothAdapter', 'createBLEPeripheralServer'],
  AlbumWriteOnly: ['saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum'],
  Contact: ['addPhoneContact'],
  CalendarWriteOnly: ['addPhoneCalendar', 'addPhoneRepeatCalendar'],
  Clipboard: ['setClipboardData', 'getClipboardData'],
  Accelerometer: ['startAccelerometer'],
  Compass: ['startCompass'],
  DeviceMotion: ['startDeviceMotionListening'],
  Gyroscope: ['startGyroscope'],
}

/** `wx.authorize` scopes that are privacy-scoped, by privacy_key. */
export const WECHAT_PRIVACY_SCOPES: Readonly<Record<string, string>> = {
  'scope.userLocation': 'Location',
  'scope.userLocationBackground': 'Location',
  'scope.userFuzzyLocation': 'Location',
  'scope.werun': 'RunData',
  'scope.record': 'Record',
  'scope.camera': 'Camera',
  'scope.bluetooth': 'BlueTooth',
  'scope.writePhotosAlbum': 'AlbumWriteOnly',
  'scope.addPhoneContact': 'Contact',
  'scope.addPhoneCalendar': 'CalendarWriteOnly',
}

/** Privacy-scoped components: a button's open-type, an input's type, a tag. */
export const WECHAT_PRIVACY_COMPONENTS: Readonly<Record<string, readonly string[]>> = {
  UserInfo: ['button open-type="chooseAvatar"', 'input type="nickname"'],
  PhoneNumber: ['button open-type="getPhoneNumber"', 'button open-type="getRealtimePhoneNumber"'],
  Camera: ['camera', 'live-pusher', 'voip-room'],
}

/** The guide's name as this simulated console has it (what getPrivacySetting answers). */
export const SIMULATED_GUIDE_NAME = '《微供用户隐私保护指引》'

/** What a launch's privacy consent did: what asked, what the app answered, whether the user agreed. */
export interface PrivacyRecord {
  agreed: boolean
  /** Referrers of each onNeedPrivacyAuthorization event, in order. */
  asked: string[]
  /** The resolve events the app sent (exposureAuthorization, agree, disagree). */
  answers: string[]
  /** Ids of agreePrivacyAuthorization buttons the user tapped. */
  agreeTapped: string[]
  /** Privacy-scoped calls refused, as `api:reason`. */
  refused: string[]
  guideOpened: number
}

export function newPrivacyRecord(): PrivacyRecord {
  return { agreed: false, asked: [], answers: [], agreeTapped: [], refused: [], guideOpened: 0 }
}

const PRIVACY_REFUSAL = 'privacy permission is not authorized'

/**
 * Makes `wx` refuse privacy-scoped APIs until the user agreed, as WeChat does with
 * `__usePrivacyCheck__`: a call before consent is held and handed to the app's
 * onNeedPrivacyAuthorization listener (refused at once without one); `resolve({ event: 'agree',
 * buttonId })` resumes it only when that agree button was tapped; 'disagree' refuses it, errno 104.
 * Each launch starts without consent, so every test sees the flow from the start.
 */
export function guardPrivacy(wx: Dict, record: PageRecord, note: (api: string, args: unknown) => void): void {
  const privacy = record.privacy
  let listener: Fn | null = null
  wx.onNeedPrivacyAuthorization = (fn: Fn) => {
    note('onNeedPrivacyAuthorization', null)
    listener = fn
  }
  wx.getPrivacySetting = (options: WxOptions = {}) => {
    note('getPrivacySetting', options)
    return answer(
      options,
      Promise.resolve({ errMsg: 'getPrivacySetting:ok', needAuthorization: !privacy.agreed, privacyContractName: SIMULATED_GUIDE_NAME }),
    )
  }
  wx.openPrivacyContract = (options: WxOptions = {}) => {
    note('openPrivacyContract', options)
    privacy.guideOpened += 1
    return answer(options, Promise.resolve({ errMsg: 'openPrivacyContract:ok' }))
  }

  const held =
    (api: string, original: (options: WxOptions) => unknown) =>
    (options: WxOptions = {}) => {
      if (privacy.agreed) return original(options)
      const resume = () =>
        new Promise<Dict>((resolve, reject) => {
          original({ ...options, success: resolve as Fn, fail: reject as Fn, complete: undefined })
        })
      const refusal = (reason: string) => {
        privacy.refused.push(`${api}:${reason}`)
        return { errMsg: `${api}:fail ${PRIVACY_REFUSAL}`, errno: 104 }
      }
      const ask = listener
      if (!ask) return answer(options, Promise.reject(refusal('no consent handler')))
      const work = new Promise<Dict>((resolve, reject) => {
        privacy.asked.push(api)
        ask(
          (option: { event?: string; buttonId?: string } = {}) => {
            privacy.answers.push(String(option.event))
            if (option.event === 'agree') {
              // The base library checks that the agree button the app names was really tapped.
              if (option.buttonId && privacy.agreeTapped.includes(option.buttonId)) resume().then(resolve, reject)
              else reject(refusal(`agree without a tapped agree button (${String(option.buttonId)})`))
            } else if (option.event === 'disagree') reject(refusal('declined'))
          },
          { referrer: api },
        )
      })
      return answer(options, work)
    }

  for (const api of Object.values(WECHAT_PRIVACY_APIS).flat()) {
    const original = wx[api]
    if (typeof original === 'function') wx[api] = held(api, original as (options: WxOptions) => unknown)
  }
  const authorize = wx.authorize as ((options: WxOptions) => unknown) | undefined
  if (typeof authorize === 'function') {
    wx.authorize = (options: WxOptions = {}) => {
      const scope = String(options.scope ?? '')
      return WECHAT_PRIVACY_SCOPES[scope] ? held(scope, authorize)(options) : authorize(options)
    }
  }
  wx.requirePrivacyAuthorize = held('requirePrivacyAuthorize', (options) =>
    answer(options, Promise.resolve({ errMsg: 'requirePrivacyAuthorize:ok' })),
  )
}

/** The user tapped an `open-type="agreePrivacyAuthorization"` button: WeChat records the consent. */
export function agreeTapped(record: PageRecord, buttonId: string): void {
  record.privacy.agreeTapped.push(buttonId)
  record.privacy.agreed = true
}

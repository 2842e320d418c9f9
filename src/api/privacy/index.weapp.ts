import Taro from '@tarojs/taro'
import { PRIVACY_GUIDE_NAME } from '@/domain/privacy-consent'
import type { ConsentListener, ConsentRequest } from './types'

/**
 * WeChat's privacy consent (R20, app.json `__usePrivacyCheck__`): a privacy-scoped API called before
 * the user agreed is held by WeChat, which hands the app a `resolve`. The app's one handler keeps
 * every held call here and tells the page's popup; agreeing resumes them all (the action the user
 * started carries on), declining fails them, and WeChat asks again on the next privacy call.
 */
export type { ConsentListener, ConsentRequest } from './types'

type Resolve = Taro.onNeedPrivacyAuthorization.ResolveOption
let held: Array<(option: Resolve) => void> = []
let request: ConsentRequest | null = null
let guideName = PRIVACY_GUIDE_NAME
const listeners = new Set<ConsentListener>()
let listening = false

function tell(): void {
  for (const listener of listeners) listener(request)
}

function settle(option: Resolve): void {
  const resolves = held
  held = []
  request = null
  tell()
  for (const resolve of resolves) resolve(option)
}

export function listenForConsent(): void {
  // Base libraries before 2.32.3 have no consent to ask for.
  if (listening || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  listening = true
  Taro.onNeedPrivacyAuthorization((resolve, eventInfo) => {
    held.push(resolve)
    if (request) return
    request = { referrer: eventInfo?.referrer ?? '', guideName }
    tell()
    // The popup is on screen: WeChat counts it as shown (its exposure record).
    resolve({ event: 'exposureAuthorization' })
    Taro.getPrivacySetting?.({
      success: ({ privacyContractName }) => {
        if (!privacyContractName || !request) return
        guideName = privacyContractName
        request = { ...request, guideName }
        tell()
      },
    })
  })
}

export function subscribeConsent(listener: ConsentListener): () => void {
  listeners.add(listener)
  listener(request)
  return () => void listeners.delete(listener)
}

export function agreeConsent(buttonId: string): void {
  settle({ event: 'agree', buttonId })
}

export function declineConsent(): void {
  settle({ event: 'disagree' })
}

export function openPrivacyGuide(): void {
  Taro.openPrivacyContract?.({})
}

import type { ConsentListener } from './types'

/** Browsers have no WeChat privacy consent: nothing is ever held, so the popup never shows. */
export type { ConsentListener, ConsentRequest } from './types'

export function listenForConsent(): void {}

export function subscribeConsent(listener: ConsentListener): () => void {
  listener(null)
  return () => undefined
}

export function agreeConsent(_buttonId: string): void {}

export function declineConsent(): void {}

export function openPrivacyGuide(): void {}

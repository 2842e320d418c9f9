/** A privacy-scoped call WeChat holds until the user answers the consent popup (R20). */
export interface ConsentRequest {
  /** What asked: the API or component WeChat names (`setClipboardData`, `chooseAvatar`). */
  referrer: string
  /** The guide's name as the console has it (getPrivacySetting), to show and open. */
  guideName: string
}

/** What the popup hears: a request to show, or null when there is nothing to ask. */
export type ConsentListener = (request: ConsentRequest | null) => void

/** What both builds of `@/api/privacy` offer. */
export interface PrivacyApi {
  /** Registers the app's one consent handler with WeChat (weapp); nothing in H5, which has no consent. */
  listenForConsent(): void
  /** The popup's subscription: called now with the pending request (or null) and on every change. */
  subscribeConsent(listener: ConsentListener): () => void
  /** The user agreed with the `open-type="agreePrivacyAuthorization"` button `buttonId`: held calls resume. */
  agreeConsent(buttonId: string): void
  /** The user declined: held calls fail with WeChat's privacy refusal. */
  declineConsent(): void
  /** Opens the guide itself (WeChat's page for the console's guide). */
  openPrivacyGuide(): void
}

/** What WeChat's confirm-receipt component answered: done, the user's refusal or failure, or not available here. */
export type WeChatConfirmOutcome = 'success' | 'cancel' | 'fail' | 'unavailable'

/** What both builds of `@/api/confirm-receipt` offer (R20). */
export interface ConfirmReceiptApi {
  /**
   * Opens WeChat's own confirm-receipt component for the payment (`wx.openBusinessView`, businessType
   * `weappOrderConfirm`); 'unavailable' where there is none (H5, an old WeChat) or it could not open.
   */
  confirmWithWeChat(transactionId: string): Promise<WeChatConfirmOutcome>
}

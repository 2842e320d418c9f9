import type { WeChatConfirmOutcome } from './types'

/** The H5 build has no WeChat: 确认收货 is the app's own (R20). */
export async function confirmWithWeChat(_transactionId: string): Promise<WeChatConfirmOutcome> {
  return 'unavailable'
}

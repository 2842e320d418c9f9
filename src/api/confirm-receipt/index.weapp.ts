import Taro from '@tarojs/taro'
import type { WeChatConfirmOutcome } from './types'

/**
 * WeChat's confirm-receipt component (R20, 小程序确认收货组件): `wx.openBusinessView` with businessType
 * `weappOrderConfirm` and the payment's `transaction_id`. It answers by returning to the mini-program:
 * `referrerInfo` of App.onShow from WeChat's component app, `extraData.status` success / fail / cancel
 * (some WeChat versions also put it in the success callback's `extraData`; the first answer counts).
 */
const COMPONENT_APPID = 'wx1183b055aeec94d1'

interface BusinessViewAnswer {
  extraData?: { status?: string }
}

interface ShowOptions {
  referrerInfo?: { appId?: string; extraData?: { status?: string } }
}

function outcomeOf(status: string | undefined): WeChatConfirmOutcome | null {
  return status === 'success' || status === 'cancel' || status === 'fail' ? status : null
}

export function confirmWithWeChat(transactionId: string): Promise<WeChatConfirmOutcome> {
  const open = (Taro as unknown as { openBusinessView?: (options: Record<string, unknown>) => void }).openBusinessView
  if (typeof open !== 'function') return Promise.resolve('unavailable')
  return new Promise((resolve) => {
    let settled = false
    const settle = (outcome: WeChatConfirmOutcome) => {
      if (settled) return
      settled = true
      Taro.offAppShow(onShow)
      resolve(outcome)
    }
    const onShow = (options: ShowOptions) => {
      if (options.referrerInfo?.appId !== COMPONENT_APPID) return
      settle(outcomeOf(options.referrerInfo.extraData?.status) ?? 'fail')
    }
    Taro.onAppShow(onShow)
    open({
      businessType: 'weappOrderConfirm',
      extraData: { transaction_id: transactionId },
      success: (answer: BusinessViewAnswer) => {
        const outcome = outcomeOf(answer.extraData?.status)
        if (outcome) settle(outcome)
      },
      // It did not open (an old WeChat, the order unknown to WeChat): the app's own confirm.
      fail: () => settle('unavailable'),
    })
  })
}

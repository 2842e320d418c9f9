import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { consentTextOf, declinedMessage } from '@/domain/privacy-consent'
import { agreeConsent, declineConsent, openPrivacyGuide, subscribeConsent, type ConsentRequest } from '@/api/privacy'
import './index.scss'

/** The agree button's id: WeChat resumes the held call only for a button of this id the user tapped. */
const AGREE_ID = 'privacy-agree'

/**
 * The consent popup (R20): shown while WeChat holds a privacy-scoped call until the user reads and
 * agrees to the guide. Agreeing resumes what the user started; declining says what will not work,
 * and the rest of the app carries on. It sits in every page, main package too, so it is made of the
 * NutUI Popup and Button the main package already has; only an answer closes it, and it stays above
 * the sheet that asked (一键转发).
 */
export default function PrivacyConsent() {
  const [request, setRequest] = useState<ConsentRequest | null>(null)
  useEffect(() => subscribeConsent(setRequest), [])
  if (!request) return null

  const text = consentTextOf(request.referrer)
  const decline = () => {
    declineConsent()
    void Taro.showModal({ title: '未同意', content: declinedMessage(request.referrer), showCancel: false, confirmText: '知道了' })
  }
  return (
    <Popup className='privacy-consent' visible position='bottom' round zIndex={3000} closeOnOverlayClick={false} title='隐私保护提示'>
      <Text className='privacy-consent-text'>
        {text ? `为了${text.purpose}，需要你先阅读并同意` : '使用这项功能前，请阅读并同意'}
        <Text className='privacy-consent-link' onClick={openPrivacyGuide}>
          {request.guideName}
        </Text>
      </Text>
      <View className='privacy-consent-actions'>
        <Button className='privacy-decline' onClick={decline}>
          不同意
        </Button>
        <Button
          id={AGREE_ID}
          className='privacy-agree'
          type='primary'
          openType='agreePrivacyAuthorization'
          onAgreePrivacyAuthorization={() => agreeConsent(AGREE_ID)}
        >
          同意
        </Button>
      </View>
    </Popup>
  )
}

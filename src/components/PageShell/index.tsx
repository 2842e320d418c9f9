import type { PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import PrivacyConsent from '@/components/PrivacyConsent'

/**
 * The frame of every page: background and padding shared by all pages, and the privacy consent popup
 * (R20), which WeChat may need on any page that calls a privacy-scoped API.
 */
export default function PageShell({ className, children }: PropsWithChildren<{ className?: string }>) {
  return (
    <View className={className ? `page ${className}` : 'page'}>
      {children}
      <PrivacyConsent />
    </View>
  )
}

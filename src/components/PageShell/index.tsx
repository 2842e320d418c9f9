import type { PropsWithChildren } from 'react'
import { View } from '@tarojs/components'

/** The frame of every page: background and padding shared by all pages. */
export default function PageShell({ className, children }: PropsWithChildren<{ className?: string }>) {
  return <View className={className ? `page ${className}` : 'page'}>{children}</View>
}

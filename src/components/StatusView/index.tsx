import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button, Empty, Loading, Skeleton } from '@nutui/nutui-react-taro'
import emptyList from '@/assets/illustrations/empty-list.png'
import emptyParcel from '@/assets/illustrations/empty-parcel.png'
import errorImage from '@/assets/illustrations/error.png'
import noAccess from '@/assets/illustrations/no-access.png'
import { route } from '@/domain/routes'
import './index.scss'

/** Local illustrations: NutUI's default empty images load from a CDN, which may be unreachable. */
const illustrations = { list: emptyList, parcel: emptyParcel, error: errorImage, lock: noAccess } as const
export type Illustration = keyof typeof illustrations

function Picture({ name }: { name: Illustration }) {
  return <Image className='status-image' src={illustrations[name] as string} mode='scaleToFill' />
}

export function LoadingView({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='status-view status-loading'>
      <Loading type='circular' direction='vertical'>
        {text}
      </Loading>
    </View>
  )
}

/** Placeholders in the shape of the page's cards while its data loads. */
export function SkeletonCards({ count = 1, rows, className = 'wg-card' }: { count?: number; rows: number; className?: string }) {
  return (
    <>
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className={className}>
          <Skeleton rows={rows} animated />
        </View>
      ))}
    </>
  )
}

/** An error in plain Chinese with a way to try again (SPEC §6). */
export function ErrorView({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className='status-view status-error'>
      <Empty image={<Picture name='error' />} title='出错了' description={message} />
      <Button className='retry-button' type='primary' onClick={onRetry}>
        重试
      </Button>
    </View>
  )
}

/** Nothing to show yet, and what to do about it. */
export function EmptyView({
  className,
  image = 'list',
  title,
  description,
  children,
}: {
  className?: string
  image?: Illustration
  title: string
  description?: string
  children?: ReactNode
}) {
  return (
    <View className={`status-view status-empty ${className ?? ''}`}>
      <Empty image={<Picture name={image} />} title={title} description={description} />
      {children}
    </View>
  )
}

/** A dead end that says why and offers the way back (e.g. a page the caller may not use). */
export function NoticeView({
  className,
  image = 'lock',
  title,
  description,
  actionText,
  onAction,
  backText,
  onBack,
}: {
  className?: string
  image?: Illustration
  title: string
  description?: string
  actionText: string
  onAction: () => void
  /** A quieter second way out, e.g. back to 我的. */
  backText?: string
  onBack?: () => void
}) {
  return (
    <View className={`status-view status-notice ${className ?? ''}`}>
      <Empty image={<Picture name={image} />} title={title} description={description} />
      <Button className='notice-action' type='primary' onClick={onAction}>
        {actionText}
      </Button>
      {backText && onBack ? (
        <Button className='notice-back' fill='none' onClick={onBack}>
          {backText}
        </Button>
      ) : null}
    </View>
  )
}

/** A supplier admin page opened by someone without a supplier account: register, or go back to 我的. */
export function NotSupplierView({ description }: { description: string }) {
  return (
    <NoticeView
      className='not-supplier'
      title='你还不是供应商'
      description={description}
      actionText='成为供应商'
      onAction={() => void Taro.redirectTo({ url: route('supplier/register/index') })}
      backText='返回我的'
      onBack={() => void Taro.switchTab({ url: route('pages/mine/index') })}
    />
  )
}

/** Under a paged list that has items: more on the way, 加载更多, or the end. */
export function ListFooter({ loading, hasMore, onMore }: { loading: boolean; hasMore: boolean; onMore: () => void }) {
  if (loading) {
    return (
      <View className='list-footer'>
        <Loading type='spinner'>加载中…</Loading>
      </View>
    )
  }
  if (hasMore) {
    return (
      <View className='list-footer'>
        <Button className='load-more' fill='none' size='small' onClick={onMore}>
          加载更多
        </Button>
      </View>
    )
  }
  return (
    <View className='list-footer'>
      <Text className='list-end'>没有更多了</Text>
    </View>
  )
}

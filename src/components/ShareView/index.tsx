import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatYuan } from '@/domain/money'
import type { SellerCard } from '@/domain/share'
import { callCloud } from '@/api/cloud'
import { newIdempotencyKey } from '@/api/idempotency'
import { copyText } from '@/api/album'
import LoadGate from '@/components/LoadGate'
import { NoticeView } from '@/components/StatusView'
import UserAvatar from '@/components/UserAvatar'
import { previewImages } from '@/components/ProductCard'
import { useLoader } from '@/hooks/useLoader'
import './index.scss'

/** The agent's own card with 「联系卖家」, as every customer view ends. */
export function Seller({ seller }: { seller: SellerCard }) {
  const contact = async () => {
    if (!seller.wechatId) {
      void Taro.showToast({ title: '卖家暂未公开微信号，请通过分享给你的好友联系TA', icon: 'none', duration: 2500 })
      return
    }
    try {
      await copyText(seller.wechatId)
      void Taro.showModal({
        title: '微信号已复制',
        content: `卖家微信号：${seller.wechatId}\n打开微信「添加朋友」粘贴即可联系卖家`,
        showCancel: false,
        confirmText: '知道了',
      })
    } catch {
      void Taro.showModal({ title: '卖家微信号', content: seller.wechatId, showCancel: false, confirmText: '知道了' })
    }
  }
  return (
    <View className='wg-card share-seller'>
      <UserAvatar className='share-seller-avatar' url={seller.avatarUrl} size='48' />
      <View className='share-seller-who'>
        <Text className='share-seller-name'>{seller.nickname}</Text>
        <Text className='share-seller-note'>{seller.wechatId ? `微信号 ${seller.wechatId}` : '为你精选好物'}</Text>
      </View>
      <Button className='share-contact' type='primary' size='small' onClick={() => void contact()}>
        联系卖家
      </Button>
    </View>
  )
}

/** A customer view's pictures: a swiper with 「2/5」, each opening full screen; nothing without any. */
export function ShareGallery({ images }: { images: string[] }) {
  const [current, setCurrent] = useState(0)
  if (images.length === 0) return null
  return (
    <View className='share-gallery'>
      <Swiper className='share-swiper' current={current} onChange={(e) => setCurrent(e.detail.current)}>
        {images.map((url, index) => (
          <SwiperItem key={url}>
            <Image className='share-swiper-image' src={url} mode='aspectFill' onClick={() => previewImages(images, index)} />
          </SwiperItem>
        ))}
      </Swiper>
      <Text className='share-swiper-count'>
        {Math.min(current, images.length - 1) + 1}/{images.length}
      </Text>
    </View>
  )
}

/**
 * The customer view of a share (R16): what the agent's customer sees from a chat card, a Moments
 * post or a poster — pictures, text, the agent's retail price and the agent's own card. No login,
 * no tab bar, nothing of the supplier. Works in Moments' single-page mode.
 */
export default function ShareView({ token }: { token: string }) {
  // One key per opening, kept by 重试: a retried open is not counted as another view.
  const openKey = useRef(newIdempotencyKey('sv'))
  const { state, reload } = useLoader(() => callCloud('feed', 'shareView', { token, idempotencyKey: openKey.current }), {
    when: Boolean(token),
    key: token,
  })
  const invalid = !token || (state.status === 'error' && (state.error.code === 'NOT_FOUND' || state.error.code === 'INVALID_ARGUMENT'))
  if (invalid) {
    return (
      <NoticeView
        className='share-invalid'
        image='error'
        title='链接已失效'
        description='这个分享链接无效或已过期，请向卖家索取新的链接'
        actionText='我知道了'
        onAction={() => void Taro.navigateBack().catch(() => undefined)}
      />
    )
  }
  return (
    <LoadGate state={state} onRetry={() => void reload()}>
      {(view) =>
        view.available ? (
          <View className='share-view'>
            <ShareGallery images={view.images} />
            {view.price ? (
              <View className='wg-card share-price-card'>
                <Text className='share-price-symbol'>¥</Text>
                <Text className='share-price'>{formatYuan(view.price.min)}</Text>
                {view.price.max !== view.price.min ? <Text className='share-price-from'>起</Text> : null}
              </View>
            ) : null}
            <View className='wg-card share-text-card'>
              <Text className='share-text' userSelect>
                {view.text}
              </Text>
            </View>
            <Seller seller={view.seller} />
          </View>
        ) : (
          <View className='share-view share-gone'>
            <NoticeView
              className='share-off'
              image='parcel'
              title='商品已下架'
              description='这件商品已经卖完或下架了，可以联系卖家看看其他好物'
              actionText='联系卖家'
              onAction={() =>
                void copyText(view.seller.wechatId || view.seller.nickname).then(
                  () => Taro.showToast({ title: view.seller.wechatId ? '微信号已复制' : '卖家暂未公开微信号', icon: 'none' }),
                  // A declined privacy guide: the consent popup has said what it costs.
                  () => undefined,
                )
              }
            />
            <Seller seller={view.seller} />
          </View>
        )
      }
    </LoadGate>
  )
}

import { useRef, useState } from 'react'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { ActionOutput } from '@/domain/api'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import { newIdempotencyKey } from '@/api/idempotency'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { EmptyView, NoticeView } from '@/components/StatusView'
import { Seller, ShareGallery } from '@/components/ShareView'
import { useCodeScene } from '@/hooks/useCodeScene'
import { useLoader } from '@/hooks/useLoader'
import Price from '../Price'
import './index.scss'

type Product = NonNullable<ActionOutput<'storefront', 'view'>['product']>

/** A product opened from the storefront: all its pictures and its text, at the agent's price. */
function ProductDetail({ product, onBack }: { product: Product; onBack: () => void }) {
  return (
    <View className='storeview-product'>
      <ShareGallery images={product.images} />
      <View className='wg-card'>
        <Price className='storeview-product-price' price={product.price} />
        <Text className='storeview-product-text' userSelect>
          {product.text}
        </Text>
      </View>
      <Text className='storeview-back' onClick={onBack}>
        ‹ 返回小店
      </Text>
    </View>
  )
}

/**
 * The customer view of a storefront: its cover and name, the agent's card with 「联系卖家」, and the
 * products on sale as a grid at the agent's retail prices; a tap shows one product's pictures and
 * text. No login, nothing of any supplier; an unknown token says 链接已失效.
 */
export default function StorefrontViewPage() {
  const token = useCodeScene('pages/storefront/view/index', 'token')
  // One key per opening (of the storefront, or of one product), kept by 重试: a retry counts nothing more.
  const openKey = useRef(newIdempotencyKey('sfv'))
  const { state, reload } = useLoader(() => callCloud('storefront', 'view', { token, idempotencyKey: openKey.current }), {
    when: Boolean(token),
    key: token,
  })
  const [opened, setOpened] = useState<{ item: string; key: string } | null>(null)
  const product = useLoader(() => callCloud('storefront', 'view', { token, item: opened?.item ?? '', idempotencyKey: opened?.key ?? '' }), {
    when: Boolean(token && opened),
    key: opened?.key ?? '',
  })
  const back = () => setOpened(null)
  const open = (item: string) => {
    product.setState({ status: 'loading' })
    setOpened({ item, key: newIdempotencyKey('sfp') })
  }
  const view = state.status === 'ready' ? state.data : null
  useShareAppMessage(() => ({
    title: view?.name ?? '我的小店',
    path: route('pages/storefront/view/index', { token }),
    ...(view?.coverUrl ? { imageUrl: view.coverUrl } : {}),
  }))

  const invalid = !token || (state.status === 'error' && (state.error.code === 'NOT_FOUND' || state.error.code === 'INVALID_ARGUMENT'))
  if (invalid) {
    return (
      <PageShell className='storeview-page'>
        <NoticeView
          className='storeview-invalid'
          image='error'
          title='链接已失效'
          description='这个小店链接无效，请向卖家索取新的链接'
          actionText='我知道了'
          onAction={() => void Taro.navigateBack().catch(() => undefined)}
        />
      </PageShell>
    )
  }
  return (
    <PageShell className='storeview-page'>
      {opened ? (
        product.state.status === 'error' && product.state.error.code === 'NOT_FOUND' ? (
          <NoticeView
            className='storeview-gone'
            image='parcel'
            title='商品已下架'
            description='这件商品已经卖完或下架了，回小店看看其他好物'
            actionText='返回小店'
            onAction={back}
          />
        ) : (
          <LoadGate state={product.state} onRetry={() => void product.reload()}>
            {(loaded) => (loaded.product ? <ProductDetail product={loaded.product} onBack={back} /> : null)}
          </LoadGate>
        )
      ) : (
        <LoadGate state={state} onRetry={() => void reload()}>
          {(loaded) => (
            <View className='storeview'>
              {loaded.coverUrl ? <Image className='storeview-cover' src={loaded.coverUrl} mode='aspectFill' /> : null}
              <Text className='storeview-name'>{loaded.name}</Text>
              <Seller seller={loaded.seller} />
              {loaded.items.length > 0 ? (
                <View className='storeview-grid'>
                  {loaded.items.map((entry) => (
                    <View key={entry.item} className='storeview-item' onClick={() => open(entry.item)}>
                      {entry.image ? (
                        <Image className='storeview-item-image' src={entry.image} mode='aspectFill' />
                      ) : (
                        <View className='storeview-item-image' />
                      )}
                      <Text className='storeview-item-text'>{entry.text}</Text>
                      <Price className='storeview-item-price' price={entry.price} />
                    </View>
                  ))}
                </View>
              ) : (
                <EmptyView className='storeview-empty' title='小店正在上新' description='卖家还在挑选好物，晚点再来看看' />
              )}
            </View>
          )}
        </LoadGate>
      )}
    </PageShell>
  )
}

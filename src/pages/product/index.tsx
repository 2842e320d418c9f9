import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components'
import type { AgentProduct, AgentSpec } from '@/domain/feed'
import { formatFen } from '@/domain/money'
import { formatShanghai } from '@/domain/time'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import { newIdempotencyKey } from '@/api/idempotency'
import PageShell from '@/components/PageShell'
import OrderBar from '@/components/OrderBar'
import { openShop, previewImages, productImages } from '@/components/ProductCard'
import LoadGate from '@/components/LoadGate'
import { NoticeView } from '@/components/StatusView'
import SupplierAvatar from '@/components/SupplierAvatar'
import { useCodeScene } from '@/hooks/useCodeScene'
import { useLoader } from '@/hooks/useLoader'
import { useSession } from '@/session'
import { Button } from '@nutui/nutui-react-taro'
import { useForward } from '@/components/ForwardSheet'
import ShareView from '@/components/ShareView'
import AddToStorefront from '@/components/AddToStorefront'
import './index.scss'

function goHome() {
  void Taro.switchTab({ url: route('pages/feed/index') })
}

function Gallery({ images }: { images: string[] }) {
  const [current, setCurrent] = useState(0)
  if (images.length === 0) {
    return (
      <View className='product-gallery product-gallery-empty'>
        <Text className='product-gallery-none'>暂无图片</Text>
      </View>
    )
  }
  return (
    <View className='product-gallery'>
      <Swiper className='product-swiper' current={current} onChange={(e) => setCurrent(e.detail.current)}>
        {images.map((url, index) => (
          <SwiperItem key={url}>
            <Image className='product-swiper-image' src={url} mode='aspectFill' onClick={() => previewImages(images, index)} />
          </SwiperItem>
        ))}
      </Swiper>
      <Text className='product-swiper-count'>
        {Math.min(current, images.length - 1) + 1}/{images.length}
      </Text>
    </View>
  )
}

function stockText(stock: number): string {
  return stock > 0 ? `库存 ${stock} 件` : '已售罄'
}

function ProductView({ product }: { product: AgentProduct }) {
  const [specIndex, setSpecIndex] = useState(0)
  const spec: AgentSpec | undefined = product.specs[specIndex] ?? product.specs[0]
  // The chosen spec's own pictures; a spec without any shows the whole product's.
  const images = spec && spec.images.length > 0 ? spec.images : productImages(product.specs)

  return (
    <>
      <Gallery key={spec?.id ?? 'all'} images={images} />

      {spec ? (
        <View className='wg-card product-price-card'>
          <View className='product-price-row'>
            <Text className='product-price-label'>拿货价</Text>
            <Text className='product-price'>{formatFen(spec.price)}</Text>
          </View>
          <View className='product-price-meta'>
            {spec.sellPrice !== undefined ? <Text className='product-sell'>我的零售价 {formatFen(spec.sellPrice)}</Text> : null}
            {spec.retailPrice !== undefined ? <Text className='product-retail'>建议零售价 {formatFen(spec.retailPrice)}</Text> : null}
            <Text className={`product-stock${spec.stock > 0 ? '' : ' product-stock-out'}`}>{stockText(spec.stock)}</Text>
          </View>
        </View>
      ) : null}

      <View className='wg-card product-specs-card'>
        <Text className='wg-card-title'>
          规格<Text className='product-specs-count'>（{product.specs.length}）</Text>
        </Text>
        <View className='product-specs'>
          {product.specs.map((s, index) => (
            <View
              key={s.id}
              className={`spec-chip${index === specIndex ? ' spec-chip-active' : ''}${s.stock > 0 ? '' : ' spec-chip-soldout'}`}
              data-spec-id={s.id}
              onClick={() => setSpecIndex(index)}
            >
              <Text className='spec-chip-name'>{s.name}</Text>
              <Text className='spec-chip-price'>{formatFen(s.price)}</Text>
            </View>
          ))}
        </View>
      </View>

      {product.description ? (
        <View className='wg-card product-description-card'>
          <Text className='wg-card-title'>商品描述</Text>
          <Text className='product-description' userSelect>
            {product.description}
          </Text>
          <Text className='product-meta'>
            {product.category} · {formatShanghai(product.publishedAt, 'MM-DD HH:mm')} 上架 · {formatShanghai(product.expiresAt, 'MM-DD')}{' '}
            到期下架
          </Text>
        </View>
      ) : null}

      <View className='wg-card product-supplier' onClick={() => openShop(product.supplierId)}>
        <SupplierAvatar url={product.supplier.avatarUrl} name={product.supplier.name} size={88} />
        <View className='product-supplier-who'>
          <Text className='product-supplier-name'>{product.supplier.name}</Text>
          <Text className='product-supplier-category'>主营 {product.supplier.mainCategory}</Text>
        </View>
        <Text className='product-supplier-go'>进店看看</Text>
        <View className='product-supplier-chevron' />
      </View>

      <OrderBar product={product} />
    </>
  )
}

/**
 * 商品详情 as the agent sees it: pictures per spec, the agent's own price per spec (R11), the
 * suggested retail price, stock, the text and the supplier. Anything the agent may not see reads
 * 「商品不存在或已下架」, whatever the reason (R9).
 */
export default function ProductPage() {
  // 分享到朋友圈 opens this page again with the share's token (R16): customers see the share view.
  const { params } = useRouter()
  if (params.token) {
    return (
      <PageShell className='product-page product-page-shared'>
        <ShareView token={decodeURIComponent(params.token)} />
      </PageShell>
    )
  }
  return <AgentProductPage />
}

/** For agents (R16): 加价, 加入小店, 一键转发 and sharing, the retail price computed from its own price. */
function ProductActions({ product }: { product: AgentProduct }) {
  const { forward, sheet } = useForward()
  return (
    <>
      <View className='product-actions'>
        <View
          className='product-action product-markup'
          onClick={() =>
            void Taro.navigateTo({
              url: route('pages/markup/index', { supplierId: product.supplierId, productId: product._id }),
            })
          }
        >
          <Text>加价</Text>
        </View>
        <AddToStorefront className='product-add-store' productIds={[product._id]} />
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='product-share' fill='outline' openType='share'>
            分享给好友
          </Button>
        ) : null}
        <Button className='product-forward' type='primary' onClick={() => forward({ productId: product._id })}>
          一键转发
        </Button>
      </View>
      {sheet}
    </>
  )
}

function AgentProductPage() {
  // `?id=` from the app, or the product code's scene: the product id (R10).
  const id = useCodeScene('pages/product/index', 'id')
  const { state: session, refresh } = useSession()
  const ready = session.status === 'ready'
  // Again on coming back from 加价设置: the retail prices follow the new markup.
  const { state, reload } = useLoader(() => callCloud('feed', 'product', { id }), { when: ready && Boolean(id), key: id, onShow: true })
  const product = state.status === 'ready' ? state.data : null
  const isAgent = product !== null && product.specs.some((s) => s.sellPrice !== undefined)
  // The token 分享到朋友圈 needs at once (its callback cannot wait): made ready, counted when shared to a chat.
  const token = useRef('')

  useEffect(() => {
    if (!isAgent || !id) return
    callCloud('feed', 'share', { productId: id, prepare: true })
      .then((r) => (token.current = r.token))
      .catch(() => undefined)
  }, [isAgent, id])

  const title = product ? (product.description.split('\n')[0]?.slice(0, 30) ?? '') : ''
  useShareAppMessage(() => {
    const fallback = { title, path: token.current ? route('pages/share/index', { token: token.current }) : route('pages/feed/index') }
    if (!isAgent) return fallback
    return {
      ...fallback,
      promise: callCloud('feed', 'share', { productId: id, idempotencyKey: newIdempotencyKey('sh') }).then((r) => ({
        title,
        path: `/${r.path}`,
      })),
    }
  })
  useShareTimeline(() => ({ title, query: token.current ? `token=${token.current}` : '' }))

  const hidden = !id || (state.status === 'error' && (state.error.code === 'NOT_FOUND' || state.error.code === 'INVALID_ARGUMENT'))
  if (hidden) {
    return (
      <PageShell className='product-page'>
        <NoticeView
          className='product-hidden'
          image='parcel'
          title='商品不存在或已下架'
          description='去首页看看其他商品吧'
          actionText='返回首页'
          onAction={goHome}
        />
      </PageShell>
    )
  }
  // The product loads once the session is there (see above), so the session is gated first.
  return (
    <PageShell className={isAgent ? 'product-page product-page-with-actions' : 'product-page'}>
      <LoadGate state={session} onRetry={() => void refresh()}>
        {() => (
          <LoadGate state={state} onRetry={() => void reload()}>
            {(loaded) => (
              <>
                <ProductView product={loaded} />
                {isAgent ? <ProductActions product={loaded} /> : null}
              </>
            )}
          </LoadGate>
        )}
      </LoadGate>
    </PageShell>
  )
}

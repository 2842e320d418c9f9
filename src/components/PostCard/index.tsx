import { useState } from 'react'
import { useShareAppMessage } from '@tarojs/taro'
import type { ITouchEvent } from '@tarojs/components'
import { Button as NativeButton, Image, Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import type { AgentPost, AgentPostProduct } from '@/domain/post'
import { excerpt } from '@/domain/post-rules'
import { formatFenRange } from '@/domain/money'
import { relativeTime } from '@/domain/time'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import { newIdempotencyKey } from '@/api/idempotency'
import SupplierAvatar from '@/components/SupplierAvatar'
import { FoldText, ImageGrid, openProduct, openShop } from '@/components/ProductCard'
import './index.scss'

function ProductChooser({ products, visible, onClose }: { products: AgentPostProduct[]; visible: boolean; onClose: () => void }) {
  return (
    <Popup className='post-chooser' visible={visible} position='bottom' round closeable title='选择要查看的商品' onClose={onClose}>
      <View className='post-chooser-list'>
        {products.map((product) => (
          <View
            key={product._id}
            className='post-chooser-item'
            data-product-id={product._id}
            onClick={() => {
              onClose()
              openProduct(product._id)
            }}
          >
            {product.thumbnail ? (
              <Image className='post-chooser-thumb' src={product.thumbnail} mode='aspectFill' />
            ) : (
              <View className='post-chooser-thumb' />
            )}
            <View className='post-chooser-info'>
              <Text className='post-chooser-text'>{product.description}</Text>
              <Text className='post-chooser-price'>
                拿货 {formatFenRange([product.minPrice, product.maxPrice])}
                {product.minRetail !== undefined
                  ? ` · 零售 ${formatFenRange([product.minRetail, product.maxRetail ?? product.minRetail])}`
                  : ''}
              </Text>
            </View>
          </View>
        ))}
      </View>
    </Popup>
  )
}

/**
 * A post (微供动态, R14) in the agent's feed, Moments-style (SPEC §6): the supplier, the text folded
 * after six lines, the picture grid, its products still on sale, the time, and 一键转发. Tapping it
 * opens its product, or a chooser when it links several; when all went off sale it says so and
 * offers nothing dead.
 */
export default function PostCard({
  post,
  now,
  linkSupplier = true,
  onForward,
}: {
  post: AgentPost
  now: number
  linkSupplier?: boolean
  onForward: (post: AgentPost) => void
}) {
  const [choosing, setChoosing] = useState(false)
  const live = post.products
  const open = () => {
    const [only] = live
    if (!only) return
    if (live.length === 1) openProduct(only._id)
    else setChoosing(true)
  }
  const toSupplier = (e: ITouchEvent) => {
    if (!linkSupplier) return
    e.stopPropagation()
    openShop(post.supplierId)
  }
  return (
    <>
      <View className={`feed-card post-card${live.length === 0 ? ' post-card-off' : ''}`} data-post-id={post._id} onClick={open}>
        <View className='feed-card-side' onClick={toSupplier}>
          <SupplierAvatar url={post.supplier.avatarUrl} name={post.supplier.name} size={80} />
        </View>
        <View className='feed-card-main'>
          <Text className='feed-card-supplier' onClick={toSupplier}>
            {post.supplier.name}
          </Text>
          <FoldText className='feed-card-text' text={post.text} />
          <ImageGrid className='feed-card-images' urls={post.images} />
          {live.length > 0 ? (
            <View className='post-card-products'>
              {live.slice(0, 3).map((product) => (
                <View
                  key={product._id}
                  className='post-card-product'
                  onClick={(e) => {
                    e.stopPropagation()
                    openProduct(product._id)
                  }}
                >
                  {product.thumbnail ? (
                    <Image className='post-card-thumb' src={product.thumbnail} mode='aspectFill' />
                  ) : (
                    <View className='post-card-thumb' />
                  )}
                  <View className='post-card-product-info'>
                    <Text className='post-card-product-text'>{product.description}</Text>
                    <Text className='post-card-product-price'>
                      {product.minRetail !== undefined
                        ? `零售 ${formatFenRange([product.minRetail, product.maxRetail ?? product.minRetail])}`
                        : `拿货 ${formatFenRange([product.minPrice, product.maxPrice])}`}
                    </Text>
                  </View>
                </View>
              ))}
              {live.length > 3 ? <Text className='post-card-more'>共 {live.length} 件商品，点击查看</Text> : null}
            </View>
          ) : (
            <Text className='post-card-gone'>动态中的商品已全部下架</Text>
          )}
          <View className='feed-card-foot'>
            <Text className='feed-card-time'>{relativeTime(post.createdAt, now)}</Text>
            {live.length > 0 && process.env.TARO_ENV === 'weapp' ? (
              // The page's onShareAppMessage reads the post from the button (useShareOfPosts).
              <NativeButton
                className='card-action card-share'
                openType='share'
                data-post-id={post._id}
                data-title={excerpt(post.text, 30)}
                onClick={(e) => e.stopPropagation()}
              >
                分享
              </NativeButton>
            ) : null}
            {live.length > 0 ? (
              <View
                className='card-action card-forward'
                onClick={(e) => {
                  e.stopPropagation()
                  onForward(post)
                }}
              >
                <Text>一键转发</Text>
              </View>
            ) : null}
          </View>
        </View>
      </View>
      <ProductChooser products={live} visible={choosing} onClose={() => setChoosing(false)} />
    </>
  )
}

/**
 * 分享给好友 from a post card (R16): the page's share callback gets the tapped button, whose data
 * names the post; the card it sends opens the customer view with a counted share token.
 */
export function useShareOfPosts(fallbackTitle: string) {
  useShareAppMessage((res) => {
    const data = (res.target as { dataset?: { postId?: string; title?: string } } | undefined)?.dataset
    const fallback = { title: fallbackTitle, path: route('pages/feed/index') }
    if (res.from !== 'button' || !data?.postId) return fallback
    const title = data.title || fallbackTitle
    return {
      title,
      path: fallback.path,
      promise: callCloud('feed', 'share', { postId: data.postId, idempotencyKey: newIdempotencyKey('sh') }).then((r) => ({
        title,
        path: `/${r.path}`,
      })),
    }
  })
}

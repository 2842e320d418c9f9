import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button, InputNumber, Popup } from '@nutui/nutui-react-taro'
import type { AgentProduct } from '@/domain/feed'
import { formatFen } from '@/domain/money'
import { shortTitle } from '@/domain/order-rules'
import { route } from '@/domain/routes'
import { productThumbnail } from '@/domain/product-rules'
import { addToCart, cartCount, setCartOwner } from '@/cart'
import { useSession } from '@/session'
import './index.scss'

type Intent = 'cart' | 'buy'

/**
 * 加入进货单 / 立即下单 on a product (R17): pick a spec and a quantity (from 1, within its stock) in a
 * sheet; 立即下单 goes straight to 确认订单 for this supplier. The page opened with `order=1` (the feed
 * card's 下单) opens the sheet at once. Not for the supplier looking at its own product.
 */
export default function OrderBar({ product }: { product: AgentProduct }) {
  const { state } = useSession()
  const { params } = useRouter()
  const [intent, setIntent] = useState<Intent | null>(params.order === '1' ? 'buy' : null)
  const inStock = product.specs.filter((s) => s.stock > 0)
  const [specId, setSpecId] = useState(inStock[0]?.id ?? '')
  const [qty, setQty] = useState(1)
  const [count, setCount] = useState(0)
  const spec = product.specs.find((s) => s.id === specId)

  useEffect(() => {
    if (state.status !== 'ready') return
    setCartOwner(state.data.user._id)
    setCount(cartCount())
  }, [state])

  if (state.status !== 'ready' || state.data.supplier?._id === product.supplierId) return null

  const add = (): boolean => {
    if (!spec || spec.stock <= 0) {
      void Taro.showToast({ title: '请选择有货的规格', icon: 'none' })
      return false
    }
    addToCart(product.supplierId, product.supplier.name, {
      productId: product._id,
      specId: spec.id,
      qty,
      title: shortTitle(product.description, 40),
      specName: spec.name,
      image: spec.images[0] ?? productThumbnail(product.specs),
      price: spec.price,
      stock: spec.stock,
    })
    setCount(cartCount())
    return true
  }

  const confirm = () => {
    if (!add()) return
    const wanted = intent
    setIntent(null)
    if (wanted === 'buy') void Taro.navigateTo({ url: route('pages/checkout/index', { supplierId: product.supplierId }) })
    else void Taro.showToast({ title: '已加入进货单', icon: 'success' })
  }

  return (
    <>
      <View className='wg-card order-bar'>
        <View className='order-bar-cart' onClick={() => void Taro.navigateTo({ url: route('pages/cart/index') })}>
          <Text className='order-bar-cart-text'>进货单</Text>
          {count > 0 ? <Text className='order-bar-badge'>{count}</Text> : null}
        </View>
        <Button className='order-bar-add' fill='outline' type='primary' disabled={inStock.length === 0} onClick={() => setIntent('cart')}>
          加入进货单
        </Button>
        <Button className='order-bar-buy' type='primary' disabled={inStock.length === 0} onClick={() => setIntent('buy')}>
          {inStock.length === 0 ? '已售罄' : '立即下单'}
        </Button>
      </View>
      <Popup className='order-sheet' visible={intent !== null} position='bottom' round closeable onClose={() => setIntent(null)}>
        <View className='order-sheet-body'>
          <View className='order-sheet-head'>
            {spec?.images[0] ? (
              <Image className='order-sheet-image' src={spec.images[0]} mode='aspectFill' />
            ) : (
              <View className='order-sheet-image' />
            )}
            <View className='order-sheet-head-main'>
              <Text className='order-sheet-price'>{spec ? formatFen(spec.price) : '--'}</Text>
              <Text className='order-sheet-stock'>{spec ? `库存 ${spec.stock} 件` : '请选择规格'}</Text>
            </View>
          </View>
          <Text className='order-sheet-label'>规格</Text>
          <View className='order-sheet-specs'>
            {product.specs.map((s) => (
              <View
                key={s.id}
                className={`order-spec${s.id === specId ? ' order-spec-active' : ''}${s.stock > 0 ? '' : ' order-spec-soldout'}`}
                data-spec-id={s.id}
                onClick={() => {
                  if (s.stock <= 0) return
                  setSpecId(s.id)
                  setQty((q) => Math.min(q, s.stock))
                }}
              >
                {s.name}
              </View>
            ))}
          </View>
          <View className='order-sheet-qty'>
            <Text className='order-sheet-label'>数量</Text>
            <InputNumber
              className='order-qty'
              value={qty}
              min={1}
              max={Math.max(1, spec?.stock ?? 1)}
              onChange={(v) => setQty(Number(v))}
            />
          </View>
          <Button className='order-sheet-confirm' type='primary' block onClick={confirm}>
            {intent === 'buy' ? '下单' : '加入进货单'}
          </Button>
        </View>
      </Popup>
    </>
  )
}

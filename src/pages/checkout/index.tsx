import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatFen } from '@/domain/money'
import { consigneeAddress, type Consignee, type Quote } from '@/domain/order'
import type { AppError } from '@/domain/app-error'
import { route } from '@/domain/routes'
import { callCloud, toAppError } from '@/api/cloud'
import { askForOrderMessages, preloadOrderMessages } from '@/api/pay'
import { cartGroup, removeFromCart, setCartOwner } from '@/cart'
import PageShell from '@/components/PageShell'
import ConsigneePicker from '@/components/ConsigneePicker'
import { usePayment } from '@/components/PaySheet'
import { EmptyView, ErrorView, LoadingView } from '@/components/StatusView'
import { useSession } from '@/session'
import { useSubmissionKey } from '@/hooks/useSubmissionKey'
import { toastError } from '@/components/FormMessages/toast'
import './index.scss'

type QuoteState = { status: 'loading' } | { status: 'ready'; quote: Quote } | { status: 'error'; error: AppError }

/**
 * 确认订单: the consignee (一件代发: the agent's own address or its customer's), the server's quote for
 * it (goods at the agent's tier, shipping by template and province — the app never sends a price),
 * then 提交订单 and paying.
 */
export default function CheckoutPage() {
  const { params } = useRouter()
  const supplierId = params.supplierId ?? ''
  const { state: session } = useSession()
  const userId = session.status === 'ready' ? session.data.user._id : ''
  if (userId) setCartOwner(userId)
  const group = useMemo(() => (userId ? cartGroup(supplierId) : null), [userId, supplierId])
  const items = useMemo(() => group?.lines.map((l) => ({ productId: l.productId, specId: l.specId, qty: l.qty })) ?? [], [group])
  const [consignee, setConsignee] = useState<Consignee | null>(null)
  const [recent, setRecent] = useState<Array<{ id: string; consignee: Consignee }>>([])
  const [picking, setPicking] = useState(false)
  const [quote, setQuote] = useState<QuoteState>({ status: 'loading' })
  const [submitting, setSubmitting] = useState(false)
  const [attempt, setAttempt] = useState(0)
  // A retried submit (a lost answer, a double tap) finds the same order (R17); another consignee or
  // other items after a failed submit are another order, under a new key.
  const keyFor = useSubmissionKey('co')
  const { pay, sheet } = usePayment()

  useEffect(() => {
    if (!userId) return
    preloadOrderMessages()
    callCloud('order', 'addresses', {})
      .then(({ items: book }) => {
        setRecent(book)
        setConsignee((current) => current ?? book[0]?.consignee ?? null)
      })
      .catch(() => undefined)
  }, [userId])

  const province = consignee?.province
  useEffect(() => {
    if (items.length === 0) return
    let live = true
    setQuote((q) => (q.status === 'ready' ? q : { status: 'loading' }))
    callCloud('order', 'quote', { items, ...(province ? { province } : {}) })
      .then((next) => live && setQuote({ status: 'ready', quote: next }))
      .catch((e: unknown) => live && setQuote({ status: 'error', error: toAppError(e) }))
    return () => {
      live = false
    }
  }, [items, province, attempt])

  const submit = async () => {
    // Within the tap, before anything is awaited: WeChat opens the subscription dialog only then.
    void askForOrderMessages('agent')
    if (!consignee) {
      setPicking(true)
      return
    }
    setSubmitting(true)
    try {
      const submitted = { items, consignee }
      const order = await callCloud('order', 'create', { ...submitted, idempotencyKey: keyFor(submitted) })
      removeFromCart(supplierId, items)
      let paid = false
      try {
        paid = await pay(order._id, false)
      } catch (e) {
        toastError(e)
      }
      if (paid) void Taro.showToast({ title: '支付成功', icon: 'success' })
      void Taro.redirectTo({ url: route('pages/orders/detail/index', { id: order._id }) })
    } catch (e) {
      toastError(e, 2500)
      setSubmitting(false)
    }
  }

  if (session.status === 'ready' && !group) {
    return (
      <PageShell className='checkout-page'>
        <EmptyView image='parcel' title='进货单里没有这个供应商的商品' description='去商品页选好规格，加入进货单吧'>
          <Button className='checkout-go-shop' type='primary' onClick={() => void Taro.switchTab({ url: route('pages/feed/index') })}>
            去逛逛
          </Button>
        </EmptyView>
      </PageShell>
    )
  }

  const ready = quote.status === 'ready' ? quote.quote : null
  return (
    <PageShell className='checkout-page'>
      <View className='wg-card checkout-consignee' onClick={() => setPicking(true)}>
        {consignee ? (
          <View className='checkout-consignee-main'>
            <Text className='checkout-consignee-who'>
              {consignee.name} {consignee.phone}
            </Text>
            <Text className='checkout-consignee-address'>{consigneeAddress(consignee)}</Text>
          </View>
        ) : (
          <View className='checkout-consignee-main'>
            <Text className='checkout-consignee-empty'>添加收货地址</Text>
            <Text className='checkout-consignee-address'>自己收货，或直接发给你的客户（一件代发）</Text>
          </View>
        )}
        <View className='chevron' />
      </View>

      <View className='wg-card checkout-goods'>
        <Text className='wg-card-title'>{group?.supplierName ?? ''}</Text>
        {quote.status === 'loading' ? <LoadingView text='正在计算价格…' /> : null}
        {quote.status === 'error' ? (
          <>
            <ErrorView message={quote.error.message} onRetry={() => setAttempt((n) => n + 1)} />
            {quote.error.code === 'OUT_OF_STOCK' || quote.error.code === 'NOT_FOUND' ? (
              <Button
                className='checkout-edit-cart'
                fill='outline'
                block
                onClick={() => void Taro.redirectTo({ url: route('pages/cart/index') })}
              >
                修改进货单
              </Button>
            ) : null}
          </>
        ) : null}
        {ready
          ? ready.lines.map((line) => (
              <View key={`${line.productId}/${line.specId}`} className='checkout-line'>
                {line.image ? (
                  <Image className='checkout-line-image' src={line.image} mode='aspectFill' />
                ) : (
                  <View className='checkout-line-image' />
                )}
                <View className='checkout-line-main'>
                  <Text className='checkout-line-title'>{line.title}</Text>
                  <Text className='checkout-line-spec'>{line.specName}</Text>
                </View>
                <View className='checkout-line-side'>
                  <Text className='checkout-line-price'>{formatFen(line.unitPrice)}</Text>
                  <Text className='checkout-line-qty'>×{line.qty}</Text>
                </View>
              </View>
            ))
          : null}
        {ready ? (
          <View className='checkout-money'>
            <View className='checkout-money-row'>
              <Text>商品金额</Text>
              <Text className='checkout-goods-total'>{formatFen(ready.goodsTotal)}</Text>
            </View>
            <View className='checkout-money-row'>
              <Text>运费{ready.province ? `（${ready.province}）` : '（按默认运费，选择地址后更新）'}</Text>
              <Text className='checkout-shipping'>{ready.shippingFee === 0 ? '包邮' : formatFen(ready.shippingFee)}</Text>
            </View>
          </View>
        ) : null}
      </View>

      <View className='checkout-bar'>
        <Text className='checkout-total-label'>
          合计 <Text className='checkout-total'>{ready ? formatFen(ready.total) : '--'}</Text>
        </Text>
        <Button className='checkout-submit' type='primary' disabled={!ready} loading={submitting} onClick={() => void submit()}>
          提交订单
        </Button>
      </View>

      <ConsigneePicker
        visible={picking}
        recent={recent}
        onClose={() => setPicking(false)}
        onPick={(next) => {
          setConsignee(next)
          setPicking(false)
        }}
        onForget={(id) => {
          setRecent((list) => list.filter((entry) => entry.id !== id))
          callCloud('order', 'removeAddress', { id }).catch((e: unknown) => toastError(e))
        }}
      />
      {sheet}
    </PageShell>
  )
}

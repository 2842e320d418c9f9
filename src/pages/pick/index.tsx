import { useState } from 'react'
import Taro, { useReachBottom, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatFenRange } from '@/domain/money'
import { SELECTION_MAX, selectionTitle } from '@/domain/my-words'
import { productThumbnail } from '@/domain/product-rules'
import { excerpt } from '@/domain/post-rules'
import { route } from '@/domain/routes'
import { searchOfParams, searchSummary } from '@/domain/search-route'
import { STOREFRONT_ADD_MAX } from '@/domain/storefront'
import { callCloud, toAppError } from '@/api/cloud'
import { newIdempotencyKey } from '@/api/idempotency'
import { saveDrawnImage, shareDrawnImage } from '@/api/album'
import { makeSelectionPoster } from '@/api/poster/selection'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { EmptyView } from '@/components/StatusView'
import { useForward } from '@/components/ForwardSheet'
import AddToStorefront from '@/components/AddToStorefront'
import { usePagedList } from '@/hooks/usePagedList'
import { useSession } from '@/session'
import './index.scss'

/**
 * 多选转发: the agent picks up to nine products of its feed, in the order they go into the 3×3 grid,
 * then forwards them as one Moments post (the 一键转发 sheet: saved and copied at once) or shares
 * them as one card or one poster (the first pictures in a grid, the title, the code) opening the
 * customer view of the selection. Opened from 我的小店 (`mode: 'storefront'`), it picks up to twenty
 * to add to the storefront instead. Opened from 搜索 with its words and filters, it lists that
 * search's results (`feed.search`) instead of the whole feed, under a header saying what was searched.
 */
export default function PickPage() {
  const { params } = useRouter()
  const storefront = params.mode === 'storefront'
  const [search] = useState(() => searchOfParams(params))
  const max = storefront ? STOREFRONT_ADD_MAX : SELECTION_MAX
  const { state: session } = useSession()
  const list = usePagedList(
    (cursor) =>
      search
        ? callCloud('feed', 'search', { ...search, ...(cursor ? { cursor } : {}), limit: 20 })
        : callCloud('feed', 'products', { ...(cursor ? { cursor } : {}), limit: 20 }),
    (p) => p._id,
    { when: session.status === 'ready', key: search ? `pick:${JSON.stringify(search)}` : 'pick' },
  )
  const [picked, setPicked] = useState<string[]>([])
  const [card, setCard] = useState<{ busy: boolean; token: string; path: string; error: string }>({
    busy: false,
    token: '',
    path: '',
    error: '',
  })
  const [drawing, setDrawing] = useState(false)
  const { forward, sheet } = useForward()
  useReachBottom(() => void list.loadMore())
  useShareAppMessage(() => ({
    title: selectionTitle(picked.map((id) => list.items.find((p) => p._id === id)?.description ?? '')),
    path: card.path ? `/${card.path}` : route('pages/feed/index'),
  }))

  const toggle = (id: string) => {
    setCard({ busy: false, token: '', path: '', error: '' })
    setPicked((prev) => {
      if (prev.includes(id)) return prev.filter((p) => p !== id)
      if (prev.length >= max) {
        void Taro.showToast({ title: `一次最多选 ${max} 件`, icon: 'none' })
        return prev
      }
      return [...prev, id]
    })
  }

  const makeCard = async () => {
    setCard({ busy: true, token: '', path: '', error: '' })
    try {
      const { token, path } = await callCloud('feed', 'shareSelection', { productIds: picked, idempotencyKey: newIdempotencyKey('ss') })
      setCard({ busy: false, token, path, error: '' })
    } catch (e) {
      setCard({ busy: false, token: '', path: '', error: toAppError(e).message })
    }
  }

  // The selection's poster: without a code (none could be made) it prints the path instead.
  const makePoster = async () => {
    setDrawing(true)
    try {
      const chosen = picked.flatMap((id) => list.items.find((p) => p._id === id) ?? [])
      const code = await callCloud('feed', 'shareCode', { token: card.token }).catch(() => null)
      const url = await makeSelectionPoster({
        images: chosen.map((p) => productThumbnail(p.specs)),
        title: selectionTitle(chosen.map((p) => p.description)),
        count: chosen.length,
        code: code?.image ?? '',
        path: `/${card.path}`,
        nickname: session.status === 'ready' ? session.data.user.nickname : '',
      })
      if (!(await shareDrawnImage(url))) {
        await saveDrawnImage(url, '微供多选海报.png')
        void Taro.showToast({ title: '海报已保存', icon: 'success' })
      }
    } catch (e) {
      void Taro.showToast({ title: toAppError(e).message, icon: 'none' })
    } finally {
      setDrawing(false)
    }
  }

  return (
    <PageShell className='pick-page'>
      {search ? <Text className='pick-search'>{searchSummary(search)}</Text> : null}
      <LoadGate
        state={list.state}
        onRetry={() => void list.reload()}
        empty={
          search ? (
            <EmptyView title={search.q ? `没有找到「${search.q}」` : '没有符合条件的商品'} description='换个词试试，或放宽筛选条件' />
          ) : (
            <EmptyView title='还没有可转发的商品' description='供应商上新后可以在这里多选转发' />
          )
        }
        more={list}
      >
        {(products) => (
          <View className='pick-list'>
            {products.map((product) => {
              const order = picked.indexOf(product._id)
              const prices = product.specs.flatMap((s) => (s.sellPrice !== undefined ? [s.sellPrice] : []))
              return (
                <View
                  key={product._id}
                  className={order >= 0 ? 'wg-card pick-item pick-item-on' : 'wg-card pick-item'}
                  onClick={() => toggle(product._id)}
                >
                  <Text className='pick-order'>{order >= 0 ? order + 1 : ''}</Text>
                  <Image className='pick-thumb' src={productThumbnail(product.specs)} mode='aspectFill' />
                  <View className='pick-info'>
                    <Text className='pick-title'>{excerpt(product.description, 30)}</Text>
                    <Text className='pick-price'>{prices.length > 0 ? formatFenRange(prices) : ''}</Text>
                  </View>
                </View>
              )
            })}
          </View>
        )}
      </LoadGate>
      <View className='pick-bar'>
        <Text className='pick-count'>
          已选 {picked.length}/{max}
        </Text>
        {storefront ? (
          <AddToStorefront className='pick-storefront' productIds={picked} back block />
        ) : (
          <>
            {card.error ? <Text className='pick-error'>{card.error}</Text> : null}
            <View className='pick-actions'>
              {card.path ? (
                <>
                  <Button className='pick-send' type='primary' openType='share'>
                    发给好友
                  </Button>
                  <Button className='pick-poster' fill='outline' loading={drawing} onClick={() => void makePoster()}>
                    生成海报
                  </Button>
                </>
              ) : (
                <Button
                  className='pick-share'
                  fill='outline'
                  disabled={picked.length === 0}
                  loading={card.busy}
                  onClick={() => void makeCard()}
                >
                  生成分享卡片
                </Button>
              )}
              <AddToStorefront className='pick-add-store' productIds={picked} />
              <Button
                className='pick-forward'
                type='primary'
                disabled={picked.length === 0}
                onClick={() => forward({ productIds: picked })}
              >
                转发到朋友圈
              </Button>
            </View>
            {card.path ? (
              <Text className='pick-link' userSelect>
                {card.path}
              </Text>
            ) : null}
          </>
        )}
      </View>
      {sheet}
    </PageShell>
  )
}

import { useState } from 'react'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ActionOutput } from '@/domain/api'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import { newIdempotencyKey } from '@/api/idempotency'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { EmptyView } from '@/components/StatusView'
import { toastError } from '@/components/FormMessages/toast'
import { useLoader } from '@/hooks/useLoader'
import { useSession } from '@/session'
import StoreHead from './StoreHead'
import StoreItems from './StoreItems'
import StoreInsight from './StoreInsight'
import StoreShare from './StoreShare'
import './index.scss'

type Storefront = ActionOutput<'storefront', 'mine'>

/** 「添加商品」: the feed's pick page or search, in the mode that adds what is picked and comes back. */
function AddProducts() {
  const go = (page: 'pages/pick/index' | 'pages/search/index') => void Taro.navigateTo({ url: route(page, { mode: 'storefront' }) })
  return (
    <View className='store-add'>
      <Button className='store-add-pick' type='primary' fill='outline' onClick={() => go('pages/pick/index')}>
        从首页添加商品
      </Button>
      <Button className='store-add-search' type='primary' fill='outline' onClick={() => go('pages/search/index')}>
        搜索添加
      </Button>
    </View>
  )
}

/**
 * 我的小店: the agent's storefront — cover and name (编辑), its products in the agent's order
 * (置顶 / 上移 / 下移 / 移除, delisted ones marked 已下架), 添加商品 from the feed or search, the
 * opens of the last 7 / 30 days, and 分享小店 as a card, a poster or the code.
 */
export default function StorefrontPage() {
  const { state: session, refresh } = useSession()
  const ready = session.status === 'ready'
  // Again on coming back from 添加商品: the products just added show.
  const { state, reload, setState } = useLoader(() => callCloud('storefront', 'mine', {}), { when: ready, onShow: true })
  const [busy, setBusy] = useState(false)
  const [sharing, setSharing] = useState(false)
  const [token, setToken] = useState<string | null>(null)
  const store = state.status === 'ready' ? state.data : null
  const shownToken = token ?? store?.token ?? null

  const show = (next: Storefront) => setState({ status: 'ready', data: next })
  const change = async (call: () => Promise<Storefront>) => {
    if (busy) return
    setBusy(true)
    try {
      show(await call())
    } catch (e) {
      toastError(e)
      void reload()
    } finally {
      setBusy(false)
    }
  }

  useShareAppMessage(() => {
    const card = { title: store?.name ?? '我的小店', ...(store?.coverUrl ? { imageUrl: store.coverUrl } : {}) }
    if (shownToken) return { ...card, path: route('pages/storefront/view/index', { token: shownToken }) }
    return {
      ...card,
      path: route('pages/feed/index'),
      promise: callCloud('storefront', 'share', { idempotencyKey: newIdempotencyKey('sf') }).then((r) => ({ ...card, path: `/${r.path}` })),
    }
  })

  return (
    <PageShell className='storefront-page'>
      <LoadGate state={session} onRetry={() => void refresh()}>
        {() => (
          <LoadGate state={state} onRetry={() => void reload()}>
            {(loaded) => (
              <>
                <StoreHead key={loaded.name + loaded.cover} store={loaded} onSaved={show} />
                <View className='store-list-head'>
                  <Text className='store-count'>小店商品 {loaded.items.length} 件</Text>
                </View>
                {loaded.items.length > 0 ? (
                  <StoreItems
                    items={loaded.items}
                    busy={busy}
                    onReorder={(productIds) => void change(() => callCloud('storefront', 'reorder', { productIds }))}
                    onRemove={(productId) => void change(() => callCloud('storefront', 'removeProducts', { productIds: [productId] }))}
                  />
                ) : (
                  <EmptyView
                    className='store-empty'
                    title='小店还没有商品'
                    description='从首页或搜索挑选商品加入小店，顾客打开小店就能看到'
                  />
                )}
                <AddProducts />
                <StoreInsight store={loaded} />
                <View className='store-bar'>
                  <Button className='store-share-open' type='primary' block onClick={() => setSharing(true)}>
                    分享小店
                  </Button>
                </View>
                <StoreShare
                  store={loaded}
                  visible={sharing}
                  nickname={session.status === 'ready' ? session.data.user.nickname : ''}
                  onShared={(shared) => setToken(shared.token)}
                  onClose={() => setSharing(false)}
                />
              </>
            )}
          </LoadGate>
        )}
      </LoadGate>
    </PageShell>
  )
}

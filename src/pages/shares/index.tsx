import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { MyShare } from '@/domain/share'
import { shareStateText } from '@/domain/share-rules'
import { relativeTime } from '@/domain/time'
import { callCloud } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { EmptyView, SkeletonCards } from '@/components/StatusView'
import { usePagedList } from '@/hooks/usePagedList'
import { useSession } from '@/session'
import './index.scss'

const KIND_TAG: Record<MyShare['kind'], string> = { product: '商品', post: '动态', selection: '多选' }

function ShareRow({ share, now }: { share: MyShare; now: number }) {
  // What the customer sees: the share view or the selection's, whatever the state (it says so when gone).
  const open = () => void Taro.navigateTo({ url: `/${share.path}` })
  return (
    <View className={`my-share my-share-${share.state}`} data-token={share.token} onClick={open}>
      {share.thumbnail ? <Image className='my-share-thumb' src={share.thumbnail} mode='aspectFill' /> : <View className='my-share-thumb' />}
      <View className='my-share-info'>
        <View className='my-share-head'>
          <Text className={`my-share-kind my-share-kind-${share.kind}`}>{KIND_TAG[share.kind]}</Text>
          <Text className='my-share-title'>{share.title}</Text>
        </View>
        {share.kind === 'selection' ? (
          <Text className='my-share-counts'>
            {share.productCount ?? 0} 件商品 · 分享 {share.shares} · 顾客浏览 {share.views}
          </Text>
        ) : (
          <Text className='my-share-counts'>
            转发 {share.forwards} · 分享 {share.shares} · 顾客浏览 {share.views}
          </Text>
        )}
        <View className='my-share-foot'>
          <Text className='my-share-time'>{relativeTime(share.sharedAt, now)}</Text>
          <Text className={`my-share-state state-${share.state}`}>{shareStateText[share.state]}</Text>
        </View>
      </View>
    </View>
  )
}

/**
 * 我的转发 (R16): everything the agent forwarded or shared — products, posts and selections shared as
 * one card (多选) — latest first, each with its live state (在售 / 即将下架 / 已下架), so it knows which
 * Moments posts to take down.
 */
export default function MySharesPage() {
  const { state: session } = useSession()
  const ready = session.status === 'ready'
  const [offSale, setOffSale] = useState(0)
  const list = usePagedList<MyShare>(
    async (cursor) => {
      const page = await callCloud('feed', 'myShares', cursor ? { cursor } : {})
      if (!cursor) setOffSale(page.offSale)
      return page
    },
    (s) => s.token,
    { when: ready },
  )

  usePullDownRefresh(() => {
    void list.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())

  const now = Date.now()
  return (
    <PageShell className='shares-page'>
      {offSale > 0 ? (
        <View className='shares-alert'>
          <Text>有 {offSale} 件你转发过的商品已下架，记得删除对应的朋友圈，以免顾客下单不成</Text>
        </View>
      ) : null}
      <LoadGate
        state={list.state}
        onRetry={() => void list.reload()}
        loading={<SkeletonCards count={3} rows={2} />}
        empty={
          <EmptyView className='shares-empty' title='还没有转发记录' description='在首页点「一键转发」或分享商品给好友后，会记录在这里' />
        }
        more={list}
      >
        {(items) => (
          <View className='shares-list'>
            {items.map((share) => (
              <ShareRow key={share.token} share={share} now={now} />
            ))}
          </View>
        )}
      </LoadGate>
    </PageShell>
  )
}

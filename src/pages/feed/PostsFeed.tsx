import { useRef } from 'react'
import { useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { AgentPost } from '@/domain/post'
import { callCloud } from '@/api/cloud'
import LoadGate from '@/components/LoadGate'
import PostCard from '@/components/PostCard'
import { EmptyView, SkeletonCards } from '@/components/StatusView'
import { useAutoLoad } from '@/hooks/useLoader'
import { usePagedList } from '@/hooks/usePagedList'
import { postsSeen } from './seen'

/**
 * 动态 (R14): the posts of every bound supplier (or of `supplierId`), newest first, Moments-style.
 * `reloadKey` changes when the page wants the first page again (pull to refresh, a new filter).
 */
export default function PostsFeed({
  userId,
  supplierId,
  reloadKey,
  linkSupplier = true,
  onForward,
  onSeen,
  emptyTitle = '供应商还没有发布动态',
}: {
  userId: string
  supplierId: string
  reloadKey: number
  linkSupplier?: boolean
  onForward: (post: AgentPost) => void
  onSeen?: () => void
  emptyTitle?: string
}) {
  const filter = useRef(supplierId)
  filter.current = supplierId
  const posts = usePagedList<AgentPost>(
    (cursor) => callCloud('feed', 'posts', { ...(filter.current ? { supplierId: filter.current } : {}), ...(cursor ? { cursor } : {}) }),
    (p) => p._id,
  )
  const { reload } = posts

  // The first page again for another user or supplier, or when the page asks (quietly, then).
  useAutoLoad(
    async () => {
      const items = await reload(reloadKey > 0)
      if (items && filter.current === '') {
        postsSeen.mark(
          userId,
          items.map((p) => p.createdAt),
        )
        onSeen?.()
      }
    },
    { key: `${userId} ${supplierId} ${reloadKey}` },
  )
  useReachBottom(() => void posts.loadMore())

  const now = Date.now()
  return (
    <LoadGate
      state={posts.state}
      onRetry={() => void reload()}
      loading={<SkeletonCards count={3} rows={3} className='feed-skeleton' />}
      empty={<EmptyView className='feed-no-posts' title={emptyTitle} description='供应商发布动态后会出现在这里，一键就能转发到朋友圈' />}
      more={posts}
    >
      {(items) => (
        <View className='feed-list feed-posts'>
          {items.map((post) => (
            <PostCard key={post._id} post={post} now={now} linkSupplier={linkSupplier} onForward={onForward} />
          ))}
        </View>
      )}
    </LoadGate>
  )
}

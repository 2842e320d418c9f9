import { useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { AgentPost } from '@/domain/post'
import type { NewWindow } from '@/domain/search-rules'
import { callCloud } from '@/api/cloud'
import LoadGate from '@/components/LoadGate'
import PostCard from '@/components/PostCard'
import { EmptyView, SkeletonCards } from '@/components/StatusView'
import { usePagedList } from '@/hooks/usePagedList'

/**
 * 搜索's 动态 tab (docs/decisions/search.md): the agent's posts matching the words, from every bound
 * supplier or one, 新上架 as the products' tab; cards as the feed's, forwarded the same way.
 */
export default function PostResults({
  when,
  filters,
  onForward,
}: {
  when: boolean
  filters: { q?: string; supplierId?: string; newWithin?: NewWindow }
  onForward: (post: AgentPost) => void
}) {
  const results = usePagedList<AgentPost>(
    (cursor) => callCloud('feed', 'searchPosts', { ...filters, ...(cursor ? { cursor } : {}) }),
    (p) => p._id,
    { when, key: JSON.stringify(filters) },
  )
  useReachBottom(() => void results.loadMore())
  const now = Date.now()
  return (
    <LoadGate
      state={results.state}
      onRetry={() => void results.reload()}
      loading={<SkeletonCards count={3} rows={3} />}
      empty={
        <EmptyView
          className='search-empty search-empty-posts'
          title={filters.q ? `没有找到「${filters.q}」的动态` : '没有符合条件的动态'}
          description='换个词试试，或放宽筛选条件'
        />
      }
      more={results}
    >
      {(items) => (
        <View className='search-results search-results-posts'>
          {items.map((post) => (
            <PostCard key={post._id} post={post} now={now} onForward={onForward} />
          ))}
        </View>
      )}
    </LoadGate>
  )
}

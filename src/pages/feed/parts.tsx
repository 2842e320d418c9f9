import { ScrollView, Text, View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'
import { newCountLabel } from '@/domain/feed-rules'
import type { MySupplier } from '@/domain/network'
import { EmptyView } from '@/components/StatusView'
import SupplierAvatar from '@/components/SupplierAvatar'

export type FeedTab = 'products' | 'posts'

export function FeedSkeleton() {
  return (
    <View className='feed-skeletons'>
      {[0, 1, 2].map((i) => (
        <View key={i} className='feed-skeleton'>
          <View className='feed-skeleton-avatar' />
          <View className='feed-skeleton-lines'>
            <Skeleton rows={3} animated />
          </View>
        </View>
      ))}
    </View>
  )
}

export function NoSuppliers() {
  return (
    <EmptyView
      className='feed-empty'
      image='parcel'
      title='还没有合作的供应商'
      description='扫描供应商的微供码，成为TA的微商代理后就能看到商品'
    >
      <View className='feed-steps'>
        <View className='feed-step'>
          <Text className='feed-step-no'>1</Text>
          <Text className='feed-step-text'>向供应商索取TA的微供码</Text>
        </View>
        <View className='feed-step'>
          <Text className='feed-step-no'>2</Text>
          <Text className='feed-step-text'>用微信扫一扫，确认成为微商代理</Text>
        </View>
        <View className='feed-step'>
          <Text className='feed-step-no'>3</Text>
          <Text className='feed-step-text'>在这里浏览商品，一键转发到朋友圈</Text>
        </View>
      </View>
    </EmptyView>
  )
}

export function SupplierFilter({
  suppliers,
  value,
  onChange,
}: {
  suppliers: MySupplier[]
  value: string
  onChange: (supplierId: string) => void
}) {
  return (
    <View className='feed-filters'>
      <ScrollView className='feed-filter-scroll' scrollX enhanced showScrollbar={false}>
        <View className='feed-filter-track'>
          <View className={`feed-filter feed-filter-all${value === '' ? ' feed-filter-active' : ''}`} onClick={() => onChange('')}>
            <Text className='feed-filter-name'>全部</Text>
          </View>
          {suppliers.map(({ supplier }) => (
            <View
              key={supplier._id}
              className={`feed-filter${value === supplier._id ? ' feed-filter-active' : ''}`}
              data-supplier-id={supplier._id}
              onClick={() => onChange(supplier._id)}
            >
              <SupplierAvatar className='feed-filter-avatar' url={supplier.avatarUrl} name={supplier.name} size={40} />
              <Text className='feed-filter-name'>{supplier.name}</Text>
            </View>
          ))}
        </View>
      </ScrollView>
    </View>
  )
}

/** 商品 / 动态, the latter with its 「N 条新动态」 count while another tab is open. */
export function FeedTabs({ value, newPosts, onChange }: { value: FeedTab; newPosts: number; onChange: (tab: FeedTab) => void }) {
  return (
    <View className='feed-tabs'>
      <View className={`feed-tab feed-tab-products${value === 'products' ? ' feed-tab-active' : ''}`} onClick={() => onChange('products')}>
        <Text>商品</Text>
      </View>
      <View className={`feed-tab feed-tab-posts${value === 'posts' ? ' feed-tab-active' : ''}`} onClick={() => onChange('posts')}>
        <Text>动态</Text>
        {newPosts > 0 && value !== 'posts' ? <Text className='feed-tab-badge'>{newPosts > 99 ? '99+' : newPosts}</Text> : null}
      </View>
    </View>
  )
}

/** 「3 件新品 · 自上次浏览后上新 · 点击刷新」 above a list; nothing when there is nothing new. */
export function NewBanner({
  className,
  count,
  what,
  hint,
  onClick,
}: {
  className?: string
  count: number
  what: string
  hint: string
  onClick: () => void
}) {
  if (count <= 0) return null
  return (
    <View className={className ? `feed-new-banner ${className}` : 'feed-new-banner'} onClick={onClick}>
      <Text className='feed-new-dot' />
      <Text className='feed-new-count'>{`${newCountLabel(count)} ${what}`}</Text>
      <Text className='feed-new-hint'>{hint}</Text>
    </View>
  )
}

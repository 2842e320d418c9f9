import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { MySupplier } from '@/domain/network'
import { formatShanghai } from '@/domain/time'
import { callCloud } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import { openShop } from '@/components/ProductCard'
import LoadGate from '@/components/LoadGate'
import { EmptyView, SkeletonCards } from '@/components/StatusView'
import SupplierAvatar from '@/components/SupplierAvatar'
import { useLoader } from '@/hooks/useLoader'
import './index.scss'

function SupplierRow({ item }: { item: MySupplier }) {
  const { supplier } = item
  return (
    <View className='wg-card my-supplier' data-supplier-id={supplier._id} onClick={() => openShop(supplier._id)}>
      <View className='my-supplier-head'>
        <SupplierAvatar url={supplier.avatarUrl} name={supplier.name} size={104} />
        <View className='my-supplier-who'>
          <Text className='my-supplier-name'>{supplier.name}</Text>
          <View className='my-supplier-tags'>
            <Text className='my-supplier-category'>{supplier.mainCategory}</Text>
            <Text className='my-supplier-tier'>我的等级：{item.tierName}</Text>
          </View>
        </View>
        <View className='chevron' />
      </View>
      <View className='my-supplier-foot'>
        <Text className='my-supplier-date'>{formatShanghai(item.boundAt, 'YYYY-MM-DD')} 成为代理</Text>
        <Text className='my-supplier-on-sale'>
          在售 <Text className='my-supplier-count'>{item.onSaleProducts}</Text> 件
        </Text>
      </View>
    </View>
  )
}

/** 我的供应商: every supplier the agent is bound to, with the agent's own tier (R11, R12). */
export default function MySuppliersPage() {
  const { state, reload } = useLoader(() => callCloud('network', 'mySuppliers', {}), { onShow: true })

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <PageShell className='my-suppliers-page'>
      <LoadGate
        state={state}
        onRetry={() => void reload()}
        loading={<SkeletonCards count={2} rows={3} />}
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyView
            className='my-suppliers-empty'
            image='parcel'
            title='还没有合作的供应商'
            description='向供应商索取TA的微供码，用微信扫一扫，成为TA的微商代理后会出现在这里'
          />
        }
      >
        {({ items }) => (
          <>
            <Text className='my-suppliers-summary'>共 {items.length} 家合作供应商</Text>
            {items.map((item) => (
              <SupplierRow key={item.supplier._id} item={item} />
            ))}
          </>
        )}
      </LoadGate>
    </PageShell>
  )
}

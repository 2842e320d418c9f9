import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import { eligibilityGaps, eligibilityGapText, type EligibilityGap, type Supplier, type SupplierStats } from '@/domain/supplier'
import { callCloud } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import { ErrorView, LoadingView, NoticeView } from '@/components/StatusView'
import { useLoader } from '@/hooks/useLoader'
import './index.scss'

/** What the checklist says for a threshold that is already met. */
const metText: Record<EligibilityGap, string> = {
  verifiedMember: '已是诚信通会员',
  buyerProtection: '已开通基础买家保障',
}
const thresholds: EligibilityGap[] = ['verifiedMember', 'buyerProtection']

/** R2: the admin home says whether the supplier may publish, and exactly what is missing if not. */
function EligibilityCard({ supplier }: { supplier: Supplier }) {
  const gaps = eligibilityGaps(supplier)
  if (supplier.canPublish && gaps.length === 0) {
    return (
      <View className='wg-card eligibility-card eligibility-ok'>
        <View className='eligibility-head'>
          <View className='eligibility-icon eligibility-icon-ok'>✓</View>
          <View>
            <Text className='eligibility-status'>可发布</Text>
            <Text className='eligibility-summary'>已开通诚信通会员和基础买家保障，可以发布商品</Text>
          </View>
        </View>
      </View>
    )
  }
  return (
    <View className='wg-card eligibility-card eligibility-blocked'>
      <View className='eligibility-head'>
        <View className='eligibility-icon eligibility-icon-blocked'>!</View>
        <View>
          <Text className='eligibility-status'>暂不可发布</Text>
          <Text className='eligibility-summary'>还差 {gaps.length} 项条件，满足后即可发布商品</Text>
        </View>
      </View>
      <View className='eligibility-list'>
        {thresholds.map((key) =>
          gaps.includes(key) ? (
            <View key={key} className={`eligibility-item eligibility-gap gap-${key}`}>
              <Text className='eligibility-mark eligibility-mark-missing'>✕</Text>
              <View className='eligibility-text'>
                <Text className='eligibility-title'>{eligibilityGapText[key].title}</Text>
                <Text className='eligibility-action'>{eligibilityGapText[key].action}</Text>
              </View>
            </View>
          ) : (
            <View key={key} className={`eligibility-item eligibility-met met-${key}`}>
              <Text className='eligibility-mark eligibility-mark-met'>✓</Text>
              <View className='eligibility-text'>
                <Text className='eligibility-title'>{metText[key]}</Text>
              </View>
            </View>
          ),
        )}
      </View>
    </View>
  )
}

const statItems: Array<{ key: keyof SupplierStats; label: string; className: string }> = [
  { key: 'onSaleProducts', label: '在售商品', className: 'stat-on-sale' },
  { key: 'expiringSoon', label: '即将下架', className: 'stat-expiring' },
  { key: 'agents', label: '合作微商', className: 'stat-agents' },
  { key: 'ordersToShip', label: '待发货', className: 'stat-to-ship' },
]

function StatsCard({ stats }: { stats: SupplierStats }) {
  return (
    <View className='wg-card stats-card'>
      <Text className='wg-card-title'>经营概况</Text>
      <View className='stats-grid'>
        {statItems.map((item) => (
          <View key={item.key} className={`stat ${item.className}${item.key === 'ordersToShip' && stats[item.key] > 0 ? ' stat-alert' : ''}`}>
            <Text className='stat-value'>{stats[item.key]}</Text>
            <Text className='stat-label'>{item.label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

/** 微供管理首页: the supplier's own account, eligibility (R2) and counters. */
export default function SupplierHomePage() {
  const { state, reload } = useLoader(() => callCloud('supplier', 'me', {}))

  useDidShow(() => void reload())
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  if (state.status === 'loading') {
    return (
      <PageShell className='supplier-home'>
        <LoadingView />
      </PageShell>
    )
  }
  if (state.status === 'error') {
    return (
      <PageShell className='supplier-home'>
        <ErrorView message={state.error.message} onRetry={() => void reload()} />
      </PageShell>
    )
  }
  const { supplier, stats } = state.data
  if (!supplier) {
    return (
      <PageShell className='supplier-home'>
        <NoticeView
          className='not-supplier'
          title='你还不是供应商'
          description='注册供应商账号后，才能使用微供管理'
          actionText='成为供应商'
          onAction={() => void Taro.redirectTo({ url: '/supplier/register/index' })}
          backText='返回我的'
          onBack={() => void Taro.switchTab({ url: '/pages/mine/index' })}
        />
      </PageShell>
    )
  }

  return (
    <PageShell className='supplier-home'>
      <View className='supplier-header'>
        <Text className='supplier-name'>{supplier.name}</Text>
        <View className='supplier-meta'>
          <Tag className='supplier-category' background='rgba(255,255,255,0.24)' color='#fff' round>
            {supplier.mainCategory}
          </Tag>
          <Text className='supplier-contact'>{supplier.contact}</Text>
        </View>
      </View>
      <EligibilityCard supplier={supplier} />
      {stats ? <StatsCard stats={stats} /> : null}
    </PageShell>
  )
}

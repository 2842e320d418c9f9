import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { newCountLabel } from '@/domain/feed-rules'
import { eligibilityGaps, eligibilityGapText, type EligibilityGap, type Supplier, type SupplierStats } from '@/domain/supplier'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { NotSupplierView } from '@/components/StatusView'
import MiniCode from '@/components/MiniCode'
import { useConfirm } from '@/components/ConfirmDialog'
import { useLoader } from '@/hooks/useLoader'
import { useAftersaleCounts } from '@/components/Aftersale/useCounts'
import { askForOrderMessages } from '@/api/pay'
import { toastError } from '@/components/FormMessages/toast'
import SalesCard from './SalesCard'
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

const statItems: Array<{ key: keyof SupplierStats; label: string; className: string; url?: string; alert?: boolean }> = [
  { key: 'onSaleProducts', label: '在售商品', className: 'stat-on-sale', url: route('supplier/products/index') },
  // 即将下架 and 待发货 call for action, so they are highlighted when there are any (SPEC §6).
  { key: 'expiringSoon', label: '即将下架', className: 'stat-expiring', url: route('supplier/products/index'), alert: true },
  { key: 'agents', label: '合作微商', className: 'stat-agents', url: route('supplier/agents/index') },
  { key: 'ordersToShip', label: '待发货', className: 'stat-to-ship', url: route('supplier/orders/index', { status: 'paid' }), alert: true },
]

function StatsCard({ stats }: { stats: SupplierStats }) {
  return (
    <View className='wg-card stats-card'>
      <Text className='wg-card-title'>经营概况</Text>
      <View className='stats-grid'>
        {statItems.map((item) => {
          const alert = item.alert === true && stats[item.key] > 0
          const url = item.url
          return (
            <View
              key={item.key}
              className={`stat ${item.className}${alert ? ' stat-alert' : ''}`}
              onClick={url ? () => void Taro.navigateTo({ url }) : undefined}
            >
              <Text className='stat-value'>{stats[item.key]}</Text>
              <Text className='stat-label'>{item.label}</Text>
              {alert ? <Text className='stat-badge'>{item.key === 'expiringSoon' ? '3天内' : '待处理'}</Text> : null}
            </View>
          )
        })}
      </View>
    </View>
  )
}

interface Entry {
  key: string
  label: string
  icon: string
  url: string
  badge?: number
  /** Publishing needs both R2 thresholds. */
  needsPublish?: boolean
}

function EntryGrid({ supplier, stats }: { supplier: Supplier; stats: SupplierStats | null }) {
  const cases = useAftersaleCounts()
  const entries: Entry[] = [
    { key: 'publish', label: '发布商品', icon: '＋', url: route('supplier/publish/category/index'), needsPublish: true },
    { key: 'products', label: '商品管理', icon: '品', url: route('supplier/products/index'), badge: stats?.expiringSoon },
    { key: 'agents', label: '微商管理', icon: '商', url: route('supplier/agents/index') },
    { key: 'tiers', label: '等级设置', icon: '级', url: route('supplier/tiers/index') },
    { key: 'shipping', label: '运费模板', icon: '运', url: route('supplier/shipping/index') },
    { key: 'import', label: '导入商品', icon: '导', url: route('supplier/import/index') },
    { key: 'orders', label: '订单管理', icon: '单', url: route('supplier/orders/index'), badge: stats?.ordersToShip },
    { key: 'aftersale', label: '售后', icon: '售', url: route('supplier/aftersale/index'), badge: cases?.supplierTodo },
    { key: 'post-publish', label: '发布动态', icon: '动', url: route('supplier/posts/publish/index'), needsPublish: true },
    { key: 'posts', label: '管理动态', icon: '圈', url: route('supplier/posts/index') },
  ]
  const open = (entry: Entry) => {
    if (entry.needsPublish && !supplier.canPublish) {
      const gaps = eligibilityGaps(supplier)
      void Taro.showModal({
        title: '暂不能发布商品',
        content: gaps.map((gap) => `${eligibilityGapText[gap].title}。${eligibilityGapText[gap].action}`).join('\n'),
        showCancel: false,
        confirmText: '知道了',
      })
      return
    }
    // The natural moment to ask for 新订单 messages: the supplier opens 订单管理 (a tap, as WeChat requires).
    if (entry.key === 'orders') void askForOrderMessages('supplier')
    void Taro.navigateTo({ url: entry.url })
  }
  return (
    <View className='wg-card entry-card'>
      <View className='entry-grid'>
        {entries.map((entry) => (
          <View
            key={entry.key}
            className={`entry entry-${entry.key}${entry.needsPublish && !supplier.canPublish ? ' entry-locked' : ''}`}
            onClick={() => open(entry)}
          >
            <View className='entry-icon'>
              <Text>{entry.icon}</Text>
              {entry.badge ? <Text className='entry-badge'>{newCountLabel(entry.badge)}</Text> : null}
            </View>
            <Text className='entry-label'>{entry.label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

/** 本周转发 (R16): what agents did with the supplier's products and posts this week, from the daily counts. */
function ForwardsCard() {
  // Back from another page: this week's counts again.
  const { state } = useLoader(() => callCloud('network', 'shareStats', {}), { onShow: true })
  if (state.status !== 'ready') return null
  const { week } = state.data
  return (
    <View className='wg-card forwards-card' onClick={() => void Taro.navigateTo({ url: route('supplier/posts/index') })}>
      <Text className='wg-card-title'>本周转发</Text>
      <View className='stats-grid'>
        <View className='stat stat-forwards'>
          <Text className='stat-value'>{week.forwards}</Text>
          <Text className='stat-label'>一键转发</Text>
        </View>
        <View className='stat stat-shares'>
          <Text className='stat-value'>{week.shares}</Text>
          <Text className='stat-label'>分享给好友</Text>
        </View>
        <View className='stat stat-views'>
          <Text className='stat-value'>{week.views}</Text>
          <Text className='stat-label'>顾客浏览</Text>
        </View>
      </View>
      <Text className='forwards-tip'>多发动态，微商转发得越多</Text>
    </View>
  )
}

/** 微供主页码 (R12): agents scan it to bind; it can be saved, and rotated when it has leaked. */
function HomeCodeCard() {
  const { state, reload, setState } = useLoader(() => callCloud('supplier', 'homeCode', {}), {})
  const [rotating, setRotating] = useState(false)
  const { confirm, dialog } = useConfirm()

  const rotate = async () => {
    const ok = await confirm({
      title: '更换二维码',
      content: '旧二维码将立即失效，已绑定的微商不受影响',
      confirmText: '更换',
      danger: true,
    })
    if (!ok) return
    setRotating(true)
    try {
      const code = await callCloud('network', 'rotateCode', {})
      setState({ status: 'ready', data: code })
      void Taro.showToast({ title: '已更换二维码', icon: 'success' })
    } catch (e) {
      toastError(e, 2500)
    } finally {
      setRotating(false)
    }
  }

  return (
    <View className='wg-card home-code-card'>
      <View className='home-code-head'>
        <Text className='wg-card-title'>微供主页码</Text>
        <Text className='home-code-rotate' onClick={() => (rotating ? undefined : void rotate())}>
          {rotating ? '更换中…' : '更换二维码'}
        </Text>
      </View>
      {state.status === 'error' ? (
        <View className='home-code-error'>
          <Text>{state.error.message}</Text>
          <Button className='home-code-retry' size='small' fill='none' onClick={() => void reload()}>
            重新获取
          </Button>
        </View>
      ) : (
        <MiniCode
          className='home-code'
          image={state.status === 'ready' ? state.data.image : ''}
          fileName='微供主页码.png'
          caption='把主页码发给微商代理，扫码即可与你建立合作，查看你的微供商品'
        />
      )}
      {dialog}
    </View>
  )
}

/** The supplier's own page: who it is, eligibility (R2), counters, entries and the home code. */
function HomeView({ supplier, stats }: { supplier: Supplier; stats: SupplierStats | null }) {
  return (
    <>
      <View className='supplier-header'>
        <View
          className='header-code'
          onClick={() => void Taro.pageScrollTo({ selector: '.home-code-card', duration: 300 }).catch(() => undefined)}
        >
          <Text className='header-code-icon'>▣</Text>
          <Text className='header-code-label'>主页码</Text>
        </View>
        <Text className='supplier-name'>{supplier.name}</Text>
        <View className='supplier-meta'>
          <Tag className='supplier-category' background='rgba(255,255,255,0.24)' color='#fff' round>
            {supplier.mainCategory}
          </Tag>
          <Text className='supplier-contact'>{supplier.contact}</Text>
          <Text className='header-profile' onClick={() => void Taro.navigateTo({ url: route('supplier/profile/index') })}>
            店铺资料 ›
          </Text>
        </View>
      </View>
      <EligibilityCard supplier={supplier} />
      {stats ? <StatsCard stats={stats} /> : null}
      <SalesCard />
      <ForwardsCard />
      <EntryGrid supplier={supplier} stats={stats} />
      <HomeCodeCard />
    </>
  )
}

/** 微供管理首页: the supplier's own account, eligibility (R2) and counters. */
export default function SupplierHomePage() {
  const { state, reload } = useLoader(() => callCloud('supplier', 'me', {}), { onShow: true })

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <PageShell className='supplier-home'>
      <LoadGate state={state} onRetry={() => void reload()}>
        {({ supplier, stats }) =>
          supplier ? <HomeView supplier={supplier} stats={stats} /> : <NotSupplierView description='注册供应商账号后，才能使用微供管理' />
        }
      </LoadGate>
    </PageShell>
  )
}

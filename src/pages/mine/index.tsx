import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Cell, Tag } from '@nutui/nutui-react-taro'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import UserAvatar from '@/components/UserAvatar'
import { useSession, type SessionData } from '@/session'
import { callCloud } from '@/api/cloud'
import { route } from '@/domain/routes'
import MyOrders from './MyOrders'
import './index.scss'

function Chevron() {
  return <View className='chevron' />
}

/** Who I am, and my ways in. */
function MineView({ session, offSale }: { session: SessionData; offSale: number }) {
  const { user, supplier, isOperator } = session
  const go = (url: string) => void Taro.navigateTo({ url })

  return (
    <>
      <View className='mine-header' onClick={() => go(route('pages/profile/index'))}>
        <UserAvatar className='mine-avatar' url={user.avatarUrl} size='64' />
        <View className='mine-who'>
          <Text className='mine-nickname'>{user.nickname}</Text>
          <View className='mine-roles'>
            {supplier ? (
              <Tag className='role-supplier' background='rgba(255,255,255,0.24)' color='#fff' round>
                供应商
              </Tag>
            ) : null}
            {isOperator ? (
              <Tag className='role-operator' background='rgba(255,255,255,0.24)' color='#fff' round>
                平台运营
              </Tag>
            ) : null}
            <Text className='mine-edit'>编辑资料</Text>
          </View>
        </View>
        <View className='chevron chevron-light' />
      </View>

      <MyOrders userId={user._id} />

      <View className='mine-entries'>
        <Cell
          className='entry entry-my-suppliers'
          title='我的供应商'
          description='已合作的供应商和我的代理等级'
          extra={<Chevron />}
          clickable
          onClick={() => go(route('pages/suppliers/index'))}
        />
        <Cell
          className='entry entry-my-shares'
          title='我的转发'
          description='转发过的商品和动态，下架了会提醒你'
          extra={
            <View className='entry-extra'>
              {offSale > 0 ? (
                <Tag className='shares-off-badge' background='#fff1f0' color='#f53f3f'>
                  {offSale} 件已下架
                </Tag>
              ) : null}
              <Chevron />
            </View>
          }
          clickable
          onClick={() => go(route('pages/shares/index'))}
        />
        <Cell
          className='entry entry-storefront'
          title='我的小店'
          description='挑选商品开个小店，一个链接分享给顾客'
          extra={<Chevron />}
          clickable
          onClick={() => go(route('pages/storefront/index'))}
        />
        {supplier ? (
          <Cell
            className='entry entry-supplier-home'
            title='微供管理'
            description={supplier.name}
            extra={
              <View className='entry-extra'>
                {supplier.canPublish ? (
                  <Tag className='supplier-status-ok' background='#e8ffea' color='#00b42a'>
                    可发布
                  </Tag>
                ) : (
                  <Tag className='supplier-status-pending' background='#fff3e8' color='#ff7d00'>
                    待开通
                  </Tag>
                )}
                <Chevron />
              </View>
            }
            clickable
            onClick={() => go(route('supplier/home/index'))}
          />
        ) : (
          <Cell
            className='entry entry-register'
            title='成为供应商'
            description='注册供应商账号，发展自己的微商代理'
            extra={<Chevron />}
            clickable
            onClick={() => go(route('supplier/register/index'))}
          />
        )}
        {isOperator ? (
          <Cell
            className='entry entry-review'
            title='平台审核'
            description='审核供应商的诚信通会员与买家保障'
            extra={<Chevron />}
            clickable
            onClick={() => go(route('operator/review/index'))}
          />
        ) : null}
      </View>
    </>
  )
}

/** 我的: who I am, and the way into supplier management or platform review (SPEC §2). */
export default function MinePage() {
  const { state, refresh } = useSession()
  // 我的转发's badge (R16): shared items that went off sale since.
  const [offSale, setOffSale] = useState(0)
  useDidShow(() => {
    // Coming back (e.g. after an operator reviewed us) shows the latest supplier state.
    if (state.status === 'ready') void refresh()
    callCloud('feed', 'myShares', { limit: 1 })
      .then((page) => setOffSale(page.offSale))
      .catch(() => undefined)
  })

  return (
    <PageShell className='mine-page'>
      <LoadGate state={state} onRetry={() => void refresh()}>
        {(session) => <MineView session={session} offSale={offSale} />}
      </LoadGate>
    </PageShell>
  )
}

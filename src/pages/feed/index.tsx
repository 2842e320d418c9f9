import { Text, View } from '@tarojs/components'
import PageShell from '@/components/PageShell'
import { EmptyView, ErrorView, LoadingView } from '@/components/StatusView'
import { useSession } from '@/session'
import './index.scss'

/**
 * 首页: the agent's feed of bound suppliers' products and posts. The feed itself comes in a later
 * issue; until an agent is bound to a supplier it says what to do next (SPEC §6).
 */
export default function FeedPage() {
  const { state, refresh } = useSession()

  if (state.status === 'loading') {
    return (
      <PageShell className='feed-page'>
        <LoadingView />
      </PageShell>
    )
  }
  if (state.status === 'error') {
    return (
      <PageShell className='feed-page'>
        <ErrorView message={state.error.message} onRetry={() => void refresh()} />
      </PageShell>
    )
  }

  return (
    <PageShell className='feed-page'>
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
    </PageShell>
  )
}

import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { AppError } from '@/domain/app-error'
import { SceneSchema, type SupplierCard } from '@/domain/network'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { NoticeView } from '@/components/StatusView'
import SupplierAvatar from '@/components/SupplierAvatar'
import { toastError } from '@/components/FormMessages/toast'
import { useCodeScene } from '@/hooks/useCodeScene'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { useLoader } from '@/hooks/useLoader'
import { useSession } from '@/session'
import './index.scss'

function goHome() {
  void Taro.switchTab({ url: route('pages/feed/index') })
}

function InvalidCode({ message }: { message: string }) {
  return (
    <PageShell className='bind-page'>
      <NoticeView
        className='bind-invalid'
        image='error'
        title='微供码不可用'
        description={message}
        actionText='返回首页'
        onAction={goHome}
      />
    </PageShell>
  )
}

/** The supplier behind the code and what binding gives the agent; one tap to confirm (R12). */
function Invitation({ supplier, binding, onConfirm }: { supplier: SupplierCard; binding: boolean; onConfirm: () => void }) {
  return (
    <>
      <View className='bind-hero' />
      <View className='wg-card bind-card' data-supplier-id={supplier._id}>
        <SupplierAvatar className='bind-avatar' url={supplier.avatarUrl} name={supplier.name} size={144} />
        <Text className='bind-name'>{supplier.name}</Text>
        <View className='bind-category'>
          <Text className='bind-category-label'>主营</Text>
          <Text className='bind-category-value'>{supplier.mainCategory}</Text>
        </View>
        <Text className='bind-invite'>邀请你成为TA的微商代理</Text>
        <View className='bind-benefits'>
          <View className='bind-benefit'>
            <Text className='bind-benefit-mark'>✓</Text>
            <Text className='bind-benefit-text'>浏览TA发布的全部微供商品，仅代理可见</Text>
          </View>
          <View className='bind-benefit'>
            <Text className='bind-benefit-mark'>✓</Text>
            <Text className='bind-benefit-text'>按你的代理等级价格拿货，一件起批</Text>
          </View>
          <View className='bind-benefit'>
            <Text className='bind-benefit-mark'>✓</Text>
            <Text className='bind-benefit-text'>新品上架第一时间出现在你的首页</Text>
          </View>
        </View>
      </View>
      <Button className='bind-confirm' type='primary' block loading={binding} disabled={binding} onClick={onConfirm}>
        成为TA的微商代理
      </Button>
      <Text className='bind-note'>确认后，供应商可以看到你的微信昵称和头像</Text>
      <Button className='bind-later' fill='none' block onClick={goHome}>
        暂不需要
      </Button>
    </>
  )
}

/**
 * R12: scanning a supplier's home code opens this page; confirming creates an active binding in the
 * supplier's default tier, then the supplier's page opens. Binding twice is harmless.
 */
export default function BindPage() {
  const scene = useCodeScene('pages/bind/index')
  const sceneOk = SceneSchema.safeParse(scene).success
  const { state: session, refresh } = useSession()
  const preview = useLoader(() => callCloud('network', 'preview', { scene }), { when: sceneOk, key: scene })
  const [bindError, setBindError] = useState<AppError | null>(null)
  // A code that no longer works replaces the page; any other refusal is said in a toast.
  const { saving: binding, submit: confirm } = useFormSubmit({
    check: () => ({ ok: true, input: { scene } }),
    send: (input: { scene: string }) => callCloud('network', 'bind', input),
    done: (result) => {
      void Taro.showToast({
        title: result.alreadyBound ? '你已是TA的微商代理' : '已成为TA的微商代理',
        icon: result.alreadyBound ? 'none' : 'success',
        duration: 1500,
      })
      setTimeout(() => {
        void Taro.redirectTo({ url: route('pages/shop/index', { id: result.supplier._id }) })
      }, 900)
    },
    refused: (error) => {
      setBindError(error)
      if (error.code === 'UNAUTHENTICATED') void refresh()
      if (error.code !== 'FAILED_PRECONDITION' && error.code !== 'NOT_FOUND') toastError(error, 2500)
    },
    leaves: true,
  })

  if (!sceneOk) return <InvalidCode message='没有识别到供应商信息，请重新扫描供应商的微供码' />
  const previewError = preview.state.status === 'error' ? preview.state.error : null
  if (previewError?.code === 'NOT_FOUND' || previewError?.code === 'INVALID_ARGUMENT') return <InvalidCode message={previewError.message} />
  if (bindError?.code === 'FAILED_PRECONDITION' || bindError?.code === 'NOT_FOUND') {
    return <InvalidCode message={bindError.message} />
  }

  return (
    <PageShell className='bind-page'>
      <LoadGate state={preview.state} onRetry={() => void preview.reload()}>
        {(supplier) => (
          <LoadGate state={session} onRetry={() => void refresh()}>
            {() => <Invitation supplier={supplier} binding={binding} onConfirm={() => void confirm()} />}
          </LoadGate>
        )}
      </LoadGate>
    </PageShell>
  )
}

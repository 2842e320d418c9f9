import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { callCloud } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import MiniCode from '@/components/MiniCode'
import { useLoader } from '@/hooks/useLoader'
import { route } from '@/domain/routes'
import './index.scss'

/** 发布成功: see the product, its code (R10), manage products, or publish another. */
export default function PublishSuccessPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const { state, reload } = useLoader(() => callCloud('product', 'code', { id }), { when: Boolean(id), key: id })

  return (
    <PageShell className='publish-success-page'>
      <View className='success-head'>
        <View className='success-icon'>✓</View>
        <Text className='success-title'>发布成功</Text>
        <Text className='success-subtitle'>商品已上架 30 天，已绑定你的微商代理现在就能看到</Text>
      </View>

      <View className='wg-card success-code-card'>
        <Text className='wg-card-title'>商品码</Text>
        {state.status === 'error' ? (
          <View className='success-code-error'>
            <Text>{state.error.message}</Text>
            <Button className='success-code-retry' size='small' fill='none' onClick={() => void reload()}>
              重新获取
            </Button>
          </View>
        ) : (
          <MiniCode
            className='product-code'
            image={state.status === 'ready' ? state.data.image : ''}
            fileName={`商品码-${id}.png`}
            caption='微商扫码即可查看商品详情'
          />
        )}
      </View>

      <View className='success-actions'>
        <Button
          className='success-view'
          type='primary'
          block
          onClick={() => void Taro.navigateTo({ url: route('pages/product/index', { id }) })}
        >
          查看商品
        </Button>
        <View className='success-links'>
          <Button
            className='success-manage'
            fill='outline'
            type='primary'
            onClick={() => void Taro.redirectTo({ url: route('supplier/products/index') })}
          >
            管理销售中的商品
          </Button>
          <Button
            className='success-continue'
            fill='outline'
            type='primary'
            onClick={() => void Taro.redirectTo({ url: route('supplier/publish/category/index') })}
          >
            继续发布
          </Button>
        </View>
      </View>
    </PageShell>
  )
}

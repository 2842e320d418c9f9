import { Image, Text, View } from '@tarojs/components'
import { Button, Loading, Popup } from '@nutui/nutui-react-taro'
import { callCloud } from '@/api/cloud'
import { previewImages } from '@/components/ProductCard'
import { useLoader } from '@/hooks/useLoader'

/** The supplier's home code (微供主页码, R12): agents scan it to bind. */
export default function HomeCodePopup({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  // Each opening asks again (the same code, unless it was rotated meanwhile) and keeps the one shown.
  const code = useLoader(() => callCloud('supplier', 'homeCode', {}), { when: visible })

  return (
    <Popup className='home-code-popup' visible={visible} position='bottom' round closeable title='邀请微商' onClose={onClose}>
      <View className='home-code-body'>
        {code.state.status === 'loading' ? (
          <View className='home-code-placeholder'>
            <Loading type='circular'>正在生成微供码…</Loading>
          </View>
        ) : code.state.status === 'error' ? (
          <View className='home-code-placeholder'>
            <Text className='home-code-error'>{code.state.error.message}</Text>
            <Button className='home-code-retry' size='small' type='primary' fill='outline' onClick={() => void code.reload()}>
              重试
            </Button>
          </View>
        ) : (
          <View className='home-code-frame'>
            <Image
              className='home-code-image'
              src={code.state.data.image}
              mode='aspectFit'
              showMenuByLongpress
              onClick={() => code.state.status === 'ready' && previewImages([code.state.data.image], 0)}
            />
          </View>
        )}
        <Text className='home-code-title'>我的微供主页码</Text>
        <Text className='home-code-hint'>
          微商用微信扫一扫，确认后即成为你的代理，默认进入「默认等级」。点击二维码可查看大图，长按保存后发给微商。
        </Text>
      </View>
    </Popup>
  )
}

import { useRef } from 'react'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { formatYuan } from '@/domain/money'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import { newIdempotencyKey } from '@/api/idempotency'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { NoticeView } from '@/components/StatusView'
import { previewImages } from '@/components/ProductCard'
import { Seller } from '@/components/ShareView'
import { useCodeScene } from '@/hooks/useCodeScene'
import { useLoader } from '@/hooks/useLoader'
import './index.scss'

function Gone() {
  return (
    <NoticeView
      className='selection-invalid'
      image='error'
      title='链接已失效'
      description='这些好物已经下架了，请向卖家索取新的链接'
      actionText='我知道了'
      onAction={() => void Taro.navigateBack().catch(() => undefined)}
    />
  )
}

/**
 * The customer view of a shared selection (多选分享): each product still on sale with its pictures,
 * text and the agent's retail price, and the agent's card. No login, nothing of any supplier; with
 * every product gone, 链接已失效.
 */
export default function SelectionPage() {
  const token = useCodeScene('pages/selection/index', 'token')
  const openKey = useRef(newIdempotencyKey('sl'))
  const { state, reload } = useLoader(() => callCloud('feed', 'selectionView', { token, idempotencyKey: openKey.current }), {
    when: Boolean(token),
    key: token,
  })
  useShareAppMessage(() => ({ title: '给你分享几件好物', path: route('pages/selection/index', { token }) }))
  const invalid = !token || (state.status === 'error' && (state.error.code === 'NOT_FOUND' || state.error.code === 'INVALID_ARGUMENT'))
  return (
    <PageShell className='selection-page'>
      {invalid ? (
        <Gone />
      ) : (
        <LoadGate state={state} onRetry={() => void reload()}>
          {(view) =>
            view.available ? (
              <View className='selection-view'>
                <Text className='selection-title'>{view.title}</Text>
                {view.items.map((item, i) => (
                  <View key={i} className='wg-card selection-item'>
                    <View className='selection-images'>
                      {item.images.map((url, index) => (
                        <Image
                          key={url}
                          className='selection-image'
                          src={url}
                          mode='aspectFill'
                          onClick={() => previewImages(item.images, index)}
                        />
                      ))}
                    </View>
                    {item.price ? (
                      <Text className='selection-price'>
                        ¥{formatYuan(item.price.min)}
                        {item.price.max !== item.price.min ? ' 起' : ''}
                      </Text>
                    ) : null}
                    <Text className='selection-text' userSelect>
                      {item.text}
                    </Text>
                  </View>
                ))}
                <Seller seller={view.seller} />
              </View>
            ) : (
              <>
                <Gone />
                <Seller seller={view.seller} />
              </>
            )
          }
        </LoadGate>
      )}
    </PageShell>
  )
}

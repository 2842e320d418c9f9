import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import type { ActionOutput } from '@/domain/api'
import { callCloud, toAppError } from '@/api/cloud'
import { newIdempotencyKey } from '@/api/idempotency'
import { makePoster } from '@/api/poster'
import { PosterPreview } from '@/components/ForwardSheet'
import MiniCode from '@/components/MiniCode'

type Storefront = ActionOutput<'storefront', 'mine'>
export type Shared = ActionOutput<'storefront', 'share'>

/** What the poster says under the picture: the name and how many products wait behind the code. */
function posterText(store: Storefront): string {
  const onSale = store.items.filter((i) => i.state === 'on_sale').length
  return `${store.name}\n${onSale > 0 ? `${onSale} 件好物，` : ''}长按识别小程序码进店看看`
}

/**
 * 分享小店: the three ways in — a chat card (the page's share button), a poster with the code, and
 * the code itself. Opening it makes the agent's one token (kept from then on) and its code.
 */
export default function StoreShare({
  store,
  visible,
  nickname,
  onShared,
  onClose,
}: {
  store: Storefront
  visible: boolean
  nickname: string
  onShared: (shared: Shared) => void
  onClose: () => void
}) {
  const [shared, setShared] = useState<Shared | null>(null)
  const [error, setError] = useState('')
  const [poster, setPoster] = useState<{ busy: boolean; url: string; error: string }>({ busy: false, url: '', error: '' })
  // One key per opening of the sheet: a retried call makes no second token.
  const key = useRef('')
  const told = useRef(onShared)
  told.current = onShared

  useEffect(() => {
    if (!visible) return
    key.current = newIdempotencyKey('sf')
    setError('')
    setPoster({ busy: false, url: '', error: '' })
    callCloud('storefront', 'share', { code: true, idempotencyKey: key.current })
      .then((answer) => {
        setShared(answer)
        told.current(answer)
      })
      .catch((e: unknown) => setError(toAppError(e).message))
  }, [visible])

  const drawPoster = async () => {
    const code = shared?.code?.image
    if (!code) return
    setPoster({ busy: true, url: '', error: '' })
    try {
      const image = store.coverUrl || (store.items.find((i) => i.state === 'on_sale')?.image ?? '')
      const url = await makePoster({ image, text: posterText(store), priceLine: null, code, nickname })
      setPoster({ busy: false, url, error: '' })
    } catch (e) {
      setPoster({ busy: false, url: '', error: toAppError(e).message })
    }
  }

  return (
    <Popup className='forward-sheet store-share' visible={visible} position='bottom' round closeable title='分享小店' onClose={onClose}>
      <View className='forward-body store-share-body'>
        {error ? <Text className='store-share-error'>{error}</Text> : null}
        {shared ? (
          <>
            <View className='store-share-actions'>
              {process.env.TARO_ENV === 'weapp' ? (
                <Button className='store-share-card' type='primary' openType='share'>
                  发给好友
                </Button>
              ) : null}
              <Button className='store-share-poster' fill='outline' type='primary' loading={poster.busy} onClick={() => void drawPoster()}>
                生成海报
              </Button>
            </View>
            <Text className='store-link' userSelect>
              {shared.path}
            </Text>
            {poster.error ? <Text className='store-share-error'>{poster.error}</Text> : null}
            {poster.url ? (
              <PosterPreview url={poster.url} />
            ) : (
              <MiniCode className='store-code' image={shared.code?.image ?? ''} fileName='小店码.png' caption='微信扫码，进入我的小店' />
            )}
          </>
        ) : error ? null : (
          <Text className='store-share-status'>正在生成小店链接…</Text>
        )}
      </View>
    </Popup>
  )
}

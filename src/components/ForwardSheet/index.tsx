import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button, Popup, Progress, Switch } from '@nutui/nutui-react-taro'
import type { Forward } from '@/domain/share'
import { shareText } from '@/domain/share-rules'
import { route } from '@/domain/routes'
import { callCloud, toAppError } from '@/api/cloud'
import { newIdempotencyKey } from '@/api/idempotency'
import { copyText, ensureAlbumPermission, saveAll, saveDrawnImage, saveImage, shareDrawnImage } from '@/api/album'
import { makePoster } from '@/api/poster'
import { useSession } from '@/session'
import './index.scss'

/** What to forward: one product or one post (R16), or up to nine products as one post (多选转发). */
export type ForwardTarget = { productId: string } | { postId: string } | { productIds: string[] }

const PRICE_KEY = 'wegong.forward.withPrice'

function readWithPrice(): boolean {
  try {
    return Taro.getStorageSync(PRICE_KEY) !== false
  } catch {
    return true
  }
}

/** 保存海报: shared straight on when the platform can (the phone's share sheet), else saved or downloaded. */
export async function savePoster(url: string) {
  if (!url || (await shareDrawnImage(url))) return
  try {
    await saveDrawnImage(url, '微供海报.png')
    void Taro.showToast({ title: '海报已保存', icon: 'success' })
  } catch (e) {
    void Taro.showToast({ title: toAppError(e).message, icon: 'none' })
  }
}

/** A drawn poster with 保存海报 (一键转发's, 我的小店's). */
export function PosterPreview({ url }: { url: string }) {
  return (
    <View className='forward-poster-preview'>
      <Image className='forward-poster-image' src={url} mode='widthFix' />
      <Button className='forward-poster-save' type='primary' block onClick={() => void savePoster(url)}>
        保存海报
      </Button>
    </View>
  )
}

type Phase =
  | { step: 'loading' }
  | { step: 'error'; message: string }
  | { step: 'saving'; done: number; total: number }
  | { step: 'denied' }
  | { step: 'done'; failed: number[] }

/**
 * 一键转发 (R16): one press copies the text (with the agent's retail price, which it may switch off)
 * and saves every picture to the album, three at a time with 「正在保存 4/9」; failed pictures can be
 * retried; then it says how to post to 朋友圈. A poster is one more tap.
 */
function ForwardSheet({ target, onClose }: { target: ForwardTarget | null; onClose: () => void }) {
  const { state: session } = useSession()
  const [phase, setPhase] = useState<Phase>({ step: 'loading' })
  const [data, setData] = useState<Forward | null>(null)
  const [withPrice, setWithPrice] = useState(readWithPrice)
  const [poster, setPoster] = useState<{ busy: boolean; url: string; error: string }>({ busy: false, url: '', error: '' })
  const run = useRef(0)

  const save = useCallback(async (urls: string[], indexes: number[], mine: number) => {
    if (!(await ensureAlbumPermission())) {
      if (mine === run.current) setPhase({ step: 'denied' })
      return
    }
    const picked = indexes.map((i) => urls[i] ?? '')
    setPhase({ step: 'saving', done: 0, total: picked.length })
    const failed = await saveAll(
      picked,
      (url, i) => saveImage(url, `微供-${(indexes[i] ?? i) + 1}.jpg`),
      (p) => {
        if (mine === run.current) setPhase({ step: 'saving', done: p.done, total: p.total })
      },
    )
    if (mine === run.current) setPhase({ step: 'done', failed: failed.map((i) => indexes[i] ?? i) })
  }, [])

  useEffect(() => {
    if (!target) return
    const mine = ++run.current
    setPhase({ step: 'loading' })
    setData(null)
    setPoster({ busy: false, url: '', error: '' })
    void (async () => {
      try {
        // One key per press: a retry of it is not counted as another 转发.
        const key = newIdempotencyKey('fw')
        const answer: Forward =
          'productIds' in target
            ? { ...(await callCloud('feed', 'forwardMany', { productIds: target.productIds, idempotencyKey: key })), priceLine: null }
            : await callCloud('feed', 'forward', { ...target, idempotencyKey: key })
        if (mine !== run.current) return
        setData(answer)
        await copyText(shareText(answer.text, answer.priceLine, readWithPrice()))
        await save(
          answer.images,
          answer.images.map((_, i) => i),
          mine,
        )
      } catch (e) {
        if (mine === run.current) setPhase({ step: 'error', message: toAppError(e).message })
      }
    })()
  }, [target, save])

  const togglePrice = async (on: boolean) => {
    setWithPrice(on)
    try {
      Taro.setStorageSync(PRICE_KEY, on)
    } catch {
      // The choice lasts for this sheet only.
    }
    if (data) {
      await copyText(shareText(data.text, data.priceLine, on))
      void Taro.showToast({ title: on ? '已重新复制（带价格）' : '已重新复制（不带价格）', icon: 'none' })
    }
  }

  const makeMyPoster = async () => {
    if (!data) return
    setPoster({ busy: true, url: '', error: '' })
    try {
      const code = await callCloud('feed', 'shareCode', { token: data.token })
      const nickname = session.status === 'ready' ? session.data.user.nickname : ''
      const url = await makePoster({
        image: data.images[0] ?? '',
        text: data.text,
        priceLine: withPrice ? data.priceLine : null,
        code: code.image,
        nickname,
      })
      setPoster({ busy: false, url, error: '' })
    } catch (e) {
      setPoster({ busy: false, url: '', error: toAppError(e).message })
    }
  }

  const copied = data ? shareText(data.text, data.priceLine, withPrice) : ''
  // 多选转发's lines carry their prices, and its card has no poster code of its own.
  const single = target !== null && !('productIds' in target)
  const folds = [...new Set(data?.foldWords.map((h) => h.word))]
  return (
    <Popup className='forward-sheet' visible={target !== null} position='bottom' round closeable title='一键转发' onClose={onClose}>
      <View className='forward-body'>
        {phase.step === 'loading' ? <Text className='forward-status'>正在准备文案和图片…</Text> : null}
        {phase.step === 'error' ? <Text className='forward-status forward-error'>{phase.message}</Text> : null}
        {phase.step === 'saving' ? (
          <View className='forward-progress'>
            <Text className='forward-status'>
              正在保存 {phase.done}/{phase.total}
            </Text>
            <Progress percent={phase.total === 0 ? 100 : Math.round((phase.done / phase.total) * 100)} color='#ff6a00' />
          </View>
        ) : null}
        {phase.step === 'denied' ? (
          <View className='forward-denied'>
            <Text className='forward-status'>文案已复制。保存图片需要相册权限，允许后再试。</Text>
            <Button
              size='small'
              type='primary'
              onClick={() =>
                data &&
                void save(
                  data.images,
                  data.images.map((_, i) => i),
                  run.current,
                )
              }
            >
              重新保存图片
            </Button>
          </View>
        ) : null}
        {phase.step === 'done' ? (
          <View className='forward-done'>
            <Text className='forward-status forward-ok'>
              {phase.failed.length === 0
                ? `✓ 文案已复制，${data?.images.length ?? 0} 张图片已保存`
                : `文案已复制，${phase.failed.length} 张图片保存失败`}
            </Text>
            {phase.failed.length > 0 ? (
              <View className='forward-failed'>
                {phase.failed.map((i) => (
                  <Image key={i} className='forward-failed-thumb' src={data?.images[i] ?? ''} mode='aspectFill' />
                ))}
                <Button
                  className='forward-retry'
                  size='small'
                  type='primary'
                  onClick={() => data && void save(data.images, phase.failed, run.current)}
                >
                  重试
                </Button>
              </View>
            ) : (
              <Text className='forward-tip'>打开微信「朋友圈」→ 右上角相机 → 从相册选择刚保存的图片，长按输入框粘贴文案即可发布</Text>
            )}
          </View>
        ) : null}

        {data ? (
          <>
            <View className='forward-text-head'>
              <Text className='forward-text-title'>已复制的文案</Text>
              {single ? (
                <View className='forward-price-toggle'>
                  <Text className='forward-price-label'>带上我的售价</Text>
                  <Switch checked={withPrice} onChange={(on) => void togglePrice(on)} />
                </View>
              ) : null}
            </View>
            <Text className='forward-text' userSelect>
              {copied}
            </Text>
            {data.repeated || folds.length > 0 ? (
              <Text className='forward-status forward-check'>
                {data.repeated ? '和上一次转发的文案相同，' : `含「${folds.join('」「')}」，`}朋友圈可能折叠，换成自己的话更容易被看到
              </Text>
            ) : null}
            <View className='forward-actions'>
              {single ? (
                <Button
                  className='forward-words'
                  fill='outline'
                  onClick={() =>
                    void Taro.navigateTo({ url: route('pages/words/index', target as { productId?: string; postId?: string }) })
                  }
                >
                  改文案
                </Button>
              ) : null}
              {single ? (
                <Button className='forward-poster' fill='outline' type='primary' loading={poster.busy} onClick={() => void makeMyPoster()}>
                  生成海报
                </Button>
              ) : null}
              <Button className='forward-close' type='primary' onClick={onClose}>
                完成
              </Button>
            </View>
            {poster.error ? <Text className='forward-status forward-error'>{poster.error}</Text> : null}
            {poster.url ? <PosterPreview url={poster.url} /> : null}
          </>
        ) : null}
      </View>
    </Popup>
  )
}

/** The 一键转发 sheet of a page: `forward(target)` opens it; render `sheet` once. */
export function useForward() {
  const [target, setTarget] = useState<ForwardTarget | null>(null)
  const forward = useCallback((next: ForwardTarget) => setTarget({ ...next }), [])
  const sheet = <ForwardSheet target={target} onClose={() => setTarget(null)} />
  return { forward, sheet }
}

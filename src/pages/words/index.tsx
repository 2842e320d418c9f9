import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { foldWordHits, textFingerprint } from '@/domain/fold-words'
import { MY_TEXT_MAX, type MergeChoice } from '@/domain/my-words'
import type { MyText } from '@/domain/my-words-schemas'
import { codePointLength } from '@/domain/text'
import { callCloud, toAppError } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { useLoader } from '@/hooks/useLoader'
import { useSession } from '@/session'
import './index.scss'

/** The text cut at the fold words, each word marked where it appears. */
function Marked({ text }: { text: string }) {
  const parts: Array<{ text: string; fold: boolean }> = []
  let at = 0
  for (const hit of foldWordHits(text)) {
    if (hit.index > at) parts.push({ text: text.slice(at, hit.index), fold: false })
    parts.push({ text: hit.word, fold: true })
    at = hit.index + hit.word.length
  }
  if (at < text.length) parts.push({ text: text.slice(at), fold: false })
  return (
    <Text className='words-marked' userSelect>
      {parts.map((part, i) => (
        <Text key={i} className={part.fold ? 'words-fold' : ''}>
          {part.text}
        </Text>
      ))}
    </Text>
  )
}

const choices: Array<{ choice: MergeChoice; label: string }> = [
  { choice: 'keep', label: '保留我的' },
  { choice: 'theirs', label: '用新的' },
  { choice: 'merge', label: '合并' },
]

/**
 * 我的文案: the agent's own words for a product or a post, used by 一键转发, the poster and the
 * customer view until it restores the supplier's. A gentle check marks words that make Moments fold
 * a post and says when the text is the one forwarded last; the agent decides.
 */
export default function WordsPage() {
  const { params } = useRouter()
  const productId = params.productId ? decodeURIComponent(params.productId) : ''
  const postId = params.postId ? decodeURIComponent(params.postId) : ''
  const item = productId ? { productId } : { postId }
  const { state: session } = useSession()
  const words = useLoader(() => callCloud('feed', 'myText', item), {
    when: session.status === 'ready' && Boolean(productId || postId),
    key: productId || postId,
  })
  const [draft, setDraft] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  useEffect(() => {
    if (words.state.status === 'ready' && draft === null) setDraft(words.state.data.text)
  }, [words.state, draft])

  const send = async (change: { text: string | null } | { choice: MergeChoice }, toast: string) => {
    setBusy(true)
    setError('')
    try {
      const next: MyText = await callCloud('feed', 'setMyText', { ...item, ...change })
      words.setState({ status: 'ready', data: next })
      setDraft(next.text)
      void Taro.showToast({ title: toast, icon: 'none' })
    } catch (e) {
      setError(toAppError(e).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell className='words-page'>
      <LoadGate state={words.state} onRetry={() => void words.reload()}>
        {(current) => {
          const text = draft ?? current.text
          const folds = [...new Set(foldWordHits(text).map((h) => h.word))]
          const repeated = current.repeated && textFingerprint(text) === textFingerprint(current.text)
          return (
            <>
              {current.supplierUpdated ? (
                <View className='wg-card words-updated'>
                  <Text className='wg-card-title'>供应商更新了文案</Text>
                  <Text className='words-supplier' userSelect>
                    {current.supplierText}
                  </Text>
                  <View className='words-choices'>
                    {choices.map(({ choice, label }) => (
                      <Button
                        key={choice}
                        size='small'
                        type='primary'
                        fill='outline'
                        disabled={busy}
                        onClick={() => void send({ choice }, '已更新')}
                      >
                        {label}
                      </Button>
                    ))}
                  </View>
                </View>
              ) : null}
              <View className='wg-card'>
                <Text className='wg-card-title'>{current.own === null ? '供应商的文案（改了就是你自己的）' : '我的文案'}</Text>
                <TextArea className='words-input' value={text} maxLength={-1} autoSize onChange={(next) => setDraft(next)} />
                <Text className='words-count'>
                  {codePointLength(text)}/{MY_TEXT_MAX}
                </Text>
              </View>
              {folds.length > 0 ? (
                <View className='wg-card words-check'>
                  <Text className='words-check-title'>朋友圈可能折叠含「{folds.join('」「')}」的内容，换个说法更容易被看到：</Text>
                  <Marked text={text} />
                </View>
              ) : null}
              {repeated ? <Text className='words-repeat'>和你上一次转发的文案相同，连续转发相同的文案容易被折叠</Text> : null}
              {error ? <Text className='words-error'>{error}</Text> : null}
              <View className='words-actions'>
                <Button type='primary' block loading={busy} onClick={() => void send({ text }, '已保存，转发时使用我的文案')}>
                  保存我的文案
                </Button>
                {current.own !== null ? (
                  <Button block fill='outline' disabled={busy} onClick={() => void send({ text: null }, '已恢复供应商的文案')}>
                    恢复供应商的文案
                  </Button>
                ) : null}
              </View>
            </>
          )
        }}
      </LoadGate>
    </PageShell>
  )
}

import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { checkWith } from '@/domain/errors'
import { CreatePostInput, POST_PRODUCTS_MAX, POST_TEXT_MAX } from '@/domain/post'
import { codePointLength } from '@/domain/text'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import { useFormSubmit, type Checked } from '@/hooks/useFormSubmit'
import { useSubmissionKey } from '@/hooks/useSubmissionKey'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { FieldError, FormError } from '@/components/FormMessages'
import { useConfirm } from '@/components/ConfirmDialog'
import { useSession } from '@/session'
import DraftBanner from '@/components/DraftBanner'
import SpecImages from '@/supplier/publish/form/SpecImages'
import type { DraftImage } from '@/supplier/publish/form/draft'
import ProductPicker from './ProductPicker'
import { emptyPostDraft, isBlank, loadPostDraft, postDraftKey, savePostDraft, type DraftProduct, type PostDraft } from './draft'
import './index.scss'

/** Issue paths → the form's three fields. */
const fieldOf = (path: Array<string | number>) => String(path[0] ?? '')

function PostForm({ userId }: { userId: string }) {
  const key = postDraftKey(userId)
  const [start] = useState(() => {
    const saved = loadPostDraft(key)
    return { draft: saved ?? emptyPostDraft, restored: saved !== null && !isBlank(saved) }
  })
  const [draft, setDraft] = useState<PostDraft>(start.draft)
  const [restored, setRestored] = useState(start.restored)
  const [uploading, setUploading] = useState(0)
  const [picking, setPicking] = useState(false)
  const keyFor = useSubmissionKey('po')
  const done = useRef(false)
  const form = useFormSubmit({
    check: (): Checked<CreatePostInput> => {
      const input = { text: draft.text, images: draft.images.map((i) => i.fileID), productIds: draft.products.map((p) => p._id) }
      const checked = checkWith(CreatePostInput, input, fieldOf)
      return checked.ok ? checked : { ...checked, message: '请按提示修改后再发布' }
    },
    send: (input: CreatePostInput) => callCloud('post', 'create', { ...input, idempotencyKey: keyFor(input) }),
    toast: '发布成功',
    done: () => {
      done.current = true
      savePostDraft(key, emptyPostDraft)
      setTimeout(() => void Taro.redirectTo({ url: route('supplier/posts/index') }), 600)
    },
    fieldOf,
    alwaysSay: true,
  })
  const { errors, formError, saving: submitting, clear, report } = form
  const { confirm, dialog } = useConfirm()

  useEffect(() => {
    if (!done.current) savePostDraft(key, draft)
  }, [key, draft])

  const update = (patch: Partial<PostDraft>) => {
    setDraft((prev) => ({ ...prev, ...patch }))
    clear(...Object.keys(patch).map((k) => (k === 'products' ? 'productIds' : k)))
  }
  const changeImages = useCallback(
    (change: (images: DraftImage[]) => DraftImage[]) => {
      setDraft((prev) => ({ ...prev, images: change(prev.images) }))
      clear('images')
    },
    [clear],
  )
  const onBusy = useCallback((n: number) => setUploading(n), [])

  const discard = async () => {
    const ok = await confirm({ title: '清空草稿', content: '清空后已填写的内容将无法恢复', confirmText: '清空', danger: true })
    if (!ok) return
    setDraft(emptyPostDraft)
    setRestored(false)
    report({})
  }

  const submit = () => {
    if (uploading > 0) void Taro.showToast({ title: '图片还在上传，请稍候', icon: 'none' })
    else void form.submit()
  }

  const length = codePointLength(draft.text)
  const removeProduct = (id: string) => update({ products: draft.products.filter((p) => p._id !== id) })

  return (
    <>
      {restored ? <DraftBanner text='已恢复上次未发布的草稿' action='清空' onAction={() => void discard()} /> : null}

      <View className={`wg-card post-text-card${errors.text ? ' field-invalid' : ''}`}>
        <View className='card-head'>
          <Text className='wg-card-title'>动态描述</Text>
          <Text className={`post-counter${length > POST_TEXT_MAX ? ' counter-over' : ''}`}>
            {length}/{POST_TEXT_MAX}
          </Text>
        </View>
        <TextArea
          className='post-text-input'
          value={draft.text}
          placeholder='写下营销文案：上新、爆款、活动…微商会转发到朋友圈'
          maxLength={-1}
          autoSize
          onChange={(text) => update({ text })}
        />
        <FieldError message={errors.text} name='text' />
      </View>

      <View className='wg-card post-images-card'>
        <View className='card-head'>
          <Text className='wg-card-title'>动态配图</Text>
          <Text className='card-hint'>选填，最多 9 张，点击失败的图片可重试</Text>
        </View>
        <SpecImages images={draft.images} invalid={Boolean(errors.images)} onImagesChange={changeImages} onBusyChange={onBusy} />
        <FieldError message={errors.images} name='images' />
      </View>

      <View className={`wg-card post-products-card${errors.productIds ? ' field-invalid' : ''}`}>
        <View className='card-head'>
          <Text className='wg-card-title'>导购商品</Text>
          <Text className='card-hint'>
            {draft.products.length}/{POST_PRODUCTS_MAX}，微商点动态会打开这些商品
          </Text>
        </View>
        {draft.products.map((product) => (
          <View key={product._id} className='chosen-product' data-product-id={product._id}>
            {product.thumbnail ? (
              <Image className='chosen-thumb' src={product.thumbnail} mode='aspectFill' />
            ) : (
              <View className='chosen-thumb' />
            )}
            <Text className='chosen-text'>{product.description}</Text>
            <Text className='chosen-remove' onClick={() => removeProduct(product._id)}>
              移除
            </Text>
          </View>
        ))}
        <Button className='choose-products' fill='outline' type='primary' block onClick={() => setPicking(true)}>
          {draft.products.length > 0 ? '修改导购商品' : '选择导购商品'}
        </Button>
        <FieldError message={errors.productIds} name='productIds' />
      </View>

      <FormError message={formError} />
      <View className='post-submit-bar'>
        <Button className='post-submit' type='primary' block loading={submitting} disabled={submitting} onClick={() => void submit()}>
          {uploading > 0 ? `图片上传中（${uploading}）` : '发布动态'}
        </Button>
      </View>

      <ProductPicker
        visible={picking}
        chosen={draft.products}
        onClose={() => setPicking(false)}
        onConfirm={(products: DraftProduct[]) => {
          setPicking(false)
          update({ products })
        }}
      />
      {dialog}
    </>
  )
}

/** 发布动态 (R14): text with a live counter, up to nine pictures, 1–9 of the supplier's on-sale products. */
export default function PublishPostPage() {
  const { state, refresh } = useSession()
  return (
    <PageShell className='publish-post-page'>
      <LoadGate state={state} onRetry={() => void refresh()}>
        {(session) => <PostForm userId={session.user._id} />}
      </LoadGate>
    </PageShell>
  )
}

import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ActionArgs, ActionOutput } from '@/domain/api'
import { checkWith } from '@/domain/errors'
import { SaveStorefrontInput } from '@/domain/storefront-schemas'
import { callCloud } from '@/api/cloud'
import { chooseImages, uploadImage } from '@/api/storage'
import TextRow from '@/components/FieldRow/TextRow'
import { FormError } from '@/components/FormMessages'
import { toastError } from '@/components/FormMessages/toast'
import { useFormSubmit } from '@/hooks/useFormSubmit'

type Storefront = ActionOutput<'storefront', 'mine'>

/** The cover as it shows: the chosen picture, or the app's plain placeholder. */
function Cover({ url }: { url: string }) {
  return url ? (
    <Image className='store-cover' src={url} mode='aspectFill' />
  ) : (
    <View className='store-cover store-cover-none'>还没有封面</View>
  )
}

/**
 * The storefront's cover and name, and 编辑: a name field and a cover picked from the album and
 * uploaded into the agent's own upload folder (as product pictures are; the picker asks for privacy
 * consent first), both saved together by `storefront.save`.
 */
export default function StoreHead({ store, onSaved }: { store: Storefront; onSaved: (next: Storefront) => void }) {
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(store.name)
  const [cover, setCover] = useState<{ fileID: string; url: string } | null>(null)
  const [uploading, setUploading] = useState(false)
  const { errors, formError, saving, submit, clear } = useFormSubmit({
    check: () => checkWith(SaveStorefrontInput, { name, ...(cover ? { cover: cover.fileID } : {}) }),
    send: (input: ActionArgs<'storefront', 'save'>) => callCloud('storefront', 'save', input),
    toast: '已保存',
    done: (saved) => {
      onSaved(saved)
      setCover(null)
      setEditing(false)
    },
  })

  const pickCover = async () => {
    if (uploading) return
    try {
      const [picked] = await chooseImages(1)
      if (!picked) return
      setUploading(true)
      const uploaded = await uploadImage(picked.source)
      setCover(uploaded)
      clear('cover')
    } catch (e) {
      toastError(e)
    } finally {
      setUploading(false)
    }
  }

  if (!editing) {
    return (
      <View className='store-head'>
        <Cover url={store.coverUrl} />
        <View className='store-title'>
          <Text className='store-name'>{store.name}</Text>
          <Text
            className='store-edit'
            onClick={() => {
              setName(store.name)
              setEditing(true)
            }}
          >
            编辑
          </Text>
        </View>
      </View>
    )
  }
  return (
    <View className='wg-card store-form'>
      <View className='store-cover-pick' onClick={() => void pickCover()}>
        <Cover url={cover?.url ?? store.coverUrl} />
        <Text className='store-cover-hint'>{uploading ? '上传中…' : '点击更换封面'}</Text>
      </View>
      <TextRow
        name='name'
        label='小店名称'
        inputClass='store-name-input'
        value={name}
        placeholder='给小店起个名字'
        error={errors.name}
        onChange={(value) => {
          setName(value)
          clear('name')
        }}
      />
      <FormError message={formError || (errors.cover ?? '')} />
      <View className='store-form-actions'>
        <Button className='store-cancel' fill='outline' onClick={() => setEditing(false)}>
          取消
        </Button>
        <Button className='store-save' type='primary' loading={saving} disabled={saving || uploading} onClick={() => void submit()}>
          保存
        </Button>
      </View>
    </View>
  )
}
